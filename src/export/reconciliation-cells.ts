import { RECON_RESULTS } from '../db/result-shapes.js';
import { regionName } from '../regions/region-table.js';
import { moneyCell as money, textCell as text } from './csv-file.js';
import { codesLabel, label, type Lang } from './labels.js';

/** Where each results column sits in a row of values (the row shape's `inserted` order). */
const at = RECON_RESULTS.at;

type Values = readonly unknown[];
const plain = (v: unknown) => (v as string | null) ?? '';

/**
 * reconciliation.csv's columns, in order (spec 5), each with how its cell is made from a results row given as
 * values in RECON_RESULTS's order: the one definition of the file's header and of its lines. The export uses
 * it on rows read back from the database, and `recon run` on the rows as the reconcile writer stores them
 * (region-spill.ts), so both give the same bytes.
 */
const COLUMNS = {
  id_number: (v: Values) => text(v[at.id_number]),
  name: (v: Values) => text(v[at.name]),
  region_code: (v: Values) => v[at.region_code] as string,
  region_name: (v: Values) => text(regionName(v[at.region_code] as string)),
  coverage_year: (v: Values) => String(v[at.coverage_year]),
  category: (v: Values, lang: Lang) => label(v[at.category] as string, lang),
  tier: (v: Values) => v[at.tier] as string,
  assistance_category: (v: Values, lang: Lang) => label(plain(v[at.assistance_category]), lang),
  standard: (v: Values) => money(v[at.standard]),
  subsidy: (v: Values) => money(v[at.subsidy]),
  expected_personal: (v: Values) => money(v[at.expected_personal]),
  collected_personal: (v: Values) => money(v[at.collected_personal]),
  expected_assistance: (v: Values) => money(v[at.expected_assistance]),
  collected_assistance: (v: Values) => money(v[at.collected_assistance]),
  variance: (v: Values) => money(v[at.variance]),
  assistance_variance: (v: Values) => money(v[at.assistance_variance]),
  // Blank on a POLICY_GAP row (spec 3 v2: "expected, variance and refund blank"): no refund is computed
  // while the money is unknown. The table stores 0 there (no refund rows), which the totals add as nothing.
  refund_due: (v: Values) => (v[at.status] === 'POLICY_GAP' ? '' : money(v[at.refund_due])),
  status: (v: Values, lang: Lang) => label(v[at.status] as string, lang),
  actions: (v: Values, lang: Lang) => text(codesLabel(v[at.actions] as string, lang)),
  flags: (v: Values, lang: Lang) => text(codesLabel(v[at.flags] as string, lang)),
  benefit_start: (v: Values) => plain(v[at.benefit_start]),
  first_paid_at: (v: Values) => plain(v[at.first_paid_at]),
  last_paid_at: (v: Values) => plain(v[at.last_paid_at]),
  payments: (v: Values) => String(v[at.payments]),
  rule: (v: Values) => text(v[at.rule]),
} satisfies Record<string, (v: Values, lang: Lang) => string>;

/** The columns of reconciliation.csv, in order (spec 5). */
export const RECONCILIATION_COLUMNS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

/** The region of a results row given as values (RECON_RESULTS's order). */
export const resultRegion = (v: Values): string => v[at.region_code] as string;

/**
 * The cells of one reconciliation.csv line, from a results row as values in RECON_RESULTS's order (COLUMNS).
 * Made once as straight-line code, `[c0(v, lang), c1(v, lang), ...]`, as the row shapes' writers are
 * (db/row-shape.ts): each call site then always calls the same function, which V8 inlines; a loop over the
 * columns' functions cost a third more per line (about 2.5 s a night at ten million rows).
 */
export const reconciliationCells: (v: Values, lang: Lang) => string[] = (() => {
  const cells = Object.values(COLUMNS);
  const names = cells.map((_, i) => `c${i}`);
  return new Function(...names, `return function (v, lang) { return [${names.map((c) => `${c}(v, lang)`).join(', ')}]; };`)(...cells);
})();
