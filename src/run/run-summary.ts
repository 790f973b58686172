import type { Db } from '../db/open-database.js';
import { formatFen } from '../normalise/amount.js';
import { STATUSES } from '../reconcile/person-facts.js';
import { regionName } from '../regions/region-table.js';

/** The short picture of a night: result rows per status, refunds per payee, arrears per region (counts and fen). */
export type RunSummary = {
  coverage_year: number;
  as_of: string;
  persons: number;
  statuses: Record<string, number>;
  refunds: { payee: string; count: number; amount_fen: number }[];
  arrears: { region_code: string; rows: number; amount_fen: number }[];
};

/** Aggregates the year's results in SQL (never the rows themselves). */
export async function runSummary(db: Db, year: number): Promise<RunSummary> {
  const k = db.kysely;
  const recon = await k.selectFrom('reconciliations').select(['as_of', 'persons']).where('coverage_year', '=', year).executeTakeFirstOrThrow();
  const statusRows = await k.selectFrom('recon_results').select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('coverage_year', '=', year).groupBy('status').execute();
  const byStatus = new Map(statusRows.map((r) => [r.status, Number(r.n)]));
  const refunds = await k.selectFrom('recon_refunds').select((eb) => ['payee', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('fen')])
    .where('coverage_year', '=', year).groupBy('payee').orderBy('payee').execute();
  const arrears = await k.selectFrom('recon_results')
    .select((eb) => ['region_code', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb('expected_personal', '-', eb.ref('collected_personal'))).as('fen')])
    .where('coverage_year', '=', year).where('status', 'in', ['UNDERPAID', 'UNPAID']).groupBy('region_code').orderBy('region_code').execute();
  return {
    coverage_year: year,
    as_of: recon.as_of,
    persons: recon.persons,
    statuses: Object.fromEntries(STATUSES.map((s) => [s, byStatus.get(s) ?? 0])),
    refunds: refunds.map((r) => ({ payee: r.payee, count: Number(r.n), amount_fen: Number(r.fen) })),
    arrears: arrears.map((r) => ({ region_code: r.region_code, rows: Number(r.n), amount_fen: Number(r.fen) })),
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
