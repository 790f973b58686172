import { sql } from 'kysely';
import type { ReadDb } from '../db/db.js';
import { STATUSES } from '../db/result-status.js';
import { formatFen } from '../normalise/amount.js';
import { regionName } from '../regions/region-table.js';
import { guardText, moneyCell as money, textCell as text } from './csv-file.js';
import { detail, inputKind, label, rejectReason, type Lang } from './labels.js';
import type { RegionTotals } from '../db/region-totals.js';

/** What reading an output's rows takes: the writer's Db, or a reader on another thread (workbook-worker.ts). */
export type TableReader = Pick<ReadDb, 'kysely' | 'batches'>;

/**
 * An output read back from one table: its columns (spec 5, in order), the rows in the file's sort order, and
 * each row's cells. The one definition of a file's header and lines: the CSV (output-files.ts) and the
 * workbook's sheet of the same rows (workbook-sheets.ts) are both made from it, so a column added here
 * appears in both, with the same values.
 */
export type OutputTable<R> = {
  columns: readonly string[];
  rows(db: TableReader, year: number): AsyncIterable<R[]>;
  cells(row: R, lang: Lang): string[];
};

const table = <R>(t: OutputTable<R>): OutputTable<R> => t;

export const REFUNDS = table({
  // refund_id first: stable for (year, person, region, payee, reason), so finance can tell a new refund (spec 5 v2).
  columns: ['refund_id', 'id_number', 'name', 'region_code', 'payee', 'amount', 'reason', 'rule'],
  rows: (db, year) => db.batches(db.kysely.selectFrom('recon_refunds').selectAll().where('coverage_year', '=', year)
    .orderBy('region_code').orderBy('id_number').orderBy('payee').orderBy('reason')),
  cells: (r, lang) => [r.refund_id, text(r.id_number), text(r.name), r.region_code, label(r.payee, lang), money(r.amount), label(r.reason, lang), text(r.rule)],
});

export const DUPLICATES = table({
  columns: ['kind', 'id_number', 'name', 'region_codes', 'txn_ids', 'other_id_number', 'detail'],
  // The whole year's rows, read in the table's order and sorted (`coverage_year + 0`): through either index
  // that leads with coverage_year (by person, by name) SQLite looked up each row and sorted anyway, 1.2 s
  // against 0.45 s for 195k rows at 5M persons; read twice a night (this file and the workbook's sheet).
  rows: (db, year) => db.batches(db.kysely.selectFrom('recon_duplicates').selectAll().where(sql<number>`coverage_year + 0`, '=', year)
    // name, txn_ids, detail: ties broken by the row's other cells (two pairs of the same two persons from two
    // blocks, of two names), so that the order never rests on when a row was stored: an incremental night
    // stores a pair found tonight after those kept, a full night all of them in block order.
    .orderBy('kind').orderBy('id_number').orderBy('other_id_number').orderBy('region_codes').orderBy('name').orderBy('txn_ids').orderBy('detail')),
  cells: (r, lang) => [label(r.kind, lang), text(r.id_number), text(r.name), r.region_codes, text(r.txn_ids), text(r.other_id_number), text(detail(r.kind, r.detail, null, lang))],
});

/** Rule 9's suspensions (v2), sorted by region, person and date (then the employee region: a full key). */
export const SUSPENSIONS = table({
  columns: ['id_number', 'name', 'region_code', 'suspend_from', 'resume_on', 'employee_region', 'rule'],
  rows: (db, year) => db.batches(db.kysely.selectFrom('recon_suspensions').selectAll().where('coverage_year', '=', year)
    .orderBy('region_code').orderBy('id_number').orderBy('suspend_from').orderBy('employee_region')),
  cells: (r) => [text(r.id_number), text(r.name), r.region_code, r.suspend_from, r.resume_on ?? '', r.employee_region, text(r.rule)],
});

/** Every rejected line ever stored (not per year: a reject has no year), by file then line. */
export const REJECTS = table({
  columns: ['file', 'line', 'kind', 'reason', 'detail', 'raw'],
  rows: (db) => db.batches(db.kysely.selectFrom('rejected_rows').select(['file_name', 'file_sha256', 'line', 'kind', 'reason', 'detail', 'raw'])
    .orderBy('file_name').orderBy('file_sha256').orderBy('line')),
  cells: (r, lang) => [text(r.file_name), String(r.line), inputKind(r.kind, lang), rejectReason(r.reason, lang), text(detail(r.reason, r.detail, r.kind, lang)), text(r.raw)],
});

/** region_summary.csv's columns, in order (spec 5). */
export const SUMMARY_COLUMNS: readonly string[] = ['region_code', 'region_name', 'persons', 'expected_personal', 'collected_personal',
  'expected_assistance', 'collected_assistance', 'refund_total', 'arrears', ...STATUSES.map((s) => `count_${s}`), 'collection_rate'];

/** region_summary.csv's cells for one region; collection_rate = rated collected / expected, four decimals, blank (not 0) where nothing is expected (spec 5 v2). */
export function regionSummaryCells(t: RegionTotals): string[] {
  const ep = t.expectedPersonal;
  return [
    t.regionCode, guardText(regionName(t.regionCode)), String(t.persons), formatFen(ep), formatFen(t.collectedPersonal),
    formatFen(t.expectedAssistance), formatFen(t.collectedAssistance), formatFen(t.refunds), formatFen(t.arrears),
    ...STATUSES.map((s) => String(t.statuses[s])),
    ep > 0 ? (Math.round((t.ratedCollectedPersonal / ep) * 10000) / 10000).toFixed(4) : '',
  ];
}
