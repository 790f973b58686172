import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * The column lists of the tables written in bulk, in the order their values are passed: one list per
 * table, shared by both engines' writers so that a value can never land in the wrong column.
 */
export const PAYMENT_COLUMNS = [
  'txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount_fen', 'paid_on', 'paid_time',
  'payer_type', 'category', 'tier', 'channel', 'source_sha256', 'source_line',
] as const;
/** The columns that make up a transaction's content: a txn_id repeated with any of them different conflicts. */
export const PAYMENT_CONTENT = PAYMENT_COLUMNS.slice(1, 12);

export const ROSTER_COLUMNS = [
  'id_number', 'category', 'effective_from', 'name', 'region_code', 'effective_to', 'source_dept',
  'source_sha256', 'source_line',
] as const;

export const REJECT_COLUMNS = ['file_sha256', 'file_name', 'line', 'kind', 'reason', 'detail', 'raw'] as const;

export const RESULT_COLUMNS = [
  'coverage_year', 'id_number', 'region_code', 'name', 'category', 'tier', 'assistance_category', 'standard', 'subsidy',
  'expected_personal', 'collected_personal', 'expected_assistance', 'collected_assistance', 'variance', 'refund_due',
  'status', 'flags', 'benefit_start', 'first_paid_at', 'last_paid_at', 'payments', 'is_primary', 'rule',
] as const;

export const REFUND_COLUMNS = ['coverage_year', 'id_number', 'region_code', 'payee', 'name', 'amount', 'reason', 'rule'] as const;

export const DUPLICATE_COLUMNS = ['coverage_year', 'kind', 'id_number', 'name', 'region_codes', 'txn_ids', 'other_id_number', 'detail'] as const;

/** `insert into table (columns) values (?, ?, ...)`, built by Kysely, for statements compiled once and run per row. */
export function insertStatement(k: Kysely<Database>, table: keyof Database, columns: readonly string[]) {
  return k.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, null])) as never);
}
