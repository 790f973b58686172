/**
 * What kind of cell each output column's values are in the workbook (spec 5, v2): amounts are numbers shown
 * `0.00`, dates are dates, counts are numbers, and everything else is text, ID numbers, txn_ids and region
 * codes above all (a number would lose an 18-digit ID's last digits). Keyed by column name, as the headers
 * are (labels.ts): the names mean the same in every output, and a column not named here (a new one, such as
 * a refund's id) is text, the kind that can lose nothing.
 */
export type CellKind = 'text' | 'money' | 'date' | 'integer' | 'rate';

const KINDS: Record<string, CellKind> = {
  standard: 'money', subsidy: 'money', expected_personal: 'money', collected_personal: 'money', expected_assistance: 'money',
  collected_assistance: 'money', variance: 'money', assistance_variance: 'money', refund_due: 'money', amount: 'money',
  refund_total: 'money', arrears: 'money',
  benefit_start: 'date', first_paid_at: 'date', last_paid_at: 'date', suspend_from: 'date', resume_on: 'date',
  coverage_year: 'integer', payments: 'integer', persons: 'integer', line: 'integer',
  collection_rate: 'rate',
};

export function cellKind(column: string): CellKind {
  return column.startsWith('count_') ? 'integer' : KINDS[column] ?? 'text';
}
