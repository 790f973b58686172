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
 * changes.csv's baseline after a reconcile: the as-of date of the reconcile it holds (null: none, the year's
 * first reconcile, every row NEW), and whether recon_results_previous holds it whole (`listed` false) or only
 * for the persons listed in recon_baseline_persons (`listed` true, after an incremental night: every other
 * person's baseline rows are their current rows, since nothing of theirs was recomputed since).
 */
export type Baseline = { previousAsOf: string | null; listed: boolean };

/**
 * A full reconcile: makes way for coverage year `year`'s new results (as of `asOf`) and keeps the baseline
 * changes.csv compares them with. Runs inside the reconcile's transaction, before the new rows are written:
 * a reconcile that fails rolls all of this back, DDL included (both engines), so a crash leaves the old
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
 * to a rerun and the same database and as-of date give the same changes.csv. A listed baseline is made
 * whole first (the unlisted persons' current rows are theirs), since every row is about to be replaced.
 */
export async function keepPreviousResults(db: Db, year: number, asOf: string): Promise<Baseline> {
  const k = db.kysely;
  const stored = await storedBaseline(db, year);
  if (stored && stored.as_of === asOf) {
    if (stored.baseline_listed) await completeListedBaseline(db, year);
    await clearYear(db, CURRENT, year);
    return { previousAsOf: stored.previous_as_of, listed: false };
  }
  await k.deleteFrom('recon_baseline_persons').where('coverage_year', '=', year).execute();
  if (!stored) {
    await clearYear(db, PREVIOUS, year);
    await clearYear(db, CURRENT, year);
    return { previousAsOf: null, listed: false };
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
  return { previousAsOf: stored.as_of, listed: false };
}

/**
 * An incremental reconcile (issue 21): keeps the baseline rows of the persons recon_changed_persons lists
 * for `year` (dirty-persons.ts), which are about to be recomputed, and lists them, so that the copy is
 * proportional to what changed, not to the year. When the baseline moves on, the stored results become the
 * baseline: the old one is emptied, and only these persons' current rows are copied (everyone else's
 * baseline is their current rows, which tonight leaves as they are). On a rerun of the same as-of date the
 * baseline stays: where it is whole, nothing is copied; where it is listed, the persons not yet listed are
 * added with their current rows. Persons with no current row are listed too: a row they get tonight is NEW.
 * Same transaction as the reconcile, before its deletes; two INSERT … SELECT, whatever the number of persons.
 */
export async function keepPreviousOf(db: Db, year: number, asOf: string): Promise<Baseline> {
  const k = db.kysely;
  const stored = await storedBaseline(db, year);
  if (!stored) throw new Error(`an incremental reconcile of ${year} needs a previous one`);
  let previousAsOf = stored.previous_as_of;
  if (stored.as_of !== asOf) {
    await clearYear(db, PREVIOUS, year);
    await k.deleteFrom('recon_baseline_persons').where('coverage_year', '=', year).execute();
    previousAsOf = stored.as_of;
  } else if (!stored.baseline_listed) {
    return { previousAsOf, listed: false };
  }
  // The recomputed persons not listed yet (all of them when the baseline moved on).
  const unlisted = k.selectFrom('recon_changed_persons').where('coverage_year', '=', year)
    .where('id_number', 'not in', k.selectFrom('recon_baseline_persons').select('id_number').where('coverage_year', '=', year));
  const columns = [...RECON_RESULTS.names];
  await k.insertInto(PREVIOUS).columns(columns)
    .expression(k.selectFrom(CURRENT).select(columns).where('coverage_year', '=', year).where('id_number', 'in', unlisted.select('id_number'))).execute();
  await k.insertInto('recon_baseline_persons').columns(['coverage_year', 'id_number'])
    .expression(unlisted.select(['coverage_year', 'id_number'])).execute();
  return { previousAsOf, listed: true };
}

/**
 * Adds the persons `ids` (in id_number order) to a listed baseline with their current rows, those not listed
 * yet, as keepPreviousOf does for the recomputed persons: for a person whose row tonight changes without recomputing them
 * (rule 10's REVIEW from a pair with a recomputed person: reconcile-year.ts), before it changes. A whole
 * baseline (`listed` false) already holds everyone's rows.
 */
export async function listInBaseline(db: Db, year: number, ids: readonly string[]): Promise<void> {
  const k = db.kysely;
  const columns = [...RECON_RESULTS.names];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    const listed = new Set((await k.selectFrom('recon_baseline_persons').select('id_number').where('coverage_year', '=', year)
      .where('id_number', 'in', chunk).execute()).map((r) => r.id_number));
    const added = chunk.filter((id) => !listed.has(id));
    if (added.length === 0) continue;
    await k.insertInto(PREVIOUS).columns(columns)
      .expression(k.selectFrom(CURRENT).select(columns).where('coverage_year', '=', year).where('id_number', 'in', added)).execute();
    await k.insertInto('recon_baseline_persons').values(added.map((id_number) => ({ coverage_year: year, id_number }))).execute();
  }
}

/** ID numbers per statement where a reconcile names persons (SQLite allows 32,766 parameters; PostgreSQL 65,535). */
export const IDS_PER_STATEMENT = 500;

async function storedBaseline(db: Db, year: number) {
  return db.kysely.selectFrom('reconciliations').select(['as_of', 'previous_as_of', 'baseline_listed']).where('coverage_year', '=', year).executeTakeFirst();
}

/** A listed baseline made whole: the unlisted persons' baseline rows are their current rows (set work, one INSERT ... SELECT). */
async function completeListedBaseline(db: Db, year: number): Promise<void> {
  const k = db.kysely;
  const columns = [...RECON_RESULTS.names];
  await k.insertInto(PREVIOUS).columns(columns).expression(k.selectFrom(CURRENT).select(columns).where('coverage_year', '=', year)
    .where('id_number', 'not in', k.selectFrom('recon_baseline_persons').select('id_number').where('coverage_year', '=', year))).execute();
  await k.deleteFrom('recon_baseline_persons').where('coverage_year', '=', year).execute();
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
