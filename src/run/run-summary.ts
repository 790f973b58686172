import type { Db } from '../db/db.js';
import { formatFen } from '../normalise/amount.js';
import { STATUSES } from '../db/result-status.js';
import { regionName } from '../regions/region-table.js';
import type { RegionTotals } from '../export/region-totals.js';

/** The short picture of a night: result rows per status, refunds per payee, arrears per region (counts and fen). */
export type RunSummary = {
  coverage_year: number;
  as_of: string;
  persons: number;
  statuses: Record<string, number>;
  refunds: { payee: string; count: number; amount_fen: number }[];
  arrears: { region_code: string; rows: number; amount_fen: number }[];
};

/**
 * The night's summary, from the region totals the export wrote region_summary.csv from (so it agrees with
 * that file, and the result rows are not scanned again) and one aggregation of the refunds.
 */
export async function runSummary(db: Db, year: number, regions: RegionTotals[]): Promise<RunSummary> {
  const k = db.kysely;
  const recon = await k.selectFrom('reconciliations').select(['as_of', 'persons']).where('coverage_year', '=', year).executeTakeFirstOrThrow();
  const refunds = await k.selectFrom('recon_refunds').select((eb) => ['payee', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('fen')])
    .where('coverage_year', '=', year).groupBy('payee').orderBy('payee').execute();
  return {
    coverage_year: year,
    as_of: recon.as_of,
    persons: recon.persons,
    statuses: Object.fromEntries(STATUSES.map((s) => [s, regions.reduce((n, r) => n + r.statuses[s]!, 0)])),
    refunds: refunds.map((r) => ({ payee: r.payee, count: Number(r.n), amount_fen: Number(r.fen) })),
    arrears: regions
      .map((r) => ({ region_code: r.regionCode, rows: r.statuses.UNDERPAID! + r.statuses.UNPAID!, amount_fen: r.arrears }))
      .filter((a) => a.rows > 0),
  };
}

/** The summary as a small text table for a terminal (what `npm start` ends with). */
export function formatSummary(s: RunSummary, outDir: string): string {
  const lines: string[] = [];
  const row = (label: string, a: string, b = '') => lines.push(`  ${padDisplay(label, 28)} ${a.padStart(8)} ${b.padStart(14)}`.trimEnd());
  lines.push(`Coverage year ${s.coverage_year} as of ${s.as_of}: ${s.persons} persons. Outputs in ${outDir}`, '');
  row('Status', 'rows');
  for (const [status, n] of Object.entries(s.statuses)) if (n > 0) row(status, String(n));
  lines.push('');
  row('Refunds to', 'count', 'amount');
  if (s.refunds.length === 0) row('(none)', '0', '0.00');
  for (const r of s.refunds) row(r.payee, String(r.count), formatFen(r.amount_fen));
  lines.push('');
  row('Arrears by region', 'rows', 'amount');
  if (s.arrears.length === 0) row('(none)', '0', '0.00');
  for (const a of s.arrears) row(`${a.region_code} ${regionName(a.region_code)}`, String(a.rows), formatFen(a.amount_fen));
  return lines.join('\n') + '\n';
}

/** Pads to a terminal width, counting a CJK character as two columns (region names are Chinese). */
function padDisplay(text: string, width: number): string {
  const used = [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - used));
}
