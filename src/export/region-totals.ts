import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { expectedPersonalKnown, ratedCollectedPersonal } from '../db/region-history.js';
import { STATUSES } from '../db/result-status.js';

/** One region's totals over the year's result rows (amounts in fen): the grain of region_summary.csv. */
export type RegionTotals = {
  regionCode: string;
  persons: number;
  expectedPersonal: number;
  collectedPersonal: number;
  expectedAssistance: number;
  collectedAssistance: number;
  refunds: number;
  /** collected_personal over the rows that count in the collection rate (see below). */
  ratedCollectedPersonal: number;
  arrears: number;
  /** Result rows per status, every status present (0 when none). */
  statuses: Record<string, number>;
};

/**
 * One row per region, by one SQL aggregation over the year's result rows: region_summary.csv and the
 * summary a night ends with are both made from it (one scan, not one each). Expected totals leave out
 * POLICY_GAP rows (their expected amounts are unknown); arrears = Σ(expected_personal − collected_personal)
 * over UNDERPAID and UNPAID rows; the rated collection leaves out POLICY_GAP rows (expected unknown) and
 * DUPLICATE_ENROLLMENT rows (expected 0, all refunded), else a refund would read as over-collection.
 */
export async function regionTotals(k: Kysely<Database>, year: number): Promise<RegionTotals[]> {
  const rows = await k
    .selectFrom('recon_results')
    .select((eb) => [
      'region_code',
      eb.fn.countAll<number>().as('persons'),
      expectedPersonalKnown(eb).as('ep'),
      eb.fn.sum<number>('collected_personal').as('cp'),
      eb.fn.coalesce(eb.fn.sum<number>('expected_assistance'), eb.lit(0)).as('ea'),
      eb.fn.sum<number>('collected_assistance').as('ca'),
      eb.fn.sum<number>('refund_due').as('refunds'),
      ratedCollectedPersonal(eb).as('rated_cp'),
      eb.fn.sum<number>(eb.case().when('status', 'in', ['UNDERPAID', 'UNPAID']).then(eb('expected_personal', '-', eb.ref('collected_personal'))).else(0).end()).as('arrears'),
      ...STATUSES.map((s) => eb.fn.sum<number>(eb.case().when('status', '=', s).then(1).else(0).end()).as(`count_${s}`)),
    ])
    .where('coverage_year', '=', year)
    .groupBy('region_code')
    .orderBy('region_code')
    .execute();
  return rows.map((r) => {
    const counts = r as unknown as Record<string, number>;
    return {
      regionCode: r.region_code, persons: Number(r.persons), expectedPersonal: Number(r.ep), collectedPersonal: Number(r.cp),
      expectedAssistance: Number(r.ea), collectedAssistance: Number(r.ca), refunds: Number(r.refunds),
      ratedCollectedPersonal: Number(r.rated_cp), arrears: Number(r.arrears),
      statuses: Object.fromEntries(STATUSES.map((s) => [s, Number(counts[`count_${s}`])])),
    };
  });
}
