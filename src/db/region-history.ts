import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { REGION_HISTORY, type RegionHistoryRecord } from './history-shapes.js';

type Results = ExpressionBuilder<Database, 'recon_results'>;

/**
 * Σ collected_personal over the rows that count in the collection rate: POLICY_GAP rows are left out
 * (their expected amount is unknown), and so are DUPLICATE_ENROLLMENT rows (expected 0, all refunded, else
 * a refund would read as over-collection). One definition for region_summary.csv and the history.
 */
export const ratedCollectedPersonal = (eb: Results) =>
  eb.fn.sum<number>(eb.case().when(eb.and([eb('expected_personal', 'is not', null), eb('status', '<>', 'DUPLICATE_ENROLLMENT')]))
    .then(eb.ref('collected_personal')).else(0).end());

/** Σ expected_personal over the rows whose expected amount is known (0 when none is). */
export const expectedPersonalKnown = (eb: Results) => eb.fn.coalesce(eb.fn.sum<number>('expected_personal'), eb.lit(0));

/**
 * Adds this reconcile's per-region totals of `year` to region_history, by one INSERT … SELECT over the
 * stored results (set work in the database, nothing per row in JavaScript). Run by reconcile inside its
 * transaction, after the results are final, so that only a reconcile that commits leaves a point.
 */
export async function recordRegionHistory(k: Kysely<Database>, year: number, reconciledAt: string, asOf: string): Promise<void> {
  await k.insertInto('region_history')
    .columns([...REGION_HISTORY.inserted] as (keyof Database['region_history'])[])
    .expression(k.selectFrom('recon_results').select((eb) => [
      'coverage_year',
      sql<string>`cast(${reconciledAt} as text)`.as('reconciled_at'),
      'region_code',
      sql<string>`cast(${asOf} as text)`.as('as_of'),
      eb.fn.countAll<number>().as('persons'),
      expectedPersonalKnown(eb).as('expected_personal'),
      eb.fn.coalesce(ratedCollectedPersonal(eb), eb.lit(0)).as('rated_collected_personal'),
    ]).where('coverage_year', '=', year).groupBy(['coverage_year', 'region_code']))
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
