import type { Db } from './db.js';
import { RECON_RESULTS } from './result-shapes.js';

/**
 * The two generations of result rows: tonight's (`recon_results`) and the previous successful reconcile's
 * of the year (`recon_results_previous`, changes.csv's baseline, spec 5 v2). The second is a replica of the
 * first (migration 011 makes it from the first's own definition) because they trade places: a migration
 * that changes one must change both alike (test/e2e/reconcile.previous-results.test.ts compares them).
 * Their indexes and key constraints travel with them (SQLite cannot rename an index), so after a swap
 * `recon_results`' by-person index may be the one named `recon_results_previous_by_person`: a migration
 * must find an index of these tables by table, not by name.
 */
export const RESULT_GENERATIONS = ['recon_results', 'recon_results_previous'] as const;
const [CURRENT, PREVIOUS] = RESULT_GENERATIONS;

/**
 * Makes way for coverage year `year`'s new results (as of `asOf`) and keeps the baseline changes.csv
 * compares them with; returns the baseline's as-of date, or null when there is none (the year's first
 * reconcile: every row is NEW). Runs inside the reconcile's transaction, before the new rows are written: a
 * reconcile that fails rolls all of this back, DDL included (both engines), so a crash leaves the old
 * results and the old baseline, and the baseline is always a reconcile that succeeded.
 *
 * When the baseline moves on (tonight's as-of date differs from the stored reconcile's), the stored results
 * become the baseline without copying a row: if both tables hold no other year, they swap names and the
 * old baseline is emptied whole (emptyTable: freed, not deleted row by row), which is cheaper than the
 * DELETE of the year's rows the reconcile made before there was a baseline. A table holding another year
 * too (a database kept over the September roll-over) cannot move whole: then the year's rows are copied
 * (INSERT ... SELECT, set work) and deleted, which costs about one more write of the year's rows.
 *
 * A reconcile with the same as-of date as the stored one is the same night run again (a rerun after a failed
 * export, a late file delivered the same day): it keeps the baseline it had, so tonight's news is not lost
 * to a rerun and the same database and as-of date give the same changes.csv.
 */
export async function keepPreviousResults(db: Db, year: number, asOf: string): Promise<string | null> {
  const k = db.kysely;
  const stored = await k.selectFrom('reconciliations').select(['as_of', 'previous_as_of']).where('coverage_year', '=', year).executeTakeFirst();
  if (stored && stored.as_of === asOf) {
    await clearYear(db, CURRENT, year);
    return stored.previous_as_of;
  }
  if (!stored) {
    await clearYear(db, PREVIOUS, year);
    await clearYear(db, CURRENT, year);
    return null;
  }
  if (await onlyYear(db, CURRENT, year) && await onlyYear(db, PREVIOUS, year)) {
    const swapping = `${CURRENT}_swapping`;
    await k.schema.alterTable(CURRENT).renameTo(swapping).execute();
    await k.schema.alterTable(PREVIOUS).renameTo(CURRENT).execute();
    await k.schema.alterTable(swapping).renameTo(PREVIOUS).execute();
    await db.emptyTable(CURRENT);
  } else {
    await k.deleteFrom(PREVIOUS).where('coverage_year', '=', year).execute();
    const columns = [...RECON_RESULTS.names];
    await k.insertInto(PREVIOUS).columns(columns).expression(k.selectFrom(CURRENT).select(columns).where('coverage_year', '=', year)).execute();
    await k.deleteFrom(CURRENT).where('coverage_year', '=', year).execute();
  }
  return stored.as_of;
}

/** Removes year `year`'s rows from a generation: the whole table at once when it holds no other year. */
async function clearYear(db: Db, table: (typeof RESULT_GENERATIONS)[number], year: number): Promise<void> {
  if (await onlyYear(db, table, year)) await db.emptyTable(table);
  else await db.kysely.deleteFrom(table).where('coverage_year', '=', year).execute();
}

/** Whether `table` holds no year but `year` (or nothing): two seeks on the key, which starts with coverage_year. */
async function onlyYear(db: Db, table: (typeof RESULT_GENERATIONS)[number], year: number): Promise<boolean> {
  for (const op of ['<', '>'] as const) {
    const other = await db.kysely.selectFrom(table).select('coverage_year').where('coverage_year', op, year).limit(1).executeTakeFirst();
    if (other) return false;
  }
  return true;
}
