import type { Action, Status } from '../../db/result-status.js';
import type { Flag, Refund } from '../person-facts.js';
import { lastDayOf, type Deadline } from './status.js';

/**
 * The action a possible duplicate (rule 8) adds to the rows of both persons of a pair. Rule 8 runs across
 * persons once every person's rows are stored, so this one is added in SQL afterwards
 * (find-possible-duplicates.ts); it is the last of the order, so appending it keeps the order.
 */
export const POSSIBLE_DUPLICATE_ACTION: Action = 'REVIEW';

/**
 * The policy gaps that leave only a date unknown (spec 4.10): they flag the row, and add no action. Every
 * other `POLICY_GAP:<key>` leaves money or a follow-up unknown (a `POLICY_GAP` status, or rule 9's
 * `suspend_during_employee_insurance`) and asks for a review.
 */
const DATE_ONLY_GAPS = new Set(['waiting_days', 'benefit_start', 'newborn_grace_days', 'waiting_exempt_after_employee_months']);

export function isDateOnlyGap(key: string): boolean {
  return DATE_ONLY_GAPS.has(key) || key.startsWith('collection_window.');
}

/** The flags other than gaps that ask for a review: a name that differs between inputs, assistance recognised in another province (rule 3). */
const REVIEW_FLAGS: ReadonlySet<string> = new Set(['NAME_MISMATCH', 'ASSISTED_ELSEWHERE']);

export type ActionInputs = {
  status: Status;
  /** The row's flags, every rule's (`POLICY_GAP:<key>` included). */
  flags: readonly Flag[];
  /** The row's refunds (rules 2 and 6). */
  refunds: readonly Pick<Refund, 'payee'>[];
  collectedPersonal: number;
  /** E and A; null where a policy gap leaves them unknown (nothing to collect is known then). */
  expectedPersonal: number | null;
  collectedAssistance: number;
  expectedAssistance: number | null;
  /** The person's deadline (status.ts); null in a region where they are not enrolled. */
  deadline: Deadline | null;
  asOf: string;
  /** Rule 9 suspended the row's resident benefits (a benefit_suspensions.csv row). */
  suspended?: boolean;
  /** Rule 9 found an EMPLOYEE_OVERLAP that no suspension resolves (employee-overlap.ts). */
  overlapReview?: boolean;
};

/**
 * Rule 10: what someone must do about the row, in the spec's order. "After the deadline" is after its last
 * possible day: an undecided deadline (status.ts) has not passed until its latest date, as rule 6 reads it.
 * `ENROLL` (status `NOT_ENROLLED`) replaces both collect actions: the person is to be enrolled, not chased
 * for a payment. `SUSPEND_BENEFITS` and the EMPLOYEE_OVERLAP `REVIEW` are rule 9's (employee-overlap.ts); an
 * INSURED_AS_EMPLOYEE row expects nothing, so it gets neither ENROLL nor a collect action. The possible-duplicate `REVIEW` is added later, across persons (POSSIBLE_DUPLICATE_ACTION).
 */
export function actionsOf(a: ActionInputs): Action[] {
  const out: Action[] = [];
  if (a.refunds.some((r) => r.payee === 'person')) out.push('REFUND_PERSON');
  if (a.refunds.some((r) => r.payee === 'assistance_fund')) out.push('REFUND_FUND');
  const pastDeadline = a.deadline !== null && a.asOf > lastDayOf(a.deadline);
  if (a.status === 'NOT_ENROLLED') {
    out.push('ENROLL');
  } else if (pastDeadline) {
    if (a.expectedPersonal !== null && a.collectedPersonal < a.expectedPersonal) out.push('COLLECT_PERSON');
    if (a.expectedAssistance !== null && a.collectedAssistance < a.expectedAssistance) out.push('COLLECT_FUND');
  }
  if (a.suspended) out.push('SUSPEND_BENEFITS');
  if (a.status === 'POLICY_GAP' || a.overlapReview || a.flags.some(asksForReview)) out.push('REVIEW');
  return out;
}

function asksForReview(flag: Flag): boolean {
  if (flag.startsWith('POLICY_GAP:')) return !isDateOnlyGap(flag.slice('POLICY_GAP:'.length));
  return REVIEW_FLAGS.has(flag);
}

/** Rule 11: a row's flags sorted alphabetically (by code), as the `flags` cell shows them. */
export function sortedFlags(flags: readonly Flag[]): Flag[] {
  return [...flags].sort(); // code-unit order: the codes are ASCII
}
