import type { Db } from '../db/db.js';
import { formatFen } from '../normalise/amount.js';
import { STATUSES } from '../db/result-status.js';
import { regionName } from '../regions/region-table.js';
import type { RegionTotals } from '../db/region-totals.js';
import { label, type Lang } from '../export/labels.js';

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

/** The words of the summary table, per output language (`--lang`, as the CSVs). */
const WORDS = {
  en: {
    title: (s: RunSummary, out: string) => `Coverage year ${s.coverage_year} as of ${s.as_of}: ${s.persons} persons. Outputs in ${out}`,
    status: 'Status', rows: 'rows', refundsTo: 'Refunds to', count: 'count', amount: 'amount', arrears: 'Arrears by region', none: '(none)',
  },
  zh: {
    title: (s: RunSummary, out: string) => `${s.coverage_year} 缴费年度，截至 ${s.as_of}：${s.persons} 人。输出在 ${out}`,
    status: '对账结果', rows: '行数', refundsTo: '退款对象', count: '笔数', amount: '金额', arrears: '各统筹区欠缴', none: '（无）',
  },
} satisfies Record<Lang, unknown>;

/** The summary as a small text table for a terminal (what `npm start` ends with), in the outputs' language. */
export function formatSummary(s: RunSummary, outDir: string, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  const row = (text: string, a: string, b = '') => lines.push(`  ${padDisplay(text, 28)} ${padStartDisplay(a, 8)} ${padStartDisplay(b, 14)}`.trimEnd());
  lines.push(w.title(s, outDir), '');
  row(w.status, w.rows);
  for (const [status, n] of Object.entries(s.statuses)) if (n > 0) row(label(status, lang), String(n));
  lines.push('');
  row(w.refundsTo, w.count, w.amount);
  if (s.refunds.length === 0) row(w.none, '0', '0.00');
  for (const r of s.refunds) row(label(r.payee, lang), String(r.count), formatFen(r.amount_fen));
  lines.push('');
  row(w.arrears, w.rows, w.amount);
  if (s.arrears.length === 0) row(w.none, '0', '0.00');
  for (const a of s.arrears) row(`${a.region_code} ${regionName(a.region_code)}`, String(a.rows), formatFen(a.amount_fen));
  return lines.join('\n') + '\n';
}

/** Pads to a terminal width, counting a CJK character as two columns (region names are Chinese). */
function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Right-aligns to a terminal width, as padDisplay counts it (column heads in Chinese). */
function padStartDisplay(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

function displayWidth(text: string): number {
  return [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}
