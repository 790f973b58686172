import { STATUSES, type Status } from './result-status.js';

/**
 * `region_totals` (migration 017): its columns, each with the SQL that computes it from result rows, so that
 * the table and the one aggregation that fills it (region-totals.ts) cannot drift apart. Kept apart from
 * region-totals.ts, which reads and writes the table, so that database.ts can take the table's type from here.
 */
/**
 * A primary row of an assisted person: "rows whose S > 0 or unknown" (spec 5, v2), read from the result
 * columns. S > 0 is `subsidy > 0`. S unknown is `subsidy` null with a gap of rule 3 itself among the flags
 * (the value of a counted entry, an entry ended before enrollment, a late recognition); a gap elsewhere (the
 * standard, the window) also leaves `subsidy` null, but says nothing of assistance. A row with no payments
 * at all exists only for an entitled roster person (rule 1), so it is one whatever its gap; so is an
 * INSURED_AS_EMPLOYEE row (a roster-only row whose expected amounts are 0).
 */
const ENTITLED = `r.is_primary = 1 AND (r.subsidy > 0 OR r.payments = 0 OR r.status = 'INSURED_AS_EMPLOYEE'
  OR (r.subsidy IS NULL AND (r.flags LIKE '%POLICY_GAP:assistance.%' OR r.flags LIKE '%POLICY_GAP:ended_before_enrollment%'
    OR r.flags LIKE '%POLICY_GAP:late_recognition%')))`;
const NET_POSITIVE = 'r.collected_personal + r.collected_assistance > 0';
/** The rows for which a fixed SQL condition (written here, no input in it) holds. */
const count = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;

/** region_totals' column of a status's row count. */
export const statusColumn = <S extends Status>(s: S) => `count_${s.toLowerCase() as Lowercase<S>}` as const;

/**
 * region_totals' number columns, each with the SQL that computes it over result rows `r` (fixed text, no
 * input). Expected totals leave out POLICY_GAP rows (their expected amounts are unknown); arrears =
 * Σ(expected_personal − collected_personal) over UNDERPAID and UNPAID rows; the rated collection leaves out
 * POLICY_GAP rows (expected unknown) and DUPLICATE_ENROLLMENT rows (expected 0, all refunded), else a refund
 * would read as over-collection (the report's trend reads it too: region-history.ts). Every one is a sum of
 * a value of each row, integers all: the totals of two sets of rows add up to those of their union, and
 * taking a subset's totals away leaves the rest's exactly, which is what an incremental night relies on.
 */
export const TOTALS = [
  ['persons', 'integer', 'count(*)'],
  ['expected_personal', 'bigint', 'coalesce(sum(r.expected_personal), 0)'],
  ['collected_personal', 'bigint', 'sum(r.collected_personal)'],
  ['expected_assistance', 'bigint', 'coalesce(sum(r.expected_assistance), 0)'],
  ['collected_assistance', 'bigint', 'sum(r.collected_assistance)'],
  ['refunds', 'bigint', 'sum(r.refund_due)'],
  ['rated_collected_personal', 'bigint', `sum(case when r.expected_personal is not null and r.status <> 'DUPLICATE_ENROLLMENT' then r.collected_personal else 0 end)`],
  ['arrears', 'bigint', `sum(case when r.status in ('UNDERPAID', 'UNPAID') then r.expected_personal - r.collected_personal else 0 end)`],
  ...STATUSES.map((s) => [statusColumn(s), 'integer', count(`r.status = '${s}'`)] as const),
  ['enrolled', 'integer', count(`r.is_primary = 1 AND ${NET_POSITIVE}`)],
  ['assisted_entitled', 'integer', count(ENTITLED)],
  ['assisted_enrolled', 'integer', count(`${ENTITLED} AND ${NET_POSITIVE}`)],
  ['assisted_pending', 'integer', count(`${ENTITLED} AND r.status = 'PENDING'`)],
] as const;

export type TotalsColumn = (typeof TOTALS)[number][0];
/** The columns region_totals holds beside its key (coverage_year, region_code), with their types (migration 017). */
export const TOTALS_COLUMNS: readonly { name: TotalsColumn; type: 'integer' | 'bigint' }[] = TOTALS.map(([name, type]) => ({ name, type }));

/** `region_totals`: one row per (coverage year, region) with result rows, as the year's last reconcile left them. */
export type RegionTotalsTable = { coverage_year: number; region_code: string } & Record<TotalsColumn, number>;

