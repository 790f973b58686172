import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { failpoint } from '../base/failpoints.js';
import type { Db } from '../db/db.js';
import { changedPersons } from '../db/changed-persons.js';
import type { Database } from '../db/database.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import { headerBytes, writeCsv, writeCsvChunks, writeCsvFromParts, type WrittenFile } from './csv-file.js';
import { changeCells, changesQuery, CHANGES_COLUMNS } from './changes-rows.js';
import { header, type Lang } from './labels.js';
import { DUPLICATES, REFUNDS, REJECTS, regionSummaryCells, SUMMARY_COLUMNS, SUSPENSIONS, type OutputTable, type TableReader } from './output-tables.js';
import { RECONCILIATION_COLUMNS, reconciliationCells } from './reconciliation-cells.js';
import { MAX_CHANGED, mergedLines, NotReusable, type FormatReason, type PreviousFile, type ReconciliationLines } from './previous-lines.js';
import type { SpilledReconciliation } from './region-spill.js';
import type { RegionTotals } from '../db/region-totals.js';

/**
 * The seven CSVs of spec 5 (changes.csv: changes-rows.ts) for a reconciled year, written into the folder `tmp`. Every CSV is sorted on a
 * full key, so the same database and as-of date give byte-identical files. `resultRows`: the rows reconcile
 * recorded, which spilled lines (`recon run`) must number; `previousAsOf`: the as-of date of changes.csv's baseline; `baselineListed`: whether it lists its persons (changes-rows.ts);
 * `previous`: the previous reconciliation.csv to merge the changed persons' lines into (previous-lines.ts), or why there is none.
 */
export async function writeOutputFiles(
  db: Db, tmp: string, options: {
    year: number; lang: Lang; resultRows: number; previousAsOf: string | null; baselineListed: boolean; spilled?: SpilledReconciliation | undefined;
    previous: PreviousFile | { reason: FormatReason };
    /** The year's region totals (region-totals.ts), which region_summary.csv lists. */
    regions: RegionTotals[];
  },
): Promise<{ files: WrittenFile[]; reconciliationLines: ReconciliationLines; csvSeconds: number }> {
  const k = db.kysely;
  const { lang, year } = options;
  const files: WrittenFile[] = [];
  const h = (names: readonly string[]) => names.map((n) => header(n, lang));

  const reconciliation = join(tmp, 'reconciliation.csv');
  const spilled = options.spilled;
  const t0 = performance.now();
  let reconciliationLines: Omit<ReconciliationLines, 'seconds'> = { lines: 'spilled', reason: null };
  if (spilled) {
    // `recon run`: the lines were written as reconcile stored the rows; check they are this year's, in
    // this language, and as many as reconcile recorded, before copying them in.
    if (spilled.year !== year || spilled.lang !== lang || spilled.rows !== options.resultRows) {
      throw new Error(`the spilled reconciliation lines (${spilled.year}, ${spilled.lang}, ${spilled.rows} rows) do not match ${year}, ${lang}, ${options.resultRows} rows`);
    }
    files.push(await writeCsvFromParts(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), spilled.parts, spilled.rows, spilled.amended));
  } else {
    const previous = options.previous;
    let reason = 'reason' in previous ? previous.reason : null;
    if (reason === null) {
      const merged = await reuseLines(db, reconciliation, { ...options, previous: previous as PreviousFile });
      if (typeof merged === 'string') reason = merged;
      else files.push(merged);
    }
    if (reason !== null) {
      // The values come in RECON_RESULTS's order (the select's), as reconciliationCells takes them.
      files.push(await writeCsv(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), mapRows(
        db.valueBatches(k.selectFrom('recon_results').select([...RECON_RESULTS.inserted]).where('coverage_year', '=', year).orderBy('region_code').orderBy('id_number')),
        (values) => reconciliationCells(values, lang),
      )));
    }
    reconciliationLines = reason === null ? { lines: 'reused', reason: null } : { lines: 'formatted', reason };
  }
  const seconds = (performance.now() - t0) / 1000;
  failpoint('export-file');

  for (const [name, t] of [['refunds.csv', REFUNDS], ['duplicates.csv', DUPLICATES], ['benefit_suspensions.csv', SUSPENSIONS], ['rejects.csv', REJECTS]] as const) {
    files.push(await writeCsv(join(tmp, name), name, h(t.columns), tableLines(db, year, lang, t as OutputTable<unknown>)));
  }

  files.push(await writeCsv(join(tmp, 'region_summary.csv'), 'region_summary.csv', h(SUMMARY_COLUMNS), [options.regions.map(regionSummaryCells)]));

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
  return { files, reconciliationLines: { ...reconciliationLines, seconds }, csvSeconds: (performance.now() - t0) / 1000 };
}

/**
 * reconciliation.csv as the previous file's lines with the changed persons' (recon_changed_persons) put in
 * place of theirs (previous-lines.ts), or why it could not be made so: the caller then formats every line.
 */
async function reuseLines(
  db: Db, path: string, o: { year: number; lang: Lang; resultRows: number; previous: PreviousFile },
): Promise<WrittenFile | FormatReason> {
  const k = db.kysely;
  const changed = new Set<string>();
  let fresh: AsyncIterable<unknown[][]> = noRows(); // the same reconcile exported again: no line changed
  if (!o.previous.same) {
    const changedIds = changedPersons(k, o.year);
    const count = await k.selectFrom('recon_changed_persons').select((eb) => eb.fn.countAll<number>().as('n')).where('coverage_year', '=', o.year).executeTakeFirstOrThrow();
    if (Number(count.n) > MAX_CHANGED) return 'many_changed';
    for await (const batch of db.valueBatches(changedIds)) for (const [id] of batch) changed.add(id as string);
    fresh = db.valueBatches(changedRowsQuery(k, o.year));
  }
  const names = RECONCILIATION_COLUMNS.map((n) => header(n, o.lang));
  try {
    return await writeCsvChunks(path, 'reconciliation.csv', names, mergedLines(o.previous, headerBytes(names), changed, fresh, o.lang, o.resultRows), o.resultRows);
  } catch (err) {
    if (err instanceof NotReusable) return err.reason;
    throw err;
  }
}

async function* noRows(): AsyncGenerator<unknown[][]> {}

/**
 * The changed persons' result rows in the file's order (region_code, id_number): the changed persons first,
 * each one's rows through the person index, then sorted, so the read is proportional to what changed. Written
 * as `recon_results … where id_number in (…) order by region_code, id_number`, SQLite walked the whole year
 * in the table's order to spare the sort. CROSS JOIN is SQLite's documented way to fix the loop order;
 * PostgreSQL plans it as an inner join. test/e2e/reconcile.person-plans.test.ts checks the plan.
 */
export function changedRowsQuery(k: Kysely<Database>, year: number) {
  return k.selectFrom('recon_changed_persons as c').crossJoin('recon_results as r')
    .select(RECON_RESULTS.inserted.map((c) => `r.${c}` as const))
    .whereRef('r.coverage_year', '=', 'c.coverage_year').whereRef('r.id_number', '=', 'c.id_number').where('c.coverage_year', '=', year)
    .orderBy('r.region_code').orderBy('r.id_number');
}

/** Each batch's rows mapped to cells. */
export async function* mapRows<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[]): AsyncGenerator<string[][]> {
  for await (const rows of batches) yield rows.map(map);
}

/** A table's lines (output-tables.ts), batch by batch. */
export function tableLines<R>(db: TableReader, year: number, lang: Lang, t: OutputTable<R>): AsyncGenerator<string[][]> {
  return mapRows(t.rows(db, year), (r) => t.cells(r, lang));
}
