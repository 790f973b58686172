import { addDays } from '../../normalise/dates.js';
import type { PolicyChain } from '../../policy/policy-chain.js';
import type { BenefitSuspension, DuplicateEntry, EmployeeEnrollmentFact, Flag } from '../person-facts.js';

/** What rule 9 finds on one row: its flags, duplicates.csv rows, suspensions, citations, and whether it asks for a review. */
export type EmployeeOverlap = {
  flags: Flag[];
  duplicates: DuplicateEntry[];
  suspensions: BenefitSuspension[];
  citations: string[];
  /** An overlap that no suspension resolves: already employee-insured, or no suspension rule in the chain. */
  review: boolean;
};

/**
 * Rule 9 (v2), resident and employee insurance at once, for a person's primary resident row with a net
 * collection (C_p + C_a) > 0: each employee enrollment (any region) overlapping the row's benefit period
 * [benefit start, or the period start when blank; period end] flags the row EMPLOYEE_OVERLAP and is a
 * duplicates.csv row `RESIDENT_AND_EMPLOYEE`. The documents split it in two:
 * - insured_from on or before the resident benefit start: plain 重复参保 (医保发〔2022〕20号 八); no document says
 *   what follows, so nothing is computed and the row asks for a REVIEW;
 * - insured_from inside the benefit period (四(六), and 四(三) for students after graduation): where the chain has
 *   `suspend_during_employee_insurance` true, the resident benefits are suspended from insured_from and
 *   resumed the day after insured_to (blank while still insured); where the chain lacks the key,
 *   POLICY_GAP:suspend_during_employee_insurance (a flag: the money stands) and a REVIEW; where it says
 *   false, no suspension and a REVIEW (the overlap is still unresolved).
 * The list cannot tell a seasonal job from another, so every enrollment beginning inside the period is read
 * as 四(六)'s case (docs/rules.md). Null where nothing overlaps (or the row collected nothing). One pass over
 * the person's enrollments: O(enrollments) per person.
 */
export function employeeOverlap(args: {
  idNumber: string; name: string; regionCode: string; collected: number; benefitStart: string | null; txnIds: string[];
  period: { start: string; end: string }; enrollments: readonly EmployeeEnrollmentFact[]; chain: PolicyChain;
}): EmployeeOverlap | null {
  const { enrollments, period } = args;
  if (args.collected <= 0 || enrollments.length === 0) return null;
  const from = args.benefitStart ?? period.start;
  const found: EmployeeOverlap = { flags: [], duplicates: [], suspensions: [], citations: [], review: false };
  const cite = (c: string | null | undefined) => { if (c && !found.citations.includes(c)) found.citations.push(c); };
  for (const e of enrollments) {
    if (e.insuredFrom > period.end || (e.insuredTo !== null && e.insuredTo < from)) continue;
    const overlapFrom = e.insuredFrom > from ? e.insuredFrom : from;
    const overlapTo = e.insuredTo !== null && e.insuredTo < period.end ? e.insuredTo : period.end;
    const joinedDuring = e.insuredFrom > from;
    cite(args.chain.citation('cross_scheme_duplicate')?.value);
    let outcome: string;
    if (!joinedDuring) {
      found.review = true;
      outcome = 'already employee-insured when the resident benefits start: review';
    } else {
      const suspend = args.chain.suspendDuringEmployeeInsurance();
      if (suspend?.value === true) {
        const resumeOn = e.insuredTo === null ? null : addDays(e.insuredTo, 1);
        const rule = suspend.citation ? [suspend.citation] : [];
        cite(suspend.citation);
        found.suspensions.push({
          idNumber: args.idNumber, name: args.name, regionCode: args.regionCode, suspendFrom: e.insuredFrom, resumeOn,
          employeeRegion: e.regionCode, rule,
        });
        outcome = `resident benefits suspended from ${e.insuredFrom}${resumeOn ? `, resumed on ${resumeOn}` : ' while insured'}`;
      } else {
        found.review = true;
        if (!suspend && !found.flags.includes('POLICY_GAP:suspend_during_employee_insurance')) found.flags.push('POLICY_GAP:suspend_during_employee_insurance');
        outcome = suspend ? 'joined during the benefit period; the policy suspends nothing: review' : 'joined during the benefit period; no suspension rule in the policy: review';
      }
    }
    found.duplicates.push({
      kind: 'RESIDENT_AND_EMPLOYEE', idNumber: args.idNumber, name: args.name, regionCodes: [args.regionCode, e.regionCode], txnIds: args.txnIds,
      otherIdNumber: null,
      detail: `resident ${args.regionCode} from ${from}; employee ${e.regionCode} ${e.insuredFrom} .. ${e.insuredTo ?? 'open'}`
        + `; overlap ${overlapFrom} .. ${e.insuredTo === null ? `${overlapTo} (still insured)` : overlapTo}; ${outcome}`,
    });
  }
  if (found.duplicates.length === 0) return null;
  found.flags.push('EMPLOYEE_OVERLAP');
  return found;
}
