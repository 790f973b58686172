import type { Status } from '../db/result-status.js';

export type StatusInputs = {
  duplicateEnrollment: boolean;
  policyGap: boolean;
  collectedPersonal: number;
  expectedPersonal: number;
  subsidy: number;
  /** The earliest personal payment is before the effective_from of the entry giving S. */
  paidBeforeRecognition: boolean;
  asOf: string;
  deadline: string;
  hasPayments: boolean;
  entitled: boolean;
};

/**
 * Rule 6: the first status that holds, in the spec's order. (`C_p ≤ 0 < E` counts as UNPAID: a person
 * whose payments were all reversed has paid nothing.)
 */
export function decideStatus(s: StatusInputs): Status {
  const cp = s.collectedPersonal;
  const e = s.expectedPersonal;
  if (s.duplicateEnrollment) return 'DUPLICATE_ENROLLMENT';
  if (s.policyGap) return 'POLICY_GAP';
  if (cp > e && s.subsidy > 0 && s.paidBeforeRecognition) return 'REFUND_DUE';
  if (cp > e) return 'OVERPAID';
  if (cp < e && s.asOf <= s.deadline) return 'PENDING';
  if (!s.hasPayments && s.entitled) return 'NOT_ENROLLED';
  if (cp <= 0 && e > 0) return 'UNPAID';
  if (cp < e) return 'UNDERPAID';
  return 'OK';
}
