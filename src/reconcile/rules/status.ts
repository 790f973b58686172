import type { Window } from '../../policy/policy-file.js';
import type { CountedEntry } from './entitled-assistance.js';
import type { Status } from '../../db/result-status.js';
import type { Flag, PaymentFact, PersonFacts } from '../person-facts.js';

export type StatusInputs = {
  /** Rule 2 made this row a duplicate enrollment. */
  duplicateEnrollment: boolean;
  /** A policy value the row needs is absent (rules 3 and 4), so its money is unknown. */
  policyGap: boolean;
  collectedPersonal: number;
  /** E; null only where a policy gap leaves it unknown. */
  expectedPersonal: number | null;
  subsidy: number | null;
  /** The earliest personal payment is before the effective_from of the entry giving S. */
  paidBeforeRecognition: boolean;
  asOf: string;
  /** The person's deadline (deadlineOf); null in a region where they are not enrolled, which has none. */
  deadline: string | null;
  hasPayments: boolean;
  entitled: boolean;
};

/**
 * Rule 6: the first status that holds, in the spec's order; every row's status is decided here, a duplicate
 * enrollment's and a policy gap's included. (`C_p ≤ 0 < E` counts as UNPAID: a person whose payments were
 * all reversed has paid nothing.)
 */
export function decideStatus(s: StatusInputs): Status {
  const cp = s.collectedPersonal;
  const e = s.expectedPersonal;
  if (s.duplicateEnrollment) return 'DUPLICATE_ENROLLMENT';
  if (s.policyGap || e === null) return 'POLICY_GAP';
  if (cp > e && (s.subsidy ?? 0) > 0 && s.paidBeforeRecognition) return 'REFUND_DUE';
  if (cp > e) return 'OVERPAID';
  if (cp < e && s.deadline !== null && s.asOf <= s.deadline) return 'PENDING';
  if (!s.hasPayments && s.entitled) return 'NOT_ENROLLED';
  if (cp <= 0 && e > 0) return 'UNPAID';
  if (cp < e) return 'UNDERPAID';
  return 'OK';
}

/**
 * The person's deadline (rules 6 and 7): the collection window's end; for a person with S > 0,
 * `assisted_end` where the region sets one.
 */
export function deadlineOf(window: Window, subsidy: number): string {
  return subsidy > 0 && window.assisted_end ? window.assisted_end : window.end;
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
