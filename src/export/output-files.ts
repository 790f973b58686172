import { join } from 'node:path';
import { failpoint } from '../base/failpoints.js';
import type { Db } from '../db/db.js';
import { STATUSES } from '../db/result-status.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import { formatFen } from '../normalise/amount.js';
import { regionName } from '../regions/region-table.js';
import { guardText, moneyCell as money, textCell as text, writeCsv, writeCsvFromParts, type WrittenFile } from './csv-file.js';
import { changeCells, changesQuery, CHANGES_COLUMNS } from './changes-rows.js';
import { detail, header, inputKind, label, rejectReason, type Lang } from './labels.js';
import { RECONCILIATION_COLUMNS, reconciliationCells } from './reconciliation-cells.js';
import type { SpilledReconciliation } from './region-spill.js';
import { regionTotals, type RegionTotals } from './region-totals.js';

/**
 * The seven CSVs of spec 5 (changes.csv: changes-rows.ts) for a reconciled year, written into the folder `tmp`. Every CSV is sorted on a
 * full key, so the same database and as-of date give byte-identical files. `resultRows`: the rows reconcile
 * recorded, which spilled lines (`recon run`) must number; `previousAsOf`: the as-of date of changes.csv's baseline; `baselineListed`: whether it lists its persons (changes-rows.ts).
 */
export async function writeOutputFiles(
  db: Db, tmp: string, options: { year: number; lang: Lang; resultRows: number; previousAsOf: string | null; baselineListed: boolean; spilled?: SpilledReconciliation | undefined },
): Promise<{ files: WrittenFile[]; regions: RegionTotals[] }> {
  const k = db.kysely;
  const { lang, year } = options;
  const files: WrittenFile[] = [];
  const h = (names: string[]) => names.map((n) => header(n, lang));

  const reconciliation = join(tmp, 'reconciliation.csv');
  const spilled = options.spilled;
  if (spilled) {
    // `recon run`: the lines were written as reconcile stored the rows; check they are this year's, in
    // this language, and as many as reconcile recorded, before copying them in.
    if (spilled.year !== year || spilled.lang !== lang || spilled.rows !== options.resultRows) {
      throw new Error(`the spilled reconciliation lines (${spilled.year}, ${spilled.lang}, ${spilled.rows} rows) do not match ${year}, ${lang}, ${options.resultRows} rows`);
    }
    files.push(await writeCsvFromParts(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), spilled.parts, spilled.rows, spilled.amended));
  } else {
    // The values come in RECON_RESULTS's order (the select's), as reconciliationCells takes them.
    files.push(await writeCsv(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), mapRows(
      db.valueBatches(k.selectFrom('recon_results').select([...RECON_RESULTS.inserted]).where('coverage_year', '=', year).orderBy('region_code').orderBy('id_number')),
      (values) => reconciliationCells(values, lang),
    )));
  }
  failpoint('export-file');

  files.push(await writeCsv(join(tmp, 'refunds.csv'), 'refunds.csv', h(['refund_id', 'id_number', 'name', 'region_code', 'payee', 'amount', 'reason', 'rule']), mapRows(
    db.batches(k.selectFrom('recon_refunds').selectAll().where('coverage_year', '=', year)
      .orderBy('region_code').orderBy('id_number').orderBy('payee').orderBy('reason')),
    (r) => [r.refund_id, text(r.id_number), text(r.name), r.region_code, label(r.payee, lang), money(r.amount), label(r.reason, lang), text(r.rule)],
  )));

  files.push(await writeCsv(join(tmp, 'duplicates.csv'), 'duplicates.csv', h(['kind', 'id_number', 'name', 'region_codes', 'txn_ids', 'other_id_number', 'detail']), mapRows(
    db.batches(k.selectFrom('recon_duplicates').selectAll().where('coverage_year', '=', year)
      .orderBy('kind').orderBy('id_number').orderBy('other_id_number').orderBy('region_codes')),
    (r) => [label(r.kind, lang), text(r.id_number), text(r.name), r.region_codes, text(r.txn_ids), text(r.other_id_number), text(detail(r.kind, r.detail, null, lang))],
  )));

  // Rule 9's suspensions (v2), sorted by region, person and date (then the employee region: a full key).
  files.push(await writeCsv(join(tmp, 'benefit_suspensions.csv'), 'benefit_suspensions.csv',
    h(['id_number', 'name', 'region_code', 'suspend_from', 'resume_on', 'employee_region', 'rule']), mapRows(
      db.batches(k.selectFrom('recon_suspensions').selectAll().where('coverage_year', '=', year)
        .orderBy('region_code').orderBy('id_number').orderBy('suspend_from').orderBy('employee_region')),
      (r) => [text(r.id_number), text(r.name), r.region_code, r.suspend_from, r.resume_on ?? '', r.employee_region, text(r.rule)],
    )));

  files.push(await writeCsv(join(tmp, 'rejects.csv'), 'rejects.csv', h(['file', 'line', 'kind', 'reason', 'detail', 'raw']), mapRows(
    db.batches(k.selectFrom('rejected_rows').select(['file_name', 'file_sha256', 'line', 'kind', 'reason', 'detail', 'raw'])
      .orderBy('file_name').orderBy('file_sha256').orderBy('line')),
    (r) => [text(r.file_name), String(r.line), inputKind(r.kind, lang), rejectReason(r.reason, lang), text(detail(r.reason, r.detail, r.kind, lang)), text(r.raw)],
  )));

  const regions = await regionTotals(k, year);
  files.push(await writeCsv(join(tmp, 'region_summary.csv'), 'region_summary.csv', h(summaryColumns()), [regions.map(regionSummaryCells)]));

  files.push(await writeCsv(join(tmp, 'changes.csv'), 'changes.csv', h(CHANGES_COLUMNS), mapRows(
    db.batches(changesQuery(k, year, options.previousAsOf !== null, options.baselineListed)), (r) => changeCells(r, lang, options.previousAsOf),
  )));
  return { files, regions };
}

async function* mapRows<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[]): AsyncGenerator<string[][]> {
  for await (const rows of batches) yield rows.map(map);
}
function summaryColumns(): string[] {
  return ['region_code', 'region_name', 'persons', 'expected_personal', 'collected_personal', 'expected_assistance', 'collected_assistance',
    'refund_total', 'arrears', ...STATUSES.map((s) => `count_${s}`), 'collection_rate'];
}
/** region_summary.csv's cells for one region; collection_rate = rated collected / expected, four decimals, blank (not 0) where nothing is expected (spec 5 v2). */
function regionSummaryCells(t: RegionTotals): string[] {
  const ep = t.expectedPersonal;
  return [
    t.regionCode, guardText(regionName(t.regionCode)), String(t.persons), formatFen(ep), formatFen(t.collectedPersonal),
    formatFen(t.expectedAssistance), formatFen(t.collectedAssistance), formatFen(t.refunds), formatFen(t.arrears),
    ...STATUSES.map((s) => String(t.statuses[s])),
    ep > 0 ? (Math.round((t.ratedCollectedPersonal / ep) * 10000) / 10000).toFixed(4) : '',
  ];
}
