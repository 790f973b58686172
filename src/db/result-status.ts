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
