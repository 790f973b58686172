import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * The table an incremental night reads a few persons of (reconcile/dirty-persons.ts, reconcile-year.ts):
 * `coverage_year = ? AND id_number IN (…)` must probe the person index, not walk the year. The payments need
 * no statistics: each of their statements has one index that fits (the new files' payments are found with
 * `coverage_year + 0`), and with statistics SQLite read the year's sum of payments from the table instead
 * of the covering index (1.7 s against 0.7 s at 5M).
 */
const READ_BY_PERSON = ['recon_results'] as const;

/**
 * Refreshes the planner's statistics of the tables an incremental night reads by person (ANALYZE, the same
 * statement on both engines; allowed inside a transaction on both). Without them SQLite takes
 * `coverage_year = ?` for a few rows and reads `coverage_year = ? AND id_number IN (500 ID numbers)` by the
 * primary key, the whole year, once per 500 persons (docs/performance.md). SQLite's ANALYZE reads every
 * index of the table whole (a sampled one, `analysis_limit`, estimates a year at a thousand rows and
 * chooses as badly), about 5 s for recon_results at 5M persons, so it runs after a full night only: the
 * proportions it records hold while the year grows. PostgreSQL samples (and its afterStep analyzes too).
 * With statistics, SQLite may read a whole year through a secondary index, a row lookup per entry (the
 * invariants' totals took 31 s instead of 0.9 s at 5M): a statement that reads the whole year says so with
 * `coverage_year + 0` (result-invariants.ts), and test/e2e/reconcile.person-plans.test.ts checks the plans.
 */
export async function refreshPlannerStatistics(k: Kysely<Database>): Promise<void> {
  for (const table of READ_BY_PERSON) await sql`analyze ${sql.table(table)}`.execute(k);
}
