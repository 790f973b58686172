import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileError } from '../base/file-error.js';
import { throwIfStopped } from '../base/stop-request.js';
import { STATUSES } from '../db/result-status.js';
import { formatFen } from '../normalise/amount.js';
import { describeChain } from '../policy/describe-chain.js';
import { regionLabel } from '../regions/region-table.js';
import type { WrittenFile } from './csv-file.js';
import { label, type Lang } from './labels.js';
import type { ReportData } from './report-data.js';
import type { RegionTotals } from '../db/region-totals.js';
import { reportText } from './report-text.js';

/**
 * report.html, the collection-progress report (征缴进度, spec 5, v2): one self-contained file that opens
 * offline in any browser. No script and nothing fetched (a Content-Security-Policy says so to the browser
 * too); the charts are inline SVG (report-charts.ts); every text is escaped, file names being untrusted.
 * Written whole at once: it holds aggregates only. `rows` in the manifest: the regions it reports.
 */
export async function writeReport(path: string, data: ReportData, lang: Lang): Promise<WrittenFile> {
  // ECharts is loaded here, when a report is drawn, not when the CLI starts: its modules take about a second
  // to load, which every other command (explain, ingest, policies) would otherwise pay.
  const html = reportHtml(data, lang, await import('./report-charts.js'));
  throwIfStopped();
  try {
    writeFileSync(path, html, { mode: 0o600 });
  } catch (err) {
    throw fileError(path, err);
  }
  return { name: 'report.html', sha256: createHash('sha256').update(html).digest('hex'), rows: data.regions.length };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Yuan with two decimals and thousands separators: 1,234,567.50. */
const yuan = (fen: number) => formatFen(fen).replace(/^(-?\d+)/, (n) => n.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const int = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = (r: number) => `${(r * 100).toFixed(2)}%`;
const rateOf = (collected: number, expected: number) => (expected > 0 ? collected / expected : null);
const rate = (t: RegionTotals) => rateOf(t.ratedCollectedPersonal, t.expectedPersonal);

type Cell = string | { html: string; num?: boolean };
/** A table; cells are escaped text, or `{ html }` already built here; numbers right-aligned. */
function table(head: string[], rows: Cell[][], numeric: (i: number) => boolean = () => false, foot?: Cell[]): string {
  const cell = (tag: string, c: Cell, i: number) => {
    const right = numeric(i) ? ' class="n"' : '';
    return `<${tag}${right}>${typeof c === 'string' ? esc(c) : c.html}</${tag}>`;
  };
  return `<table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>\n`
    + rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n')
    + `</tbody>${foot ? `<tfoot><tr>${foot.map((c, i) => cell('td', c, i)).join('')}</tr></tfoot>` : ''}</table>`;
}
const section = (id: string, title: string, body: string) => `<section id="${id}"><h2>${esc(title)}</h2>\n${body}\n</section>`;
const para = (text: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;
const figure = (svg: string) => `<figure>${svg}</figure>`;

type Charts = typeof import('./report-charts.js');

export function reportHtml(d: ReportData, lang: Lang, { barChart, lineChart }: Charts): string {
  const t = reportText(lang);
  const sum = (f: (r: RegionTotals) => number) => d.regions.reduce((n, r) => n + f(r), 0);
  const rated = d.regions.filter((r) => rate(r) !== null).sort((a, b) => rate(b)! - rate(a)! || a.regionCode.localeCompare(b.regionCode));
  const unrated = d.regions.filter((r) => rate(r) === null);
  const overall = rateOf(sum((r) => r.ratedCollectedPersonal), sum((r) => r.expectedPersonal));

  const overview = table([t.persons, t.expected, t.collected, t.rate, t.arrears], [[
    int(sum((r) => r.persons)), yuan(sum((r) => r.expectedPersonal)), yuan(sum((r) => r.ratedCollectedPersonal)), overall === null ? '—' : pct(overall), yuan(sum((r) => r.arrears)),
  ]], () => true);

  const rateRows = [...rated, ...unrated].map((r) => [
    regionLabel(r.regionCode), int(r.persons), yuan(r.expectedPersonal), yuan(r.ratedCollectedPersonal), rate(r) === null ? t.noRate : pct(rate(r)!), yuan(r.arrears),
  ]);
  const rateChart = rated.length
    ? figure(barChart(rated.map((r) => regionLabel(r.regionCode)), rated.map((r) => Math.round(rate(r)! * 10000) / 100), (v) => `${v.toFixed(2)}%`, Math.max(100, ...rated.map((r) => Math.ceil(rate(r)! * 100)))))
    : '';
  const inArrears = d.regions.filter((r) => r.arrears > 0).sort((a, b) => b.arrears - a.arrears || a.regionCode.localeCompare(b.regionCode));
  const arrearsChart = inArrears.length
    ? figure(barChart(inArrears.map((r) => regionLabel(r.regionCode)), inArrears.map((r) => r.arrears / 100), (v) => yuan(Math.round(v * 100))))
    : para(t.noArrears);

  const body = [
    `<header><h1>${esc(t.title)} · ${esc(t.year(d.year))}</h1>${para(t.meta(d.asOf, d.reconciledAt, d.generatedAt), 'meta')}</header>`,
    section('overview', t.overview, overview + (d.targets ? '' : para(t.noTargets, 'note'))),
    section('rate', t.rateTitle, para(t.rateDef) + rateChart
      + table([t.region, t.persons, t.expected, t.collected, t.rate, t.arrears], rateRows, (i) => i > 0)),
    section('arrears', t.arrearsTitle, arrearsChart),
    d.targets ? section('targets', t.targetsTitle, targetsBody(d, lang, barChart)) : '',
    section('assisted', t.assistedTitle, assistedBody(d, lang)),
    section('status', t.statusTitle, statusBody(d, lang)),
    section('refunds', t.refundsTitle, d.refunds.length
      ? table([t.payee, t.reason, t.count, t.amount], d.refunds.map((r) => [label(r.payee, lang), reasonLabel(r.reason, lang), int(r.count), yuan(r.amount)]), (i) => i > 1,
        ['', t.total, int(d.refunds.reduce((n, r) => n + r.count, 0)), yuan(d.refunds.reduce((n, r) => n + r.amount, 0))])
      : para(t.noRefunds)),
    section('rejects', t.rejectsTitle, d.rejects.length
      ? table([t.file, t.reason, t.lines], d.rejects.map((r) => [{ html: `${esc(r.file)} <span class="sha">${esc(r.sha256.slice(0, 12))}</span>` }, reasonLabel(r.reason, lang), int(r.count)]), (i) => i === 2)
      : para(t.noRejects)),
    section('trend', t.trendTitle, trendBody(d, lang, lineChart)),
    section('policies', t.policiesTitle, policiesBody(d, lang)),
  ].filter(Boolean).join('\n');

  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${t.title} · ${t.year(d.year)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function reasonLabel(code: string, lang: Lang): string {
  const zh = label(code, lang);
  return zh === code ? code : `${zh} (${code})`;
}

function targetsBody(d: ReportData, lang: Lang, barChart: Charts['barChart']): string {
  const t = reportText(lang);
  const targets = d.targets!;
  const byCode = new Map(d.regions.map((r) => [r.regionCode, r]));
  const codes = [...new Set([...targets.keys(), ...byCode.keys()])];
  const rows = codes.map((code) => {
    const enrolled = byCode.get(code)?.enrolled ?? 0;
    const target = targets.get(code);
    return { code, enrolled, target, progress: target ? enrolled / target : null };
  }).sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1) || a.code.localeCompare(b.code));
  const charted = rows.filter((r) => r.progress !== null);
  const chart = charted.length
    ? figure(barChart(charted.map((r) => regionLabel(r.code)), charted.map((r) => Math.round(r.progress! * 10000) / 100), (v) => `${v.toFixed(2)}%`, Math.max(100, ...charted.map((r) => Math.ceil(r.progress! * 100)))))
    : '';
  return para(t.targetsDef) + chart + table([t.region, t.target, t.enrolled, t.progress], rows.map((r) => [
    regionLabel(r.code), r.target === undefined ? t.noTarget : int(r.target), byCode.has(r.code) ? int(r.enrolled) : t.notInFiles, r.progress === null ? '—' : pct(r.progress),
  ]), (i) => i > 0,
  [t.total, int([...targets.values()].reduce((n, v) => n + v, 0)), int(d.regions.reduce((n, r) => n + r.enrolled, 0)), '']);
}

function assistedBody(d: ReportData, lang: Lang): string {
  const t = reportText(lang);
  const cols = (a: RegionTotals['assisted']) => [a.entitled, a.enrolled, a.notEnrolled, a.pending, a.insuredAsEmployee];
  const totals = [0, 0, 0, 0, 0];
  const rows = d.regions.map((r) => {
    const v = cols(r.assisted);
    v.forEach((n, i) => { totals[i]! += n; });
    return [regionLabel(r.regionCode), ...v.map(int)];
  });
  return para(t.assistedWhy)
    + table([t.region, t.entitled, t.assistedEnrolled, t.gaps, t.pending, t.employee], rows, (i) => i > 0, [t.total, ...totals.map(int)])
    + `<dl class="defs">${t.assistedDefs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function statusBody(d: ReportData, lang: Lang): string {
  const t = reportText(lang);
  // Only the statuses that occur, so that the table fits a laptop's width; every status is in region_summary.csv.
  const shown = STATUSES.filter((s) => d.regions.some((r) => r.statuses[s]! > 0));
  return table([t.region, ...shown.map((s) => label(s, lang)), t.persons], d.regions.map((r) => [
    regionLabel(r.regionCode), ...shown.map((s) => int(r.statuses[s]!)), int(r.persons),
  ]), (i) => i > 0, [t.total, ...shown.map((s) => int(d.regions.reduce((n, r) => n + r.statuses[s]!, 0))), int(d.regions.reduce((n, r) => n + r.persons, 0))]);
}

/** The overall rate per recorded reconcile (a line), and each region's rate at the latest ten (a table). */
function trendBody(d: ReportData, lang: Lang, lineChart: Charts['lineChart']): string {
  const t = reportText(lang);
  const runs = [...new Set(d.history.map((p) => p.reconciledAt))];
  if (runs.length < 2) return para(t.trendDef) + para(t.noTrend, 'note');
  const asOfs = new Map(d.history.map((p) => [p.reconciledAt, p.asOf]));
  // A point is named by its as-of date; two reconciles of one as-of date also by their time.
  const name = (at: string) => {
    const asOf = asOfs.get(at)!;
    return runs.filter((r) => asOfs.get(r) === asOf).length > 1 ? `${asOf} ${at.slice(11, 19)}` : asOf;
  };
  const overall = runs.map((at) => {
    const points = d.history.filter((p) => p.reconciledAt === at);
    const r = rateOf(points.reduce((n, p) => n + p.ratedCollectedPersonal, 0), points.reduce((n, p) => n + p.expectedPersonal, 0));
    return r === null ? null : Math.round(r * 10000) / 100;
  });
  const chart = figure(lineChart(runs.map(name), [{ name: t.rate, values: overall }], (v) => `${v.toFixed(2)}%`));
  const latest = runs.slice(-10);
  const byKey = new Map(d.history.map((p) => [`${p.reconciledAt}|${p.regionCode}`, p]));
  const codes = [...new Set(d.history.map((p) => p.regionCode))].sort();
  const rows = codes.map((code) => [regionLabel(code), ...latest.map((at) => {
    const p = byKey.get(`${at}|${code}`);
    const r = p ? rateOf(p.ratedCollectedPersonal, p.expectedPersonal) : null;
    return r === null ? '—' : pct(r);
  })]);
  return para(t.trendDef) + chart + table([t.region, ...latest.map((at) => `${t.point} ${name(at)}`)], rows, (i) => i > 0);
}

function policiesBody(d: ReportData, lang: Lang): string {
  const t = reportText(lang);
  if (!d.policies) return para(t.noPolicies, 'note');
  // A file's hash and name are data (the operator's file names): marked so, as the browser test reads them.
  const sources = `<details open><summary>${esc(t.sources)}</summary><ul>${d.policies.sources
    .map((s) => `<li>${esc(t.origins[s.origin])} <span class="mono data">${esc(s.sha256.slice(0, 12))} ${esc(s.file.split('/').pop() ?? s.file)}</span></li>`).join('')}</ul></details>`;
  const sections = d.policies.sections.map((s) => `<h3>${esc(s.regionCodes.map(regionLabel).join('、'))}</h3>${chainBlock(describeChain(s.chain, lang))}`).join('\n');
  return para(t.policiesDef) + sources + sections;
}

/**
 * describeChain's lines, a heading (no indent) bold and its values under it with a hanging indent, so that a
 * long value (a citation, a same_as chain) wraps under itself rather than back to the margin as in a <pre>.
 */
function chainBlock(lines: string[]): string {
  return `<div class="chain">${lines.map((l) => (l.startsWith('  ') ? `<p class="v">${esc(l.trim())}</p>` : `<p class="h">${esc(l)}</p>`)).join('')}</div>`;
}

/** Readable on a laptop, printable on A4: one column, tables that wrap, sections kept whole where they fit. */
const STYLE = `
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif; color: #1d2733;
  max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.5; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #2f6fb0; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
.meta { color: #5a6570; margin: 0; } .note { background: #fff6e0; border-left: 4px solid #e0a020; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d5dbe1; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef2f6; } td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; background: #f6f8fa; }
figure { margin: 8px 0; } figure svg { max-width: 100%; height: auto; }
.sha { color: #8a949e; font-family: monospace; font-size: 11px; }
dl.defs dt { font-weight: 600; } dl.defs dd { margin: 0 0 6px 16px; }
.mono { font-family: 'Noto Sans Mono CJK SC', ui-monospace, monospace; font-size: 12px; }
.chain { background: #f6f8fa; border: 1px solid #e1e5ea; padding: 4px 10px 8px; font-size: 13px; overflow-wrap: anywhere; }
.chain p { margin: 0; } .chain .h { font-weight: 600; margin-top: 6px; } .chain .v { padding-left: 2.5em; text-indent: -1.5em; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; }
  details > summary { list-style: none; } }
`;
