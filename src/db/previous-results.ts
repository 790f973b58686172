import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { RECON_RESULTS } from './result-shapes.js';

/**
 * Keeps a coverage year's results from before tonight, for changes.csv (spec 5 v2: what changed since the
 * previous successful reconcile of the year). Called inside the reconcile's transaction, before the year's
 * results are replaced: a reconcile that fails rolls this back too, so the baseline is always one that
 * succeeded. The copy is one INSERT ... SELECT (set work, nothing through memory).
 *
 * A reconcile with the same as-of date as the stored one is the same night run again (a rerun after a failed
 * export, a late file delivered the same day): it keeps the baseline it had, so tonight's news is not lost
 * to a rerun and the same database and as-of date give the same changes.csv. Returns the baseline's as-of
 * date, or null when there is none (the year's first reconcile: every row is NEW).
 */
export async function keepPreviousResults(k: Kysely<Database>, year: number, asOf: string): Promise<string | null> {
  const stored = await k.selectFrom('reconciliations').select(['as_of', 'previous_as_of']).where('coverage_year', '=', year).executeTakeFirst();
  if (stored && stored.as_of === asOf) return stored.previous_as_of;
  await k.deleteFrom('recon_results_previous').where('coverage_year', '=', year).execute();
  if (!stored) return null;
  const columns = [...RECON_RESULTS.names];
  await k.insertInto('recon_results_previous').columns(columns)
    .expression(k.selectFrom('recon_results').select(columns).where('coverage_year', '=', year)).execute();
  return stored.as_of;
}
