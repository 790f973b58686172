import type { PolicyChain } from '../../policy/policy-chain.js';
import type { DuplicateEntry, PersonFacts } from '../person-facts.js';
import type { RegionGroup } from '../region-groups.js';
import type { Expected } from './expected.js';
import type { RowRole } from './rows.js';

/** What rule 2 reads of a region: a person's RegionGroup, or the RegionTally of a person too large to hold. */
export type PrimaryCandidate = Pick<RegionGroup, 'regionCode' | 'netPersonal' | 'netAssistance' | 'hasStudentPayment' | 'first'>;

/**
 * The clauses a DUPLICATE_ENROLLMENT row and its refunds cite, from the row's own chain (spec 3: no document
 * number in code): `duplicate_enrollment` (the national file: 重复参保治理), and, when a student payment chose
 * the primary region (学籍地), `student_region` where the chain carries it; when an assisted student's choice
 * did (四(三)), `assisted_student_may_choose_region`'s clause where the chain carries it. A primary chosen by
 * the earliest payment is the product's own convention and cites no document for it.
 */
export function duplicateEnrollmentCitations(chain: PolicyChain, basis: PrimaryBasis): string[] {
  const out: string[] = [];
  const why = { student_region: ['student_region'], assisted_student_choice: ['assisted_student_may_choose_region'], earliest_payment: [] }[basis];
  for (const key of ['duplicate_enrollment', ...why]) {
    const c = chain.citation(key);
    if (c) out.push(c.value);
  }
  return out;
}

/**
 * What rule 2 needs of rule 3 (spec 4, order of evaluation (b)), asked only where it matters: whether the
 * student region's chain has `assisted_student_may_choose_region` (赣医保发〔2022〕14号 四(三)), and whether
 * the person's assistance counts in another candidate region, rule 3 evaluated as if it were the primary.
 */
export type AssistedChoice<G> = { mayChoose: (studentRegion: G) => boolean; assistedThere: (region: G) => boolean };

/** Why rule 2 chose the primary region (the duplicates' citations depend on it). */
export type PrimaryBasis = 'student_region' | 'assisted_student_choice' | 'earliest_payment';

/**
 * Rule 2: a person with net payments > 0 in two or more regions is enrolled once. The primary region is
 * the one with a payment as a student of any kind (学籍地, studiesThere), else the one with the earliest
 * payment, ties to the lower code. (v2) Where the student region's chain lets an assisted student choose
 * (四(三) "可以选择在身份认定地区参保"), a student whose assistance counts in another candidate region and
 * who enrolled there too is read as having made that choice: that region is the primary (the earliest of
 * them, ties to the lower code). Every other region with net payments > 0 is a duplicate enrollment. With
 * no region above zero the same order picks the primary among all (so every row has one primary).
 */
export function choosePrimaryRegion<G extends PrimaryCandidate>(groups: G[], choice?: AssistedChoice<G>): Enrollment<G> {
  const positive = groups.filter((g) => g.netPersonal + g.netAssistance > 0);
  const candidates = positive.length ? positive : groups;
  const ordered = [...candidates].sort(
    (a, b) =>
      Number(b.hasStudentPayment) - Number(a.hasStudentPayment) ||
      a.first.paidOn.localeCompare(b.first.paidOn) ||
      (a.first.paidTime ?? '').localeCompare(b.first.paidTime ?? '') ||
      a.regionCode.localeCompare(b.regionCode),
  );
  let primary = ordered[0]!;
  let basis: PrimaryBasis = primary.hasStudentPayment ? 'student_region' : 'earliest_payment';
  if (basis === 'student_region' && choice && positive.length > 1 && choice.mayChoose(primary)) {
    // `ordered` is in payment order after the student regions: the first assisted non-student region is the earliest.
    const chosen = ordered.find((g) => g !== primary && positive.includes(g) && choice.assistedThere(g));
    if (chosen) {
      primary = chosen;
      basis = 'assisted_student_choice';
    }
  }
  return { primary, duplicates: positive.filter((g) => g !== primary), basis };
}

export type Enrollment<G> = { primary: G; duplicates: G[]; basis: PrimaryBasis };

/** A region's role once rule 2 has chosen. */
export function roleOf<G>(group: G, enrollment: Enrollment<G>): RowRole {
  if (group === enrollment.primary) return 'primary';
  return enrollment.duplicates.includes(group) ? 'duplicate' : 'secondary';
}

/**
 * What a region where the person is not enrolled expects: nothing, and no assistance is counted there. A
 * duplicate enrollment shows no standard and has its whole net collection refunded (refunds.ts); a region
 * whose net is 0 or less shows a standard of 0, so that its row reads as "nothing due here".
 */
export function expectedOutsidePrimary(role: Exclude<RowRole, 'primary'>): Expected {
  return role === 'duplicate' ? DUPLICATE_EXPECTED : SECONDARY_EXPECTED;
}

const DUPLICATE_EXPECTED: Expected = Object.freeze({ standard: null, subsidy: 0, personal: 0, assistance: 0, gaps: [] });
const SECONDARY_EXPECTED: Expected = Object.freeze({ standard: 0, subsidy: 0, personal: 0, assistance: 0, gaps: [] });

/** The duplicates.csv entry of a person enrolled in more than one region: all its regions, the duplicates' payments. */
export function duplicateEnrollmentEntry(person: PersonFacts, enrollment: Enrollment<RegionGroup>): DuplicateEntry {
  const { primary, duplicates } = enrollment;
  return {
    kind: 'DUPLICATE_ENROLLMENT', idNumber: person.idNumber, name: primary.latest.name,
    regionCodes: [primary, ...duplicates].map((g) => g.regionCode).sort(),
    txnIds: duplicates.flatMap((g) => g.payments.map((p) => p.txnId)),
    otherIdNumber: null,
    detail: `primary region ${primary.regionCode}; refunded in ${duplicates.map((g) => g.regionCode).join(', ')}`,
  };
}
