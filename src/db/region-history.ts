import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { REGION_HISTORY, type RegionHistoryRecord } from './history-shapes.js';

/**
 * Adds this reconcile's per-region totals of `year` to region_history, copied from the totals it has just
 * stored (region-totals.ts: the same numbers as region_summary.csv's), by one INSERT … SELECT of a few rows
 * per region rather than a second aggregation over the year's results. Run by reconcile inside its
 * transaction, after the totals are stored, so that only a reconcile that commits leaves a point.
 */
export async function recordRegionHistory(k: Kysely<Database>, year: number, reconciledAt: string, asOf: string): Promise<void> {
  await k.insertInto('region_history')
    .columns([...REGION_HISTORY.inserted] as (keyof Database['region_history'])[])
    .expression(k.selectFrom('region_totals').select([
      'coverage_year',
      sql<string>`cast(${reconciledAt} as text)`.as('reconciled_at'),
      'region_code',
      sql<string>`cast(${asOf} as text)`.as('as_of'),
      'persons', 'expected_personal', 'rated_collected_personal',
    ]).where('coverage_year', '=', year))
    .execute();
}

/** One reconcile's totals in one region, as the history holds them. */
export type RegionHistoryPoint = RegionHistoryRecord;

/** Every reconcile of `year` recorded in this database, oldest first, then by region. */
export async function regionHistory(k: Kysely<Database>, year: number): Promise<RegionHistoryPoint[]> {
  const rows = await k.selectFrom('region_history').selectAll().where('coverage_year', '=', year)
    .orderBy('reconciled_at').orderBy('region_code').execute();
  return rows.map((r) => ({
    reconciledAt: r.reconciled_at, regionCode: r.region_code, asOf: r.as_of, persons: Number(r.persons),
    expectedPersonal: Number(r.expected_personal), ratedCollectedPersonal: Number(r.rated_collected_personal),
  }));
}
