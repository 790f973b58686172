import { join } from 'node:path';
import { failpoint } from '../base/failpoints.js';
import type { Db } from '../db/db.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import { writeCsv, writeCsvFromParts, type WrittenFile } from './csv-file.js';
import { changeCells, changesQuery, CHANGES_COLUMNS } from './changes-rows.js';
import { header, type Lang } from './labels.js';
import { DUPLICATES, REFUNDS, REJECTS, regionSummaryCells, SUMMARY_COLUMNS, SUSPENSIONS, type OutputTable } from './output-tables.js';
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
  const h = (names: readonly string[]) => names.map((n) => header(n, lang));

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

  for (const [name, t] of [['refunds.csv', REFUNDS], ['duplicates.csv', DUPLICATES], ['benefit_suspensions.csv', SUSPENSIONS], ['rejects.csv', REJECTS]] as const) {
    files.push(await writeCsv(join(tmp, name), name, h(t.columns), tableLines(db, year, lang, t as OutputTable<unknown>)));
  }

  const regions = await regionTotals(k, year);
  files.push(await writeCsv(join(tmp, 'region_summary.csv'), 'region_summary.csv', h(SUMMARY_COLUMNS), [regions.map(regionSummaryCells)]));

  const changes = join(tmp, 'changes.csv');
  if (spilled?.changes && options.previousAsOf === null) {
    // A year's first night under `recon run`: every row is NEW, and the lines were spilled with reconciliation.csv's.
    // (Only a full night spills, run/run-job.ts; the row count checked above holds for these lines too.)
    files.push(await writeCsvFromParts(changes, 'changes.csv', h(CHANGES_COLUMNS), spilled.changes.parts, spilled.rows, spilled.changes.amended));
  } else {
    files.push(await writeCsv(changes, 'changes.csv', h(CHANGES_COLUMNS), mapRows(
      db.valueBatches(changesQuery(k, year, options.previousAsOf !== null, options.baselineListed)), (values) => changeCells(values, lang, options.previousAsOf),
    )));
  }
  return { files, regions };
}

/** Each batch's rows mapped to cells. */
export async function* mapRows<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[]): AsyncGenerator<string[][]> {
  for await (const rows of batches) yield rows.map(map);
}

/** A table's lines (output-tables.ts), batch by batch. */
export function tableLines<R>(db: Db, year: number, lang: Lang, t: OutputTable<R>): AsyncGenerator<string[][]> {
  return mapRows(t.rows(db, year), (r) => t.cells(r, lang));
}
