import { columnsOf, rowShape, type TableRow } from './row-shape.js';

/**
 * One region's collection totals as one reconcile left them: the history the collection-progress report
 * draws its trend from (spec 5, v2: "the trend of the collection rate over this year's previous runs").
 * Reconcile writes these rows itself, by one INSERT … SELECT over the year's results (region-history.ts),
 * in the same transaction as the results: a reconcile that fails or is rolled back leaves no point.
 */
export type RegionHistoryRecord = {
  /** When the reconcile committed these totals, to the millisecond (`YYYY-MM-DDTHH:MM:SS.mmm+08:00`). */
  reconciledAt: string;
  regionCode: string;
  asOf: string;
  persons: number;
  /** Σ expected_personal over the rows whose expected amount is known (as region_summary.csv). */
  expectedPersonal: number;
  /** Σ collected_personal over the rows that count in the collection rate (db/region-totals.ts). */
  ratedCollectedPersonal: number;
};

const h = columnsOf<RegionHistoryRecord>();

/** `region_history`: one row per (coverage year, reconcile, region); never replaced, only added to. */
export const REGION_HISTORY = rowShape<RegionHistoryRecord>()('region_history', ['coverage_year', 'reconciled_at', 'region_code'], {
  coverage_year: h.integer.given(),
  reconciled_at: h.text.of('reconciledAt'),
  region_code: h.text.of('regionCode'),
  as_of: h.text.of('asOf'),
  persons: h.integer.of('persons'),
  expected_personal: h.bigint.of('expectedPersonal'),
  rated_collected_personal: h.bigint.of('ratedCollectedPersonal'),
});

export type RegionHistoryTable = TableRow<typeof REGION_HISTORY.columns>;
