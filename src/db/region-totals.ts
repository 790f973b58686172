import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './database.js';
import { STATUSES } from './result-status.js';
import { statusColumn, TOTALS, TOTALS_COLUMNS, type TotalsColumn } from './totals-shapes.js';

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

/** One region's totals as the SQL gives them (PostgreSQL's bigint sums arrive as text). */
type TotalsRow = { region_code: string } & Record<TotalsColumn, number | string>;

/**
 * The totals' SELECT over the result rows `r` a source query reads, one row per (coverage year, region),
 * with region_totals' column names: the one aggregation behind the whole year's totals (a full night, the
 * migration that fills the table) and a few persons' (an incremental night).
 */
function totalsOf<DB, TB extends keyof DB & string>(rows: SelectQueryBuilder<DB, TB, object>) {
  return rows
    .select([sql<number>`r.coverage_year`.as('coverage_year'), sql<string>`r.region_code`.as('region_code'),
      ...TOTALS.map(([name, , expression]) => sql<number>`${sql.raw(expression)}`.as(name))])
    .groupBy([sql`r.coverage_year`, sql`r.region_code`]);
}

/** The totals of every result row of `year` (test/e2e/reconcile.person-plans.test.ts checks its plan). */
export function yearTotalsQuery(k: Kysely<Database>, year: number) {
  // The whole year, read in the table's own order (coverage_year, region_code, …), which is also the
  // grouping's: with the planner's statistics SQLite may otherwise walk a secondary index with a row lookup
  // per entry (planner-statistics.ts).
  return totalsOf(k.selectFrom('recon_results as r').where(sql<number>`r.coverage_year + 0`, '=', year));
}

/**
 * The totals of the result rows of the persons recon_changed_persons lists for `year`: those persons first,
 * each one's rows through the person index (CROSS JOIN fixes SQLite's loop order, as changedRowsQuery in
 * export/output-files.ts does), so the read is proportional to the persons, not to the year.
 */
export function changedPersonsTotalsQuery(k: Kysely<Database>, year: number) {
  return totalsOf(k.selectFrom('recon_changed_persons as c').crossJoin('recon_results as r')
    .whereRef('r.coverage_year', '=', 'c.coverage_year').whereRef('r.id_number', '=', 'c.id_number').where('c.coverage_year', '=', year));
}

/**
 * Replaces `year`'s stored totals by one aggregation over its result rows (a full night; migration 017 for
 * the years reconciled before it). One INSERT … SELECT: set work in the database.
 */
export async function storeYearTotals(k: Kysely<any>, year: number): Promise<void> {
  const kd = k as Kysely<Database>;
  await kd.deleteFrom('region_totals').where('coverage_year', '=', year).execute();
  await kd.insertInto('region_totals').columns(['coverage_year', 'region_code', ...TOTALS_COLUMNS.map((c) => c.name)])
    .expression(yearTotalsQuery(kd, year)).execute();
}

/** The totals of the persons recon_changed_persons lists, per region: an incremental night's rows before and after. */
export async function changedPersonsTotals(k: Kysely<Database>, year: number): Promise<TotalsRow[]> {
  return changedPersonsTotalsQuery(k, year).execute();
}

/**
 * An incremental night's totals: for each region the recomputed persons had or have rows in, the stored
 * totals − their rows' totals `before` the night deleted them + their rows' totals now (`after`). Each is
 * a sum of integers (TOTALS), so the result is what a fresh aggregation over the year gives, exactly. A
 * region left with no row has no totals, as after a full night. Only those regions' rows are rewritten.
 */
export async function applyChangedTotals(k: Kysely<Database>, year: number, before: TotalsRow[], after: TotalsRow[]): Promise<void> {
  const regions = [...new Set([...before, ...after].map((r) => r.region_code))].sort();
  if (regions.length === 0) return;
  const stored = new Map<string, TotalsRow>();
  for (let i = 0; i < regions.length; i += REGIONS_PER_STATEMENT) {
    const rows = await k.selectFrom('region_totals').selectAll().where('coverage_year', '=', year)
      .where('region_code', 'in', regions.slice(i, i + REGIONS_PER_STATEMENT)).execute();
    for (const r of rows) stored.set(r.region_code, r);
  }
  const totals = new Map(regions.map((region) => [region, Object.fromEntries(TOTALS_COLUMNS.map((c) => [c.name, Number(stored.get(region)?.[c.name] ?? 0)])) as Record<TotalsColumn, number>]));
  for (const [rows, sign] of [[before, -1], [after, 1]] as const) {
    for (const r of rows) {
      const t = totals.get(r.region_code)!;
      for (const c of TOTALS_COLUMNS) t[c.name] += sign * Number(r[c.name]);
    }
  }
  for (const [region, t] of totals) {
    // The stored totals held every row taken away: a count below 0, or a region with no row left but an
    // amount, can only mean they were out of step with the results.
    if (TOTALS_COLUMNS.some((c) => (c.type === 'integer' && t[c.name] < 0) || (t.persons === 0 && t[c.name] !== 0))) {
      throw new Error(`region_totals of ${year}, region ${region}: out of step with the results (a total would be ${t.persons === 0 ? 'left without rows' : 'below 0'})`);
    }
  }
  const kept = [...totals].filter(([, t]) => t.persons > 0);
  for (let i = 0; i < regions.length; i += REGIONS_PER_STATEMENT) {
    await k.deleteFrom('region_totals').where('coverage_year', '=', year).where('region_code', 'in', regions.slice(i, i + REGIONS_PER_STATEMENT)).execute();
  }
  for (let i = 0; i < kept.length; i += REGIONS_PER_STATEMENT) {
    await k.insertInto('region_totals')
      .values(kept.slice(i, i + REGIONS_PER_STATEMENT).map(([region_code, t]) => ({ coverage_year: year, region_code, ...t }))).execute();
  }
}

/** Regions per statement: 26 values a row stays within SQLite's 32,766 parameters. */
const REGIONS_PER_STATEMENT = 500;

/** The year's stored totals, one per region in region_code order: region_summary.csv, the workbook, the report and the night's summary. */
export async function regionTotals(k: Kysely<Database>, year: number): Promise<RegionTotals[]> {
  const rows = await k.selectFrom('region_totals').selectAll().where('coverage_year', '=', year).orderBy('region_code').execute();
  return rows.map((r) => {
    const n = (c: TotalsColumn) => Number(r[c]);
    return {
      regionCode: r.region_code, persons: n('persons'), expectedPersonal: n('expected_personal'), collectedPersonal: n('collected_personal'),
      expectedAssistance: n('expected_assistance'), collectedAssistance: n('collected_assistance'), refunds: n('refunds'),
      ratedCollectedPersonal: n('rated_collected_personal'), arrears: n('arrears'),
      statuses: Object.fromEntries(STATUSES.map((s) => [s, n(statusColumn(s))])),
      enrolled: n('enrolled'),
      assisted: {
        entitled: n('assisted_entitled'), enrolled: n('assisted_enrolled'), pending: n('assisted_pending'),
        // Rule 1 and 6: both statuses are only ever given to entitled roster persons' rows.
        notEnrolled: n('count_not_enrolled'), insuredAsEmployee: n('count_insured_as_employee'),
      },
    };
  });
}
