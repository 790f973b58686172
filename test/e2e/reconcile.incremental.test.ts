import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, writeCsv } from '../helpers/files.js';
import { freshRegionTotals, storedRegionTotals } from '../helpers/region-totals.js';
import { logEvents, night } from '../helpers/run.js';

/**
 * Issue 21: an incremental night gives the full night's outputs, byte for byte. A sequence of nights is run
 * twice on one inbox: into a database that reconciles incrementally, and into one that is always `--full`;
 * after every night every CSV, changes.csv included (both databases have the same history of as-of dates,
 * so the same baseline), must be the same bytes. The nights: the fixture inbox and a few persons of our own
 * (Ganzhou 360702: 350.00 due by 2022-12-31; fixed-amount assisted persons until 2023-03-31), then a quiet
 * night, new payments, a reversal, the deadline passing, a roster snapshot adding an exit date and an
 * employee list, facts dated after the as-of date becoming visible, assisted_end_latest passing, a policy
 * override added with the as-of date moved back, a name change that splits rule 8's block, and new
 * persons who join one (the second joins a pair of two persons not recomputed). After every night, the
 * per-region totals each database keeps (region_totals) must equal a fresh aggregation over its results. Each `recon run` costs about a second, so nights that would
 * prove the same thing twice are one night: CI's budget is the limit.
 */
const OUTPUTS = ['reconciliation.csv', 'refunds.csv', 'duplicates.csv', 'rejects.csv', 'region_summary.csv', 'benefit_suspensions.csv', 'changes.csv'];
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to', 'source_dept'];
const EMPLOYEES = ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'];

/** P1 and P2 share a name and a birth date and differ in two characters: rule 8's pair, one block. */
const P = {
  P1: idNumber('360702', '19900101', '111'), P2: idNumber('360702', '19900101', '112'), P3: idNumber('360702', '19850505', '121'),
  P4: idNumber('360702', '19700303', '131'), P6: idNumber('360702', '19920202', '141'), P7: idNumber('360702', '19600606', '151'),
  P8: idNumber('360702', '19650707', '161'), P9: idNumber('360702', '19900101', '171'), P10: idNumber('360702', '19900101', '181'),
};
const NAME: Record<keyof typeof P, string> = { P1: '乙甲', P2: '乙甲', P3: '乙丙', P4: '乙丁', P6: '乙己', P7: '乙庚', P8: '乙辛', P9: '乙甲', P10: '乙甲' };
const pay = (txn: string, who: keyof typeof P, amount: string, at: string) => [txn, P[who], NAME[who], '360702', '2023', amount, at, '个人', '普通居民', '1'];

type Night = { asOf: string; files?: Record<string, string[][]>; policies?: 'override' };

const NIGHTS: Night[] = [
  {
    // The first night falls on P8's last day of 低保: in effect on the reference date (D) tonight…
    asOf: '2022-11-10', files: {
      'pay-1.csv': [PAYMENTS, pay('I1', 'P1', '200.00', '2022-10-01 09:00:00'), pay('I2', 'P2', '350.00', '2022-10-02 09:00:00'),
        pay('I3', 'P3', '350.00', '2022-10-03 09:00:00')],
      // P4: 低保 (fixed amount in Ganzhou), nothing paid: PENDING. P7: 特困 until 2023-03-05, a date after most nights' as-of.
      'roster-1.csv': [ROSTER, [P.P4, NAME.P4, '360702', '低保对象', '2021-03-01', '', '民政'],
        [P.P7, NAME.P7, '360702', '特困供养人员', '2022-01-01', '2023-03-05', '民政'],
        // P8: 低保 ending 2022-11-10, the first as-of date: ended before the reference date from the next day on.
        [P.P8, NAME.P8, '360702', '低保对象', '2021-01-01', '2022-11-10', '民政']],
    },
  },
  { asOf: '2022-11-10' }, // the same night again: nothing to recompute
  { asOf: '2022-11-19' }, // …and ended before it from the next day on (holds_until); the fixture's facts up to here become visible
  { asOf: '2022-11-20', files: { 'pay-2.csv': [PAYMENTS, pay('I4', 'P1', '150.00', '2022-11-20 09:00:00')] } },
  // The same as-of date again with a late delivery: the baseline stays, and P3 joins the persons it lists.
  { asOf: '2022-11-20', files: { 'pay-2b.csv': [PAYMENTS, pay('I4b', 'P3', '10.00', '2022-11-20 10:00:00')] } },
  {
    // The collection deadline has passed; new facts: a reversal, a roster snapshot, an employee list.
    asOf: '2023-02-10', files: {
      'pay-3.csv': [PAYMENTS, pay('I5', 'P3', '-350.00', '2022-12-10 09:00:00')],
      'roster-2.csv': [ROSTER, [P.P4, NAME.P4, '360702', '低保对象', '2021-03-01', '2023-01-31', '民政']],
      // P2 joins the employee scheme (rule 9: a suspension), until a date after tonight's as-of date; P3 from a later date.
      'employees-1.csv': [EMPLOYEES, [P.P2, NAME.P2, '360702', '2023-02-01', '2023-03-15', '在职职工', '某公司'],
        [P.P3, NAME.P3, '360702', '2023-03-01', '', '在职职工', '某公司']],
      // Dated after tonight's as-of date: stored, reconciled once the as-of date reaches it.
      'pay-4.csv': [PAYMENTS, pay('I6', 'P6', '350.00', '2023-03-10 09:00:00'), pay('I7', 'P3', '350.00', '2023-03-02 09:00:00')],
    },
  },
  { asOf: '2023-03-20' }, // P7's exit and the later payments are visible now
  { asOf: '2023-04-02' }, // assisted_end_latest (2023-03-31) has passed
  // A policy override added and the as-of date moved back: a full night (for the first reason found; that
  // each alone asks for one is test/unit/reconcile.full-reason.test.ts), and the next night incremental again.
  { asOf: '2023-03-01', policies: 'override' },
  // P2 pays under another name: their row's name changes, P1 and P2 are no longer a possible duplicate, and
  // P1's REVIEW goes although nothing of P1's changed (P1 is in P2's old block).
  { asOf: '2023-08-01', policies: 'override', files: { 'pay-5.csv': [PAYMENTS, [...pay('I8', 'P2', '10.00', '2023-07-01 09:00:00').slice(0, 2), '乙乙', ...pay('I8', 'P2', '10.00', '2023-07-01 09:00:00').slice(3)]] } },
  // P9, new, pays under P1's name and birth date: a new pair, and P1 gains REVIEW although nothing of P1's
  // changed and P1 is in no block a recomputed person had (changes.csv must still say P1 CHANGED).
  { asOf: '2023-08-10', policies: 'override', files: { 'pay-6.csv': [PAYMENTS, pay('I9', 'P9', '350.00', '2023-08-02 09:00:00')] } },
  // P10, new, joins that block too: new pairs with P1 and P9, while P1 and P9's pair, neither of whom is
  // recomputed, stays as stored (rule 8 makes again only the pairs of a recomputed person).
  { asOf: '2023-08-11', policies: 'override', files: { 'pay-7.csv': [PAYMENTS, pay('I10', 'P10', '350.00', '2023-08-03 09:00:00')] } },
];

/** The fixture policies and one override: Nanchang extends its window to 2023-03-31 after all. */
function overridePolicies(root: string): string {
  const dir = join(root, 'policies-override');
  cpSync(join(ROOT, 'fixtures/policies'), dir, { recursive: true });
  const file = join(dir, '360100-2023.json');
  const policy = JSON.parse(readFileSync(file, 'utf8')) as { collection_window: { end_latest: string } };
  policy.collection_window.end_latest = '2023-03-31';
  writeFileSync(file, JSON.stringify(policy, null, 2));
  return dir;
}

type Lines = { reconciliation_lines: string; reconciliation_lines_reason: string | null };
type Done = { persons: number; mode: string; full_reason: string | null; recomputed: number; recomputed_by: Record<string, number> | null };

describe('incremental nights give the full nights\' outputs', () => {
  it('replays a sequence of nights incrementally and --full, with byte-identical CSVs after every night', () => {
    const n = night();
    const incDb = testDb(join(n.root, 'inc'));
    const fullDb = testDb(join(n.root, 'full'));
    const override = overridePolicies(n.root);
    const run = (db: string, i: number, x: Night, extra: string[]): { out: string; done: Done; lines: Lines } => {
      // The incremental database exports into one folder night after night, as an operator's job does, so
      // that its export can copy the previous file's unchanged lines (export/previous-lines.ts).
      const out = join(n.root, db === incDb ? 'out-inc' : `out-full-${i}`);
      const args = n.args('--db', db, '--as-of', x.asOf, '--out', out, ...(x.policies ? ['--policies', override] : []), ...extra);
      const r = recon(args);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const done = logEvents(r.stdout).find((e) => e.event === 'reconcile_done') as unknown as Done;
      const exported = logEvents(r.stdout).find((e) => e.event === 'export_done') as unknown as Lines;
      return { out, done, lines: { reconciliation_lines: exported.reconciliation_lines, reconciliation_lines_reason: exported.reconciliation_lines_reason } };
    };
    const nights: Done[] = [];
    const lines: string[] = [];
    NIGHTS.forEach((x, i) => {
      for (const [file, rows] of Object.entries(x.files ?? {})) writeCsv(join(n.inbox, file), rows);
      const inc = run(incDb, i, x, []);
      const full = run(fullDb, i, x, ['--full']);
      expect(full.done.mode).toBe('full');
      const a = csvBytes(inc.out, OUTPUTS);
      const b = csvBytes(full.out, OUTPUTS);
      // The per-region totals the reconcile keeps (an incremental night by adding what changed) are what
      // a fresh aggregation over the stored results gives, exactly.
      for (const db of [incDb, fullDb]) {
        const stored = storedRegionTotals(db, 2023);
        expect(stored.length).toBeGreaterThan(0);
        expect(stored, `night ${i + 1} (${x.asOf}, ${inc.done.mode}): region_totals`).toEqual(freshRegionTotals(db, 2023));
      }
      for (const f of OUTPUTS) expect(a[f]!.equals(b[f]!), `night ${i + 1} (${x.asOf}, ${inc.done.mode}): ${f}`).toBe(true);
      nights.push(inc.done);
      lines.push(inc.lines.reconciliation_lines + (inc.lines.reconciliation_lines_reason ? `:${inc.lines.reconciliation_lines_reason}` : ''));
      expect(full.lines.reconciliation_lines).toBe('spilled');
    });
    const modes = nights.map((d) => (d.mode === 'full' ? `full:${d.full_reason}` : 'incremental'));
    expect(modes, JSON.stringify(nights)).toEqual([
      'full:first_reconcile', 'incremental', 'incremental', 'incremental', 'incremental', 'incremental', 'incremental',
      'incremental', 'full:policy_set', 'incremental', 'incremental', 'incremental',
    ]);
    // The quiet night recomputes nobody; one new payment recomputes its person and the rest of their block.
    expect(nights[1]!.recomputed).toBe(0);
    expect(nights[3]!.recomputed_by).toMatchObject({ new_facts: 1, dates: 0, duplicate_blocks: 1 });
    // Dates: a result holding until D (P8), the deadline passing (beside the new facts of P2, P3, P4 and P6),
    // facts dated after the as-of date becoming visible, assisted_end_latest passing.
    expect(nights[2]!.recomputed_by!.dates).toBeGreaterThan(0);
    expect(nights[5]!.recomputed_by).toMatchObject({ new_facts: 4 });
    expect(nights[5]!.recomputed_by!.dates).toBeGreaterThan(0);
    expect(nights[6]!.recomputed_by!.fact_dates).toBeGreaterThanOrEqual(3);
    expect(nights[7]!.recomputed_by!.dates).toBeGreaterThan(0);
    // P9 alone is recomputed; P1's REVIEW comes from the pairing after the rules.
    expect(nights[10]!.recomputed).toBe(1);
    expect(nights[11]!.recomputed).toBe(1);
    // A full night's lines are spilled during reconcile; every incremental night copies the previous file's
    // unchanged lines (the night after the full one too: its file is the full reconcile's).
    expect(lines).toEqual(nights.map((d) => (d.mode === 'full' ? 'spilled' : 'reused')));
    // Incremental nights recompute fewer persons than the year has.
    for (const d of nights.filter((x) => x.mode === 'incremental')) expect(d.recomputed).toBeLessThan(d.persons);

  }, 180_000);
});
