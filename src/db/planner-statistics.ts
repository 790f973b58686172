import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * The tables an incremental night reads a few persons of (reconcile/dirty-persons.ts, reconcile-year.ts):
 * `coverage_year = ? AND id_number IN (…)` must probe the person index, not walk the year.
 */
const READ_BY_PERSON = ['recon_results', 'payments'] as const;

/**
 * Refreshes the planner's statistics of the tables an incremental night reads by person (ANALYZE, the same
 * statement on both engines; allowed inside a transaction on both). Without them SQLite takes
 * `coverage_year = ?` for a few rows and read `coverage_year = ? AND id_number IN (500 ID numbers)` by the
 * primary key, the whole year, once per 500 persons (docs/performance.md). SQLite's ANALYZE reads every
 * index of the table whole (a sampled one, `analysis_limit`, estimates a year at a thousand rows and
 * chooses as badly), about 1.5 s for both tables at 1M persons, so it runs after a full night only: the
 * proportions it records hold while the year grows. PostgreSQL samples (and its afterStep analyzes too).
 */
export async function refreshPlannerStatistics(k: Kysely<Database>): Promise<void> {
  for (const table of READ_BY_PERSON) await sql`analyze ${sql.table(table)}`.execute(k);
}
