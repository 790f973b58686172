import type { ResolvedWindow } from '../../policy/policy-chain.js';
import type { CountedEntry } from './entitled-assistance.js';
import type { Status } from '../../db/result-status.js';
import { addDays } from '../../normalise/dates.js';
import type { EmployeeEnrollmentFact, Flag, PaymentFact, PersonFacts } from '../person-facts.js';

export type StatusInputs = {
  /** Rule 2 made this row a duplicate enrollment. */
  duplicateEnrollment: boolean;
  /** A policy value the row needs is absent (rules 3 and 4), so its money is unknown. */
  policyGap: boolean;
  /** (v2) A roster-only row whose person is employee-insured for the whole benefit period (insuredForWholePeriod). */
  insuredAsEmployee?: boolean;
  collectedPersonal: number;
  /** C_a: with C_p, whether anything was paid at all (PENDING). */
  collectedAssistance: number;
  /** E; null only where a policy gap leaves it unknown. */
  expectedPersonal: number | null;
  subsidy: number | null;
  /** The earliest personal payment is before the effective_from of the entry giving S. */
  paidBeforeRecognition: boolean;
  asOf: string;
  /** The person's deadline (deadlineOf); null in a region where they are not enrolled, which has none. */
  deadline: Deadline | null;
  hasPayments: boolean;
  entitled: boolean;
};

/**
 * Rule 6: the first status that holds, in the spec's order; every row's status is decided here, a duplicate
 * enrollment's and a policy gap's included. (`C_p ≤ 0 < E` counts as UNPAID: a person whose payments were
 * all reversed has paid nothing.) PENDING (v2) is "C_p < E, or nothing paid at all (neither personal nor
 * assistance)" before the deadline: the second half is what keeps a full-assistance person (E = 0, A > 0)
 * who has paid nothing yet PENDING rather than NOT_ENROLLED inside the window. "Nothing paid" reads net, as
 * UNPAID does (C_p ≤ 0 and C_a ≤ 0; `fiscal` money is neither), and only where something is owed (A > 0
 * when E = 0): a person who owes nothing (a Jiangxi student, standard 0) is not waiting for anything.
 */
export function decideStatus(s: StatusInputs): Status {
  const cp = s.collectedPersonal;
  const e = s.expectedPersonal;
  if (s.duplicateEnrollment) return 'DUPLICATE_ENROLLMENT';
  if (s.policyGap || e === null) return 'POLICY_GAP';
  if (s.insuredAsEmployee && !s.hasPayments) return 'INSURED_AS_EMPLOYEE';
  if (cp > e && (s.subsidy ?? 0) > 0 && s.paidBeforeRecognition) return 'REFUND_DUE';
  if (cp > e) return 'OVERPAID';
  const nothingPaid = cp <= 0 && s.collectedAssistance <= 0 && (s.subsidy ?? 0) > 0;
  if ((cp < e || nothingPaid) && s.deadline !== null && s.asOf <= lastDayOf(s.deadline)) return 'PENDING';
  if (!s.hasPayments && s.entitled) return 'NOT_ENROLLED';
  if (cp <= 0 && e > 0) return 'UNPAID';
  if (cp < e) return 'UNDERPAID';
  return 'OK';
}

/**
 * Rule 6's INSURED_AS_EMPLOYEE (v2): whether the employee enrollments, as known on D, cover every day of the
 * benefit period. An enrollment still open on D (insured_to blank, or after D) is read as lasting to the
 * period end: the bureau knows of no end. Consecutive enrollments (one ends, the next begins the day after,
 * in any region) cover without a gap. One pass over enrollments in insured_from order (person-stream.ts).
 */
export function insuredForWholePeriod(enrollments: readonly EmployeeEnrollmentFact[], period: { start: string; end: string }): boolean {
  let coveredFrom = period.start; // the first day not yet known to be covered
  for (const e of enrollments) {
    if (e.insuredFrom > coveredFrom) return false;
    if (e.insuredTo === null) return true;
    const next = addDays(e.insuredTo, 1);
    if (next > coveredFrom) coveredFrom = next;
    if (coveredFrom > period.end) return true;
  }
  return false;
}

/**
 * The person's deadline (rules 6 and 7). `date` is the deadline where it is decided; while a locality may
 * still extend it (spec 3: `end_latest` after `end`; for a fixed-amount assisted person only
 * `assisted_end_latest`), `date` is what is certain so far (a payment up to it is in time), `latest` the
 * latest date it may become, and `gap` the flag an undecided deadline raises once `date` has passed.
 */
export type Deadline = {
  date: string;
  latest: string | null;
  gap: 'collection_window.end' | 'collection_window.assisted_end' | null;
};

/**
 * The deadline of a person in a window: the window end; for a fixed-amount assisted person (the entry giving
 * S is a fixed amount, a percent or same_as one, not `full`: 定额资助), `assisted_end` where the chain sets
 * one. Undecided while the chain has `end_latest` after `end` (赣医保发 二(三) lets each pooling region
 * extend the whole window), or, for a fixed-amount assisted person, `assisted_end_latest` and no
 * `assisted_end` (a county may still extend theirs). Persons with full assistance keep `end`.
 */
export function deadlineOf(window: ResolvedWindow, fixedAssisted: boolean): Deadline {
  const general: Deadline = window.end_latest !== undefined && window.end_latest > window.end
    ? { date: window.end, latest: window.end_latest, gap: 'collection_window.end' }
    : { date: window.end, latest: null, gap: null };
  if (!fixedAssisted) return general;
  if (window.assisted_end !== undefined) {
    // A county decided for these persons; the whole window may still be extended beyond its date.
    if (general.latest !== null && general.latest > window.assisted_end) return { ...general, date: window.assisted_end };
    return { date: window.assisted_end, latest: null, gap: null };
  }
  if (window.assisted_end_latest !== undefined && window.assisted_end_latest > lastDayOf(general)) {
    return { date: window.end, latest: window.assisted_end_latest, gap: 'collection_window.assisted_end' };
  }
  return general;
}

/**
 * Until which as-of date the answers that rules 6 and 10 read off a deadline stay as they are on D
 * (holds-until.ts): PENDING and the collect actions ask whether D is after the deadline's last day
 * (lastDayOf), the undecided-deadline flag (only on a PENDING row) whether D is after its certain date. Each
 * answer changes the day after its date, so the result holds until the first of those dates not yet passed;
 * null once both have. They are asked only of a row that still owes something (owesSomething): a row paid
 * in full reads no deadline, so the deadline passing changes nothing of it.
 */
export function deadlineHoldsUntil(deadline: Deadline | null, asOf: string, owes: boolean): string | null {
  if (deadline === null || !owes) return null;
  if (asOf <= deadline.date) return deadline.date;
  const last = lastDayOf(deadline);
  return asOf <= last ? last : null;
}

/**
 * Whether a row owes anything by rules 6 and 10's reading: C_p < E (PENDING, COLLECT_PERSON), C_a < A
 * (COLLECT_FUND), or nothing paid by an entitled person (PENDING). Unknown amounts (a policy gap) owe nothing
 * known. Where this is false, neither decideStatus nor actionsOf compares D with the deadline.
 */
export function owesSomething(collectedPersonal: number, collectedAssistance: number, expected: { personal: number | null; assistance: number | null; subsidy: number | null }): boolean {
  if (expected.personal !== null && collectedPersonal < expected.personal) return true;
  if (expected.assistance !== null && collectedAssistance < expected.assistance) return true;
  return collectedPersonal <= 0 && collectedAssistance <= 0 && (expected.subsidy ?? 0) > 0;
}

/** The last day a deadline can be: its date when decided, its latest date while undecided. */
export function lastDayOf(deadline: Deadline): string {
  return deadline.latest ?? deadline.date;
}

/**
 * Rule 6: the flag of a PENDING row whose deadline is not decided yet, once the certain date has passed (the
 * person is PENDING only because the locality may still extend it); null otherwise.
 */
export function undecidedDeadlineFlag(deadline: Deadline | null, asOf: string): string | null {
  return deadline?.gap && asOf > deadline.date ? `POLICY_GAP:${deadline.gap}` : null;
}

/** REFUND_DUE's condition on dates: the earliest positive personal payment is before the entry giving S began. */
export function paidBeforeRecognition(payments: PaymentFact[], giving: CountedEntry | null): boolean {
  if (giving === null) return false;
  const earliest = payments.find((p) => p.payerType === 'personal' && p.amountFen > 0);
  return earliest !== undefined && earliest.paidOn < giving.entry.effectiveFrom;
}

/**
 * Whether the row's status was decided by its money. A duplicate enrollment is refunded whole and a policy
 * gap leaves the money unknown: no other finding about the money (DUPLICATE_PAYMENT, ASSISTANCE_*, the
 * benefit start) is made on them.
 */
export function decidedByMoney(status: Status): boolean {
  return status !== 'DUPLICATE_ENROLLMENT' && status !== 'POLICY_GAP';
}

/** Rule 6, independently of the status: C_a against A (an excess is refunded to the assistance fund). */
export function assistanceFlags(collectedAssistance: number, expectedAssistance: number): Flag[] {
  if (collectedAssistance < expectedAssistance) return ['ASSISTANCE_UNPAID'];
  if (collectedAssistance > expectedAssistance) return ['ASSISTANCE_OVERPAID'];
  return [];
}

/** Rule 6, independently of the status: the same ID number carries different names across the inputs. */
export function hasNameMismatch(person: PersonFacts): boolean {
  const names = new Set<string>();
  for (const p of person.payments) names.add(p.name);
  for (const r of person.roster) names.add(r.name);
  return names.size > 1;
}
