/**
 * The values of recon_results.status (SPEC §4, rule 6), in the order region_summary.csv's `count_<status>`
 * columns and the night's summary list them. Which status a row gets is decided in src/reconcile/; the
 * outputs and the summary only count them, so the list lives with the table.
 */
export const STATUSES = [
  'DUPLICATE_ENROLLMENT', 'POLICY_GAP', 'INSURED_AS_EMPLOYEE', 'REFUND_DUE', 'OVERPAID', 'PENDING', 'NOT_ENROLLED', 'UNPAID', 'UNDERPAID', 'OK',
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The values of recon_results.actions (SPEC §4, rule 10), in the order a row lists them (`;`-joined). Which
 * actions a row gets is decided in src/reconcile/rules/actions.ts. `SUSPEND_BENEFITS` is rule 9's.
 */
export const ACTIONS = ['REFUND_PERSON', 'REFUND_FUND', 'COLLECT_PERSON', 'COLLECT_FUND', 'ENROLL', 'SUSPEND_BENEFITS', 'REVIEW'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The flags a result row may carry (SPEC §4, rule 11): a closed set (docs/rules.md lists them), plus
 * `POLICY_GAP:<key>` for each absent policy value. `TOO_MANY_PAYMENTS` is this product's addition to the
 * spec's list. Which flags a row gets is decided in src/reconcile/; the list lives with the table, as the
 * statuses do, so that the outputs (labels, the guide) can name every one.
 */
export const FLAGS = [
  'ASSISTANCE_OVERPAID', 'ASSISTANCE_UNPAID', 'ASSISTED_ELSEWHERE', 'DUPLICATE_PAYMENT', 'EMPLOYEE_LAPSE_EXEMPT', 'EMPLOYEE_OVERLAP', 'FISCAL_PAID', 'LATE_PAYMENT', 'LATE_RECOGNITION_NO_REFUND',
  'MULTIPLE_ASSISTANCE', 'NAME_MISMATCH', 'REVERSED', 'TOO_MANY_PAYMENTS',
] as const;
export type Flag = (typeof FLAGS)[number] | `POLICY_GAP:${string}`;

/** The values of recon_refunds.payee and recon_refunds.reason (SPEC §5, refunds.csv; rules 2 and 6: src/reconcile/rules/refunds.ts). */
export const REFUND_PAYEES = ['person', 'assistance_fund'] as const;
export type RefundPayee = (typeof REFUND_PAYEES)[number];
export const REFUND_REASONS = ['ASSISTANCE_RECOGNISED_AFTER_PAYMENT', 'OVERPAID', 'DUPLICATE_ENROLLMENT', 'ASSISTANCE_OVERPAID'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** The values of recon_duplicates.kind (SPEC §5, duplicates.csv; rules 2, 5, 8 and 9). */
export const DUPLICATE_KINDS = ['DUPLICATE_ENROLLMENT', 'DUPLICATE_PAYMENT', 'POSSIBLE_DUPLICATE', 'RESIDENT_AND_EMPLOYEE'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];
