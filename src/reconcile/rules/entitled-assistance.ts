import { assistanceAmount, type AssistanceRule, type PolicyChain, type ResolvedWindow } from '../../policy/policy-chain.js';
import type { Flag, PaymentFact, RosterFact } from '../person-facts.js';

/**
 * A counted roster entry: its value (null with `gap` when the chain leaves it unknown), and whether it is
 * `full`. `late`: counted through `late_recognition.unenrolled` (recognised after the window, not enrolled
 * before it), which rule 7 case 6 reads. `citations`: the clauses that decided its value, each from the
 * chain, unique: the level stating the amount, each level that set a `same_as` hop to it (Ganzhou's
 * severe_disability → minimum_living, 赣市医保字〔2022〕24号 二), and `late_recognition` for a late entry;
 * clause by clause (a citation listing several, '; '-separated, is split).
 */
export type CountedEntry = { entry: RosterFact; amount: number | null; gap: string | null; citations: string[]; late: boolean; full: boolean };

/** The result of rule 3 for one person in one region's policy. */
export type EntitledAssistance = {
  /** S: the highest value of the counted entries (0 when none). */
  subsidy: number;
  /** The counted entry giving S (就高原则), or null. */
  giving: CountedEntry | null;
  counted: CountedEntry[];
  flags: Flag[];
  /**
   * Keys of absent policy values rule 3 needs (POLICY_GAP): a counted entry's amount (`assistance.<category>`),
   * whether a status that ended before enrollment counts (`ended_before_enrollment`), what a recognition after
   * the window means (`late_recognition`).
   */
  gaps: string[];
  /** Until which as-of date this answer holds (referenceHoldsUntil; holds-until.ts). */
  holdsUntil: string | null;
};

/**
 * "The benefit start without a late entry" (spec 4, order of evaluation): rule 7 with S from the entries that
 * begin on or before the window end only. `not_started`: the obligation is not met, so benefits have not
 * started; `unknown`: rule 7 leaves the date blank (a gap), so whether the person is in the benefit period
 * cannot be told.
 */
export type StartWithoutLate = { kind: 'date'; date: string } | { kind: 'not_started' } | { kind: 'unknown' };

export type RuleThreeInputs = {
  /** All the person's roster entries (each is judged against this row's region). */
  roster: RosterFact[];
  /** The row's region and its policy, window and the person's standard there. */
  regionCode: string;
  chain: PolicyChain;
  window: ResolvedWindow;
  standard: number;
  asOf: string;
  /** The row's payments for the year, in payment order. */
  payments: PaymentFact[];
  /** Asked only for an entry beginning after the window of a person enrolled before it (reconcile-person.ts). */
  startWithoutLate: () => StartWithoutLate;
};

/**
 * Rule 3, entitled assistance (spec 4.3, v2; 赣医保发〔2022〕14号 三(一)(二)). Facts dated after D are not
 * known on D: an entry beginning after D is ignored, an effective_to after D reads as open. The reference date
 * is the person's enrollment date P in the row's region (the first positive payment, any payer type) when P is
 * on or before the window end, the window end when P is after it, the earlier of D and the window end when
 * nothing is paid. Each entry, in this order:
 * - of another province than the row (the first two digits of its region differ): never counted here; flag
 *   ASSISTED_ELSEWHERE, unless the entry ended before the window opened (then it concerns no part of the year);
 * - ended before the window start: never counts;
 * - begins on or before the window end and has not ended before the reference date: counts (one recognised
 *   after P but inside the window too: rule 6 refunds);
 * - in effect during the window but ended before the reference date: the chain's `ended_before_enrollment`
 *   for the category decides, else POLICY_GAP:ended_before_enrollment;
 * - begins after the window end: the chain's `late_recognition` decides, case by case (lateRecognition).
 * A category the chain values `"none"` brings nothing and is no case at all (no gap asked, not listed as
 * counted, no MULTIPLE_ASSISTANCE). Values as the chain says (`"set_locally"` or absent: a gap naming
 * `assistance.<category>`); S is the highest; MULTIPLE_ASSISTANCE when more than one category counted (an
 * entry of unknown value counts for it; one whose counting is itself undecided does not).
 * Gaps that cannot change S are none: when a known value equals the standard (就高原则, and every value is
 * capped at the standard), S is the standard whatever the unknowns are, and the known entry gives it (a tie
 * with an unknown value goes to the known one, so the deadline stays the known entry's).
 */
export function entitledAssistance(inputs: RuleThreeInputs): EntitledAssistance {
  const { roster, regionCode, chain, window, asOf, payments } = inputs;
  const counted: CountedEntry[] = [];
  const flags = new Set<Flag>();
  const gaps = new Set<string>();
  const reference = referenceDate(payments, window, asOf);
  for (const known of roster) {
    if (known.effectiveFrom > asOf) continue; // not recognised yet on D
    const entry = known.effectiveTo !== null && known.effectiveTo > asOf ? { ...known, effectiveTo: null } : known;
    if (entry.effectiveTo !== null && entry.effectiveTo < window.start) continue; // ended before the window opened
    if (!sameProvince(entry.regionCode, regionCode)) {
      flags.add('ASSISTED_ELSEWHERE');
      continue;
    }
    const rule = chain.assistance(entry.category);
    if (!rule.assisted) continue; // "none": explicitly not assisted here
    let late = false;
    if (entry.effectiveFrom <= window.end) {
      if (entry.effectiveTo !== null && entry.effectiveTo < reference) {
        const decided = chain.endedBeforeEnrollment(entry.category);
        if (!decided) {
          gaps.add('ended_before_enrollment');
          continue;
        }
        if (decided.value === 'does_not_count') continue;
      }
    } else {
      const decision = lateRecognition(entry, chain, payments, inputs.startWithoutLate);
      if (decision === 'gap') gaps.add('late_recognition');
      if (decision === 'no_refund') flags.add('LATE_RECOGNITION_NO_REFUND');
      if (decision !== 'assist' && decision !== 'refund') continue;
      late = decision === 'assist';
    }
    counted.push(countedEntry(entry, rule, chain, inputs.standard, late));
  }
  const known = counted.filter((c) => c.amount !== null);
  // Highest value; among equals, the earliest recognition, then the category code, so the choice is stable.
  const giving =
    [...known].sort(
      (a, b) => b.amount! - a.amount! || a.entry.effectiveFrom.localeCompare(b.entry.effectiveFrom) || a.entry.category.localeCompare(b.entry.category),
    )[0] ?? null;
  if (new Set(counted.map((c) => c.entry.category)).size > 1) flags.add('MULTIPLE_ASSISTANCE');
  for (const c of counted) if (c.gap) gaps.add(c.gap);
  // No value exceeds the standard (a fixed amount is capped, `full` is it), so once a known value reaches it,
  // no unknown (an entry's amount, or whether an entry counts at all) can change S: the money is known.
  const settled = giving !== null && giving.amount! >= inputs.standard;
  return {
    subsidy: giving?.amount ?? 0, giving, counted, flags: [...flags], gaps: settled ? [] : [...gaps],
    holdsUntil: referenceHoldsUntil(payments, window, asOf, roster),
  };
}

/**
 * Rule 3's reference date: P when on or before the window end; the window end when P is after it; with
 * nothing paid, the earlier of D and the window end. P is the first positive payment of any payer type (a
 * reversal alone enrols no one).
 */
export function referenceDate(payments: PaymentFact[], window: ResolvedWindow, asOf: string): string {
  let enrolled: string | null = null;
  for (const p of payments) if (p.amountFen > 0 && (enrolled === null || p.paidOn < enrolled)) enrolled = p.paidOn;
  if (enrolled === null) return asOf < window.end ? asOf : window.end;
  return enrolled <= window.end ? enrolled : window.end;
}

/**
 * Until which as-of date rule 3's answer holds as far as D goes (holds-until.ts). D enters it only through
 * the reference date of a person with nothing paid: the earlier of D and the window end, which moves with D
 * until the window end. It is compared with the end dates of the entries known on D (`effective_to < reference`),
 * which are all on or before D: only an entry ending on D itself reads differently the next day (in effect
 * on D, ended before the reference date after it). So the answer holds until D where such an entry exists,
 * and on otherwise. (An end date after D is not known on D: it becomes a fact when D reaches it, which the
 * reconcile finds in SQL, dirty-persons.ts.)
 */
export function referenceHoldsUntil(payments: PaymentFact[], window: ResolvedWindow, asOf: string, roster: RosterFact[]): string | null {
  if (asOf >= window.end || payments.some((p) => p.amountFen > 0)) return null;
  return roster.some((r) => r.effectiveTo === asOf) ? asOf : null;
}

/**
 * Whether an entry was recognised in a region: its region and the region are in the same city (the first four
 * digits, GB/T 2260), where resident insurance is pooled (市级统筹): a county's recognition (360702) is the
 * identity region of an enrollment filed under the city (360700) or another of its counties. Rule 2 asks it
 * of an assisted student's choice (四(三) "身份认定地区"), which rule 3's province-wide counting cannot tell.
 */
export function recognisedIn(counted: CountedEntry, regionCode: string): boolean {
  return counted.entry.regionCode.slice(0, 4) === regionCode.slice(0, 4);
}

/** Province of a region code: its first two digits (GB/T 2260). */
function sameProvince(a: string, b: string): boolean {
  return a.slice(0, 2) === b.slice(0, 2);
}

/**
 * An entry beginning after the window end (and on or before D), as the chain's `late_recognition` decides
 * (赣医保发〔2022〕14号 三(二)): `assist` (counts, the person was not enrolled: the net of their payments dated
 * before effective_from is not above 0), `refund` (counts for a person already enrolled: rule 6 refunds),
 * `no_refund` (does not count; LATE_RECOGNITION_NO_REFUND), `gap` (the chain does not decide the case).
 * Enrolled: in the benefit period when the benefit start without this entry is on or before effective_from
 * (`in_benefit_period`), else not yet started (`before_benefit`). Where that start is unknown (rule 7 leaves
 * it blank), the case is decided only when both keys say the same.
 */
function lateRecognition(
  entry: RosterFact, chain: PolicyChain, payments: PaymentFact[], startWithoutLate: () => StartWithoutLate,
): 'assist' | 'refund' | 'no_refund' | 'gap' {
  let before = 0;
  for (const p of payments) if (p.paidOn < entry.effectiveFrom) before += p.amountFen;
  if (before <= 0) return chain.lateRecognition('unenrolled')?.value ?? 'gap';
  const inPeriod = chain.lateRecognition('in_benefit_period')?.value;
  const notStarted = chain.lateRecognition('before_benefit')?.value;
  const start = startWithoutLate();
  if (start.kind === 'unknown') return inPeriod !== undefined && inPeriod === notStarted ? inPeriod : 'gap';
  const decided = start.kind === 'date' && start.date <= entry.effectiveFrom ? inPeriod : notStarted;
  return decided ?? 'gap';
}

function countedEntry(
  entry: RosterFact, rule: AssistanceRule & { assisted: true }, chain: PolicyChain, standard: number, late: boolean,
): CountedEntry {
  const found = [
    rule.rule?.citation, ...rule.via.map((category) => chain.value(`assistance.${category}`)?.citation),
    late ? chain.lateRecognition('unenrolled')?.citation : null,
  ];
  // A citation naming several clauses ("…24号 二; …14号 三(一)") is taken clause by clause, so that a clause
  // stated at two levels appears once in the row's '; '-joined rule cell.
  const citations = [...new Set(found.flatMap((c) => (c ? c.split('; ') : [])))];
  if ('gap' in rule) return { entry, amount: null, gap: rule.gap, citations, late, full: false };
  return { entry, amount: assistanceAmount(rule.rule.value, standard), gap: null, citations, late, full: rule.rule.value === 'full' };
}

/** Rule 3 where it is not evaluated (a region where the person is not enrolled, or a gap before it): nothing counted. */
export const NOTHING_COUNTED: EntitledAssistance = Object.freeze({ subsidy: 0, giving: null, counted: [], flags: [], gaps: [], holdsUntil: null });
