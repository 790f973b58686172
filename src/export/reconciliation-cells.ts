import { RECON_RESULTS } from '../db/result-shapes.js';
import { regionName } from '../regions/region-table.js';
import { moneyCell as money, textCell as text } from './csv-file.js';
import { label, type Lang } from './labels.js';

/** The columns of reconciliation.csv, in order (spec 5). */
export const RECONCILIATION_COLUMNS = [
  'id_number', 'name', 'region_code', 'region_name', 'coverage_year', 'category', 'tier', 'assistance_category',
  'standard', 'subsidy', 'expected_personal', 'collected_personal', 'expected_assistance', 'collected_assistance', 'variance',
  'refund_due', 'status', 'flags', 'benefit_start', 'first_paid_at', 'last_paid_at', 'payments', 'rule',
] as const;

/** Where each results column sits in a row of values (the row shape's `inserted` order). */
const at = RECON_RESULTS.at;

const plain = (v: unknown) => (v as string | null) ?? '';

/** The region of a results row given as values (RECON_RESULTS's order). */
export const resultRegion = (v: readonly unknown[]): string => v[at.region_code] as string;

/**
 * The cells of one reconciliation.csv line, from a results row as values in RECON_RESULTS's order. The one
 * definition of that line: the export uses it on rows read back from the database, and `recon run` on the
 * rows as the reconcile writer stores them (region-spill.ts), so both give the same bytes.
 */
export function reconciliationCells(v: readonly unknown[], lang: Lang): string[] {
  const region = v[at.region_code] as string;
  return [
    text(v[at.id_number]), text(v[at.name]), region, text(regionName(region)), String(v[at.coverage_year]),
    label(v[at.category] as string, lang), v[at.tier] as string, label(plain(v[at.assistance_category]), lang),
    money(v[at.standard]), money(v[at.subsidy]), money(v[at.expected_personal]), money(v[at.collected_personal]),
    money(v[at.expected_assistance]), money(v[at.collected_assistance]), money(v[at.variance]), money(v[at.refund_due]),
    label(v[at.status] as string, lang), text(v[at.flags]), plain(v[at.benefit_start]), plain(v[at.first_paid_at]),
    plain(v[at.last_paid_at]), String(v[at.payments]), text(v[at.rule]),
  ];
}
