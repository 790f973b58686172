import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { csvBytes, readCsv, RESULT_CSVS } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

/**
 * The dates of SPEC v2 through the real CLI, on the shipped policies (Ganzhou 360702): rule 7's T after a
 * reversal (§7.11) and the worked examples around it (§7.1, 7.4, 7.5, 7.6); rule 6's PENDING for a
 * full-assistance person who has paid nothing; and `--as-of` as a replay: payments dated after D are
 * ignored by the reconcile (spec 4's preamble), so a past date gives what the bureau could have known then.
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to', 'source_dept'];

const id = (seq: string) => idNumber('360702', '19800101', seq);
const ex1 = id('701'); // 7.1 pays 350.00 on 2022-10-08
const ex4 = id('704'); // 7.4 特困 since 2021-05-01, assistance paid 350.00 on 2022-09-15
const ex5 = id('705'); // 7.5 pays 350.00 on 2023-01-20
const ex6 = id('706'); // 7.6 a veteran pays 350.00 on 2023-02-10
const ex11 = id('711'); // 7.11 pays 2022-10-01, reversed 2023-01-05, pays again 2023-02-01
const fullNothing = id('720'); // 特困 since 2021-05-01, nothing paid (the PENDING finding)
const lateOnly = id('721'); // pays only after 2022-11-21
const topUp = id('722'); // 100.00 before 2022-11-21, 250.00 after

const pay = (txn: string, who: string, name: string, amount: string, at: string, payer = '个人', category = '普通居民') =>
  [txn, who, name, '360702', '2023', amount, at, payer, category, '1'];
/** Payments dated on or before 2022-11-21. */
const EARLY = [
  PAYMENTS,
  pay('E1', ex1, '甲一', '350.00', '2022-10-08 09:00:00'),
  pay('E4', ex4, '甲四', '350.00', '2022-09-15 10:00:00', '医疗救助', '普通居民'),
  pay('E11', ex11, '甲十一', '350.00', '2022-10-01 09:00:00'),
  pay('ET', topUp, '甲廿二', '100.00', '2022-10-01 09:00:00'),
];
/** Payments dated after 2022-11-21: a replay as of that date must not see them. */
const LATE = [
  PAYMENTS,
  pay('L5', ex5, '甲五', '350.00', '2023-01-20 09:00:00'),
  pay('L6', ex6, '甲六', '350.00', '2023-02-10 09:00:00', '个人', '退役军人'),
  pay('L11a', ex11, '甲十一', '-350.00', '2023-01-05 09:00:00'),
  pay('L11b', ex11, '甲十一', '350.00', '2023-02-01 09:00:00'),
  pay('LL', lateOnly, '甲廿一', '350.00', '2022-12-10 09:00:00'),
  pay('LT', topUp, '甲廿二', '250.00', '2022-12-01 09:00:00'),
];
const ROSTER_ROWS = [
  ROSTER,
  [ex4, '甲四', '360702', '特困供养人员', '2021-05-01', '', '民政'],
  [fullNothing, '甲二十', '360702', '特困供养人员', '2021-05-01', '', '民政'],
];

/** An inbox of the given files, a database and a folder for the outputs. */
function night(files: Record<string, string[][]>) {
  const root = tmp('recon-timeline-');
  const inbox = join(root, 'inbox');
  mkdirSync(inbox);
  for (const [name, rows] of Object.entries(files)) writeCsv(join(inbox, name), rows);
  const db = testDb(join(root));
  /** `recon run` as of `asOf` into a new output folder; its reconciliation.csv rows. */
  const run = (asOf: string) => {
    const out = join(root, `out-${asOf}`);
    const r: CliResult = recon(['run', '--inbox', inbox, '--out', out, '--db', db, '--as-of', asOf, '--log', 'json', '--settle', '0']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    return { out, rows: readCsv(join(out, 'reconciliation.csv')) };
  };
  return { root, db, run };
}

const rowOf = (rows: Record<string, string>[], who: string) => {
  const found = rows.filter((r) => r.id_number === who);
  expect(found, who).toHaveLength(1);
  return found[0]!;
};
/** Flags compared without their order (rule 11 sorts them; that is another change). */
const flagsOf = (row: Record<string, string>) => (row.flags ? row.flags.split(';').sort() : []);

describe('rule 7 (v2): the worked examples of benefit start and T after a reversal, through the CLI', () => {
  let n: ReturnType<typeof night>;
  let april: Record<string, string>[];
  let june: Record<string, string>[];
  beforeAll(() => {
    n = night({ 'payments-early.csv': EARLY, 'payments-late.csv': LATE, 'roster.csv': ROSTER_ROWS });
    april = n.run('2023-04-15').rows;
    june = n.run('2023-06-01').rows;
  });

  it('7.1 pays 350.00 on 2022-10-08: expected 350.00, collected 350.00, OK, benefit 2023-01-01', () => {
    for (const rows of [april, june]) {
      const r = rowOf(rows, ex1);
      expect(r).toMatchObject({ expected_personal: '350.00', collected_personal: '350.00', status: 'OK', benefit_start: '2023-01-01' });
      expect(flagsOf(r)).toEqual([]);
    }
  });

  it('7.4 特困 with an assistance payment of 350.00: expected personal 0.00, expected assistance 350.00, OK, benefit 2023-01-01', () => {
    const r = rowOf(april, ex4);
    expect(r).toMatchObject({
      expected_personal: '0.00', collected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '350.00',
      status: 'OK', benefit_start: '2023-01-01', assistance_category: 'extreme_poverty',
    });
    expect(flagsOf(r)).toEqual([]);
  });

  it('7.5 pays 350.00 on 2023-01-20 (as of 2023-06-01): OK, LATE_PAYMENT, benefit 2023-04-20', () => {
    const r = rowOf(june, ex5);
    expect(r).toMatchObject({ expected_personal: '350.00', collected_personal: '350.00', status: 'OK', benefit_start: '2023-04-20' });
    expect(flagsOf(r)).toEqual(['LATE_PAYMENT']);
  });

  it('7.6 a veteran pays 350.00 on 2023-02-10: OK, LATE_PAYMENT, benefit 2023-02-11', () => {
    const r = rowOf(april, ex6);
    expect(r).toMatchObject({ category: 'veteran', expected_personal: '350.00', status: 'OK', benefit_start: '2023-02-11' });
    expect(flagsOf(r)).toEqual(['LATE_PAYMENT']);
  });

  it('7.11 paid, reversed in January, paid again in February (as of 2023-06-01): OK, LATE_PAYMENT and REVERSED, benefit 2023-05-02', () => {
    const r = rowOf(june, ex11);
    expect(r).toMatchObject({
      expected_personal: '350.00', collected_personal: '350.00', variance: '0.00', refund_due: '0.00', status: 'OK', benefit_start: '2023-05-02', payments: '3',
    });
    expect(flagsOf(r)).toEqual(['LATE_PAYMENT', 'REVERSED']);
  });

  it('a full-assistance roster person who paid nothing is NOT_ENROLLED once the deadline (the window end) has passed', () => {
    const r = rowOf(april, fullNothing);
    expect(r).toMatchObject({ status: 'NOT_ENROLLED', expected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '0.00' });
  });
});

describe('--as-of replays a past date (spec 4 v2): payments dated after D are ignored by the reconcile', () => {
  const D = '2022-11-21';
  let full: ReturnType<typeof night>;
  let lacking: ReturnType<typeof night>;
  let replay: { out: string; rows: Record<string, string>[] };
  let then: { out: string; rows: Record<string, string>[] };
  beforeAll(() => {
    full = night({ 'payments-early.csv': EARLY, 'payments-late.csv': LATE, 'roster.csv': ROSTER_ROWS });
    full.run('2023-06-01'); // the later figures first: the replay must not keep anything of them
    replay = full.run(D);
    lacking = night({ 'payments-early.csv': EARLY, 'roster.csv': ROSTER_ROWS });
    then = lacking.run(D);
  });

  it('"redo the figures as they were on 2022-11-21" gives the CSVs of a night whose inbox lacked the later payments, byte for byte', () => {
    expect(replay.rows.length).toBeGreaterThan(0);
    // changes.csv is left out: the replay's baseline is this database's 2023-06-01 reconcile, the other's is none.
    expect(csvBytes(replay.out, RESULT_CSVS)).toEqual(csvBytes(then.out, RESULT_CSVS));
  });

  it('as of D: the reversal and re-payment are not seen (7.11 is OK from 2023-01-01), the later-only payer has no row, the top-up is missing', () => {
    const r11 = rowOf(replay.rows, ex11);
    expect(r11).toMatchObject({ status: 'OK', collected_personal: '350.00', benefit_start: '2023-01-01', payments: '1', last_paid_at: '2022-10-01' });
    expect(flagsOf(r11)).toEqual([]);
    expect(replay.rows.filter((r) => [ex5, ex6, lateOnly].includes(r.id_number!))).toEqual([]);
    expect(rowOf(replay.rows, topUp)).toMatchObject({ status: 'PENDING', collected_personal: '100.00', variance: '-250.00' });
  });

  it('(rule 6 v2) a full-assistance roster person who has paid nothing is PENDING inside the window, not NOT_ENROLLED', () => {
    expect(rowOf(replay.rows, fullNothing)).toMatchObject({
      status: 'PENDING', expected_personal: '0.00', expected_assistance: '350.00', collected_personal: '0.00', collected_assistance: '0.00', benefit_start: '',
    });
  });

  it('the later payments stay stored: recon explain lists them, marked as not counted', () => {
    const e = recon(['explain', ex11, '--db', full.db]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain(`reconciled as of ${D}`);
    const lines = e.stdout.split('\n');
    const line = (txn: string) => lines.find((l) => l.includes(` ${txn} `))!;
    expect(line('E11')).not.toContain('not counted');
    expect(line('L11a')).toContain('(after the as-of date: not counted)');
    expect(line('L11b')).toContain('(after the as-of date: not counted)');
    expect(e.stdout).toContain('Payments (3):');
  });
});
