import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishWords } from '../helpers/chinese.js';
import { recon, ROOT } from '../helpers/cli.js';
import { logEvents, night, type Night } from '../helpers/run.js';

/**
 * report.html as its readers see it (spec 5, v2): opened from the out folder in real headless Chromium
 * (Debian's `chromium`, with fonts-noto-cjk; .ci/run installs both), it must render with no console error
 * and fetch nothing beyond itself, with the charts drawn as SVG, bars highest rate first, in Chinese with
 * --lang zh, the targets section only with --targets, and the trend once two nights were reconciled. A full
 * page screenshot is saved under the test's temp folder, for a human look (its path is printed).
 */

const CHROMIUM = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
/** A file name an attacker could choose: markup in it must show as text, and must not load anything. */
const HOSTILE = 'tax-<img src=x onerror=alert(1)>.csv';

let browser: Browser;
let n: Night;

beforeAll(async () => {
  n = night();
  writeFileSync(join(n.inbox, HOSTILE), [
    'txn_id,id_number,name,region_code,coverage_year,amount,paid_at,payer_type,category,tier,channel,operator_note',
    'HX1,not-an-id,某,360702,2023,350.00,2022-10-15,personal,resident,1,app,',
  ].join('\n') + '\n');
  const first = recon(n.args('--lang', 'zh'));
  expect([0, 4], first.stderr).toContain(first.code); // 4: the hostile file, one bad line of one, is rejected whole
  // The log stays one JSON object per line: drawing the charts writes nothing to stdout (ECharts warns there).
  expect(() => logEvents(first.stdout)).not.toThrow();
  writeFileSync(join(n.root, 'targets.csv'), '\ufeff统筹区编码,参保任务数\n360702,40\n500101,5\n360799,10\n');
  const second = recon([...n.args('--lang', 'zh', '--targets', join(n.root, 'targets.csv'))].map((a) => (a === '2023-03-15' ? '2023-03-20' : a)));
  expect([0, 4], second.stderr).toContain(second.code);
  browser = await puppeteer.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a report and records what a reader's browser would: console errors, requests, failed requests. */
async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[]; failed: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors: string[] = [];
  const requests: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'networkidle0' });
  return { page, errors, requests, failed };
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(n.root, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`report screenshot: ${path}`);
}

/** The rate chart's region labels top to bottom, and its bars' widths in the same order. */
async function rateChart(page: Page, section: string) {
  return page.evaluate((id) => {
    const svg = (globalThis as unknown as { document: { querySelector(s: string): Node } }).document.querySelector(`#${id} figure svg`);
    const top = (e: Node) => e.getBoundingClientRect().top;
    const labels = [...svg.querySelectorAll('text')].filter((t) => /\d{6}$/.test(t.textContent ?? '')).sort((a, b) => top(a) - top(b)).map((t) => t.textContent);
    const bars = [...svg.querySelectorAll('path[fill="#2f6fb0"]')].sort((a, b) => top(a) - top(b)).map((b) => b.getBoundingClientRect().width);
    return { labels, bars };
  }, section);
}

/** What the page's script sees of an element (the tests are typed without the DOM library). */
type Node = {
  textContent: string | null; innerText: string; nextElementSibling: Node | null;
  querySelectorAll(s: string): ArrayLike<Node> & Iterable<Node>; getBoundingClientRect(): { top: number; width: number };
};

/** region_summary.csv's regions with a rate, highest first (ties by code), as the report labels them. */
function expectedRateOrder(out: string): string[] {
  const [head, ...lines] = readFileSync(join(out, 'region_summary.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\n').map((l) => l.split(','));
  const rateAt = head!.length - 1;
  return lines.filter((c) => c[rateAt] !== '').sort((a, b) => Number(b[rateAt]) - Number(a[rateAt]) || a[0]!.localeCompare(b[0]!)).map((c) => c[1]!.includes(c[0]!) ? c[1]! : `${c[1]} ${c[0]}`);
}

/** Every citation the shipped and the demo's policy files carry: data, shown as the files write it. */
function citationTexts(): string[] {
  const dirs = [join(ROOT, 'src/policy/data'), join(ROOT, 'fixtures/policies')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).flatMap((f) =>
    Object.values((JSON.parse(readFileSync(join(d, f), 'utf8')) as { citations?: Record<string, string> }).citations ?? {})))
    .sort((a, b) => b.length - a.length);
}

/** The policy section's chains: each region heading and the lines of its chain, as a reader sees them. */
async function policyChains(page: Page): Promise<{ regions: string; lines: string[] }[]> {
  return page.$$eval('#policies h3', (hs) => hs.map((h) => ({
    regions: h.textContent ?? '',
    lines: [...(h.nextElementSibling?.querySelectorAll('p') ?? [])].map((p) => p.textContent ?? ''),
  })));
}

describe('report.html in headless Chromium', () => {
  it('--lang zh with --targets after two nights: renders offline, charts highest rate first, targets and trend', async () => {
    const file = join(n.out, 'report.html');
    const { page, errors, requests, failed } = await open(file);
    await screenshot(page, 'report-zh.png');
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]); // nothing beyond the file itself
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);

    expect(await page.$eval('html', (h) => h.lang)).toBe('zh-CN');
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('征缴进度');
    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(expect.arrayContaining(['各统筹区个人缴费到位率', '参保人数与参保任务数', '各统筹区资助参保对象参保进展', '本年度历次对账的到位率', '所用政策参数及依据']));

    const order = expectedRateOrder(n.out);
    expect(order.length).toBeGreaterThan(2);
    const chart = await rateChart(page, 'rate');
    expect(chart.labels).toEqual(order);
    expect(chart.bars).toHaveLength(order.length);
    expect(chart.bars).toEqual([...chart.bars].sort((a, b) => b - a)); // longest bar on top

    // The targets: the enrolled persons against each target, a target's region absent from the files said so.
    const targets = await page.$eval('#targets', (s) => s.textContent ?? '');
    expect(targets).toContain('40');
    expect(targets).toContain('文件中无人员');
    expect(await page.$$eval('#targets figure svg', (s) => s.length)).toBe(1);
    expect(await page.$eval('#overview', (s) => s.textContent)).not.toContain('未提供参保任务数');

    // The trend: one point per night's reconcile, the table a column for each.
    const trendHead = await page.$$eval('#trend th', (ths) => ths.map((t) => t.textContent));
    expect(trendHead).toEqual(['统筹区', '截至 2023-03-15', '截至 2023-03-20']);
    expect(await page.$$eval('#trend figure svg', (s) => s.length)).toBe(1);

    // The hostile file name is shown as text (and loaded nothing: requests above).
    expect(await page.$eval('#rejects', (s) => s.textContent)).toContain(HOSTILE);

    // The policy values used (issue 20): in Chinese too, the files' hashes and names and the citations being data.
    const chains = await policyChains(page);
    const ganzhou = chains.find((c) => c.regions.includes('章贡区 360702'))!.lines;
    expect(ganzhou).toContain('个人缴费标准（元/人·年）：');
    expect(ganzhou).toContain('普通居民 一档：350.00  ← 赣州市 360700（赣市医保字〔2022〕24号 一）');
    expect(ganzhou.some((l) => l.startsWith('定额资助参保对象截止日期：未规定：') && l.includes('政策缺失 (POLICY_GAP:collection_window.assisted_end)'))).toBe(true);
    expect(ganzhou).toContain('待遇等待期：90 日  ← 江西省 360000（赣医保发〔2022〕14号 四(一)）');
    expect(chains.find((c) => c.regions.includes('福州市 350100'))!.lines.some((l) => l.includes('（上级规定的最低标准：不低于 350.00）'))).toBe(true);
    expect(await page.$eval('#policies summary', (s) => s.textContent)).toBe('政策文件');
    await page.$$eval('#policies .data', (ds) => ds.forEach((d) => { d.textContent = ''; }));
    const citations = citationTexts();
    const policyText = (await page.$eval('#policies', (s) => (s as unknown as Node).innerText)).split('\n')
      .map((line: string) => citations.reduce((rest, c) => rest.replaceAll(c, ' '), line));
    expect(policyText.filter((l) => englishWords(l).length)).toEqual([]);
    await page.close();
  }, 60_000);

  it('English, no --targets: the statement that rates are over the persons in the files, no targets section', async () => {
    const out = join(n.root, 'out-en');
    const r = recon(['export', '--db', n.db, '--out', out]);
    expect(r.code, r.stderr).toBe(4); // the database holds the hostile file, rejected whole
    const { page, errors, requests } = await open(join(out, 'report.html'));
    await screenshot(page, 'report-en.png');
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('Collection progress');
    expect(await page.$('#targets')).toBeNull();
    expect(await page.$eval('#overview', (s) => s.textContent)).toContain('not over the population');
    expect((await rateChart(page, 'rate')).labels).toEqual(expectedRateOrder(out).map((l) => l)); // names from the region table in both languages
    // The policy values as `recon policies` prints them: a county without a file of its own shows its city's chain.
    const ganzhou = (await policyChains(page)).find((c) => c.regions.includes('360702'))!.lines;
    const policies = recon(['policies', '--db', n.db]);
    expect(policies.code, policies.stderr).toBe(0);
    const block = policies.stdout.split('\n\n').find((b) => b.startsWith('360700 '))!.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
    expect(ganzhou).toEqual(block);
    expect(ganzhou).toContain('personal_standard 个人缴费标准 (yuan per person and year):');
    expect(await page.$eval('#policies summary', (s) => s.textContent)).toBe('Policy files');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { name: string }[] };
    expect(manifest.outputs.map((o) => o.name)).toContain('report.html');
    await page.close();
  }, 60_000);
});
