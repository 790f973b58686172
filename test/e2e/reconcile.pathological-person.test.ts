import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { idNumber, writeCsv } from '../helpers/files.js';
import { logEvents, night } from '../helpers/run.js';

const HEADER = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type'];
const BIG = idNumber('360702', '19800101', '123');
const PAYMENTS = 171_000;
const fen = (yuan: string) => Math.round(Number(yuan) * 100);

/** Per region: rows, net personal and net assistance fen, first and last paid_on, as the test wrote them. */
type Expected = { rows: number; personal: number; assistance: number; first: string; last: string };

/**
 * Issue 13: one ID number with 171,000 payments in the files. The person's payments stay in the database
 * every night, so the reconcile must get through them in bounded memory: the person is summarised per
 * region (status POLICY_GAP, flag TOO_MANY_PAYMENTS, the money collected shown, nothing expected), and
 * everyone else is reconciled exactly as without them.
 */
describe('a person with 171,000 payments', () => {
  it('is summarised per region, the others are untouched, and the run stays under 300 MiB', () => {
    const big = night([]);
    const plain = night([]);
    for (const n of [big, plain]) writeCsv(join(n.inbox, 'ordinary.csv'), ordinary());
    const expected = writeBig(join(big.inbox, 'big.csv'));

    const r = recon(big.args());
    expect(r.code, r.stderr).toBe(0);
    expect(recon(plain.args()).code).toBe(0);
    const events = logEvents(r.stdout);
    expect(events.find((e) => e.event === 'run_finished')!.peak_rss_mib).toBeLessThan(300);
    // The night's log says how many such persons there were (a count, never who).
    expect(events.find((e) => e.event === 'reconcile_done')).toMatchObject({ too_many_payments: 1 });
    expect(r.stdout + r.stderr).not.toContain(BIG); // no ID number in any log line

    // The ordinary persons' rows, refunds and duplicates are exactly those of a night without the big one.
    const lines = (out: string, file: string) => readFileSync(join(out, file), 'utf8').split('\n').filter((l) => !l.includes(BIG));
    for (const file of ['reconciliation.csv', 'refunds.csv', 'duplicates.csv']) expect(lines(big.out, file), file).toEqual(lines(plain.out, file));

    const rows = readCsv(join(big.out, 'reconciliation.csv')).filter((x) => x.id_number === BIG);
    expect(rows.map((x) => x.region_code)).toEqual(Object.keys(expected).sort());
    for (const row of rows) {
      const e = expected[row.region_code!]!;
      expect(row, row.region_code).toMatchObject({
        status: 'POLICY_GAP', flags: 'REVERSED;TOO_MANY_PAYMENTS', payments: String(e.rows),
        first_paid_at: e.first, last_paid_at: e.last, expected_personal: '', expected_assistance: '', variance: '',
        standard: '', subsidy: '', benefit_start: '', refund_due: '',
      });
      expect(fen(row.collected_personal!), row.region_code).toBe(e.personal);
      expect(fen(row.collected_assistance!), row.region_code).toBe(e.assistance);
    }
    expect(readCsv(join(big.out, 'refunds.csv')).filter((x) => x.id_number === BIG)).toEqual([]);
    expect(readCsv(join(big.out, 'duplicates.csv')).filter((x) => x.id_number === BIG)).toEqual([]);

    // region_summary balances: its totals are the result rows' totals, region by region.
    const all = readCsv(join(big.out, 'reconciliation.csv'));
    const summary = readCsv(join(big.out, 'region_summary.csv'));
    expect(summary.map((x) => x.region_code)).toEqual([...new Set(all.map((x) => x.region_code))].sort());
    for (const s of summary) {
      const mine = all.filter((x) => x.region_code === s.region_code);
      expect(Number(s.persons), s.region_code).toBe(mine.length);
      for (const col of ['collected_personal', 'collected_assistance', 'expected_personal', 'expected_assistance'] as const) {
        expect(fen(s[col]!), `${s.region_code} ${col}`).toBe(mine.reduce((t, x) => t + fen(x[col] || '0'), 0));
      }
      expect(Number(s.count_POLICY_GAP), s.region_code).toBe(mine.filter((x) => x.status === 'POLICY_GAP').length);
    }

    // recon explain says how many payments there are and lists the first 1,000 only (bounded memory).
    const explained = recon(['explain', BIG, '--db', big.db]);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(`Payments (${PAYMENTS}, the first 1000 shown):`);
    expect(explained.stdout.split('\n').filter((l) => l.includes('[big.csv:')).length).toBe(1000);
    expect(explained.stdout).toMatch(/POLICY_GAP {2}\[REVERSED;TOO_MANY_PAYMENTS\]/);
  });
});

/** Four ordinary persons (360702 unless said): OK, a duplicate payment, two regions, late. */
function ordinary(): string[][] {
  const a = idNumber('360702', '19900101', '011');
  const b = idNumber('360702', '19910202', '022');
  const c = idNumber('360702', '19920303', '033');
  const d = idNumber('360702', '19930404', '044');
  return [
    HEADER,
    ['OA1', a, '赵某', '360702', '2023', '350.00', '2022-10-08', 'personal'],
    ['OB1', b, '钱某', '360702', '2023', '350.00', '2022-10-01', 'personal'],
    ['OB2', b, '钱某', '360702', '2023', '350.00', '2022-10-02', 'personal'],
    ['OC1', c, '孙某', '360702', '2023', '350.00', '2022-09-10', 'personal'],
    ['OC2', c, '孙某', '360100', '2023', '350.00', '2022-10-12', 'personal'],
    ['OD1', d, '李某', '360702', '2023', '350.00', '2023-01-20', 'personal'],
  ];
}

/**
 * The big person's file: PAYMENTS rows over two regions, personal and assistance, every 97th a reversal,
 * with distinct txn_ids and dates spread over the collection window. Returns what each region must show.
 */
function writeBig(path: string): Record<string, Expected> {
  const expected: Record<string, Expected> = {};
  const lines = [HEADER.join(',')];
  const start = Date.UTC(2022, 8, 1);
  for (let i = 0; i < PAYMENTS; i++) {
    const region = i % 5 === 0 ? '360100' : '360702';
    const payer = i % 3 === 0 ? 'assistance' : 'personal';
    const amount = (i % 97 === 0 ? -1 : 1) * (100 + (i % 900));
    const day = new Date(start + Math.floor((i / PAYMENTS) * 120) * 86_400_000).toISOString().slice(0, 10);
    const e = (expected[region] ??= { rows: 0, personal: 0, assistance: 0, first: day, last: day });
    e.rows++;
    if (payer === 'personal') e.personal += amount; else e.assistance += amount;
    e.last = day;
    lines.push(`BIG${String(i).padStart(7, '0')},${BIG},王大某,${region},2023,${(amount / 100).toFixed(2)},${day},${payer}`);
  }
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  return expected;
}
