import { sql, type Kysely } from 'kysely';
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
  /** Persons enrolled: primary rows with a net collection (collected_personal + collected_assistance) > 0. */
  enrolled: number;
  /** Assisted persons' enrollment progress (report.html; the definitions are ENTITLED's and docs/operations.md's). */
  assisted: { entitled: number; enrolled: number; notEnrolled: number; pending: number; insuredAsEmployee: number };
};

/**
 * A primary row of an assisted person: "rows whose S > 0 or unknown" (spec 5, v2), read from the result
 * columns. S > 0 is `subsidy > 0`. S unknown is `subsidy` null with a gap of rule 3 itself among the flags
 * (the value of a counted entry, an entry ended before enrollment, a late recognition); a gap elsewhere (the
 * standard, the window) also leaves `subsidy` null, but says nothing of assistance. A row with no payments
 * at all exists only for an entitled roster person (rule 1), so it is one whatever its gap; so is an
 * INSURED_AS_EMPLOYEE row (a roster-only row whose expected amounts are 0).
 */
const ENTITLED = `is_primary = 1 AND (subsidy > 0 OR payments = 0 OR status = 'INSURED_AS_EMPLOYEE'
  OR (subsidy IS NULL AND (flags LIKE '%POLICY_GAP:assistance.%' OR flags LIKE '%POLICY_GAP:ended_before_enrollment%'
    OR flags LIKE '%POLICY_GAP:late_recognition%')))`;
const NET_POSITIVE = 'collected_personal + collected_assistance > 0';

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
      count(`is_primary = 1 AND ${NET_POSITIVE}`).as('enrolled'),
      count(ENTITLED).as('a_entitled'),
      count(`${ENTITLED} AND ${NET_POSITIVE}`).as('a_enrolled'),
      count(`${ENTITLED} AND status = 'PENDING'`).as('a_pending'),
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
      enrolled: Number(r.enrolled),
      assisted: {
        entitled: Number(r.a_entitled), enrolled: Number(r.a_enrolled), pending: Number(r.a_pending),
        // Rule 1 and 6: both statuses are only ever given to entitled roster persons' rows.
        notEnrolled: Number(counts.count_NOT_ENROLLED), insuredAsEmployee: Number(counts.count_INSURED_AS_EMPLOYEE),
      },
    };
  });
}

/** The rows for which a fixed SQL condition (written here, no input in it) holds. */
function count(condition: string) {
  return sql<number>`sum(case when ${sql.raw(condition)} then 1 else 0 end)`;
}
