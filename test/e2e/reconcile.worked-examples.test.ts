import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { csvBytes, readCsv } from '../helpers/csv.js';
import { mkdirSync } from 'node:fs';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('the worked examples of spec 7, end to end through the CLI on the bundled fixtures', () => {
  const byName = (name: string, region?: string) => {
    const found = rows.filter((r) => r.name === name && (!region || r.region_code === region));
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };
  let dir: string;
  let db: string;
  let out: string;
  let rec: CliResult;
  let exp: CliResult;
  let rows: Record<string, string>[];
  beforeAll(() => {
    dir = tmp();
    db = testDb(dir);
    out = join(dir, 'out');
    expect(recon(['ingest', '--db', db, join(ROOT, 'fixtures/inbox')]).code).toBe(0);
    rec = recon(['reconcile', '--db', db, '--as-of', '2023-03-15', '--policies', join(ROOT, 'fixtures/policies')]);
    exp = recon(['export', '--db', db, '--out', out]);
    rows = readCsv(join(out, 'reconciliation.csv'));
  });

  it('runs reconcile and export successfully', () => {
    expect(rec.code, rec.stderr).toBe(0);
    expect(exp.code, exp.stderr).toBe(0);
  });

  it('the demo still has a row for examples 7.1-7.8 (their exact values, each as the spec states it, are below)', () => {
    for (const name of ['陈某己', '郑某丙', '冯某戊', '吴某乙', '孔某酉', '曹某戌', '许某辰']) byName(name);
    expect(byName('周某甲', '360100')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00', actions: 'REFUND_PERSON' });
  });

  it('a student payment makes its region primary even when another region was paid earlier', () => {
    expect(byName('沈某癸', '500101')).toMatchObject({ status: 'OK', category: 'student', expected_personal: '320.00', benefit_start: '2022-09-01' });
    expect(byName('沈某癸', '360702')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00' });
  });

  it('shows every status at least once in the demo', () => {
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['DUPLICATE_ENROLLMENT', 'POLICY_GAP', 'INSURED_AS_EMPLOYEE', 'REFUND_DUE', 'OVERPAID', 'PENDING', 'NOT_ENROLLED', 'UNPAID', 'UNDERPAID', 'OK']) {
      expect(statuses, s).toContain(s);
    }
    const flags = rows.flatMap((r) => r.flags!.split(';'));
    for (const f of ['MULTIPLE_ASSISTANCE', 'LATE_RECOGNITION_NO_REFUND', 'DUPLICATE_PAYMENT', 'REVERSED', 'ASSISTANCE_UNPAID',
      'ASSISTANCE_OVERPAID', 'NAME_MISMATCH', 'LATE_PAYMENT', 'POLICY_GAP:assistance.minimum_living', 'POLICY_GAP:waiting_days',
      'EMPLOYEE_OVERLAP', 'EMPLOYEE_LAPSE_EXEMPT']) {
      expect(flags, f).toContain(f);
    }
    expect(byName('施某未')).toMatchObject({ status: 'POLICY_GAP', expected_personal: '', variance: '' });
  });

  it('both rows of a possible duplicate pair get REVIEW (rule 10, added across persons after rule 8)', () => {
    const pair = rows.filter((r) => r.name === '朱某寅');
    expect(pair.map((r) => [r.status, r.actions])).toEqual([['OK', 'REVIEW'], ['OK', 'REVIEW']]);
  });

  it('lists duplicate enrollments, duplicate payments and possible duplicates', () => {
    const d = readCsv(join(out, 'duplicates.csv'));
    expect(d.map((r) => [r.kind, r.name])).toEqual([
      ['DUPLICATE_ENROLLMENT', '周某甲'], ['DUPLICATE_ENROLLMENT', '沈某癸'], ['DUPLICATE_PAYMENT', '褚某庚'], ['POSSIBLE_DUPLICATE', '朱某寅'],
      ['RESIDENT_AND_EMPLOYEE', '陈某己'], ['RESIDENT_AND_EMPLOYEE', '水某戊'],
    ]);
  });

  it('gives byte-identical CSVs when export runs again on the same database', () => {
    const before = csvBytes(out);
    expect(recon(['export', '--db', db, '--out', out]).code).toBe(0);
    expect(csvBytes(out)).toEqual(before);
  });

  it('gives byte-identical CSVs from a second reconcile, and from a whole new pipeline on a fresh database', () => {
    const again = join(dir, 'out-again');
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15', '--policies', join(ROOT, 'fixtures/policies')]).code).toBe(0);
    expect(recon(['export', '--db', db, '--out', again]).code).toBe(0);
    expect(csvBytes(again)).toEqual(csvBytes(out));

    const fresh = tmp();
    const freshDb = testDb(fresh);
    expect(recon(['ingest', '--db', freshDb, join(ROOT, 'fixtures/inbox')]).code).toBe(0);
    expect(recon(['reconcile', '--db', freshDb, '--as-of', '2023-03-15', '--policies', join(ROOT, 'fixtures/policies')]).code).toBe(0);
    expect(recon(['export', '--db', freshDb, '--out', join(fresh, 'out')]).code).toBe(0);
    expect(csvBytes(join(fresh, 'out'))).toEqual(csvBytes(out));
  });

  it('writes Chinese headers and status labels with --lang zh, flags and actions each with its code', () => {
    const zh = join(dir, 'out-zh');
    expect(recon(['export', '--db', db, '--out', zh, '--lang', 'zh']).code).toBe(0);
    const zhRows = readCsv(join(zh, 'reconciliation.csv'));
    const r = zhRows.find((x) => x['姓名'] === '许某辰')!;
    expect(r).toMatchObject({ '对账结果': '少缴', '应缴个人': '725.00', '差额': '-375.00', '资助差额': '0.00', '待办事项': '催缴个人缴费 (COLLECT_PERSON)' });
    expect(zhRows.find((x) => x['姓名'] === '邹某寅')).toMatchObject({ '标记': '逾期缴费 (LATE_PAYMENT);政策缺失 (POLICY_GAP:waiting_days)', '待办事项': '' });
    expect(zhRows.find((x) => x['姓名'] === '韩某子')).toMatchObject({ '标记': '资助多缴 (ASSISTANCE_OVERPAID)', '待办事项': '退回医疗救助基金 (REFUND_FUND)' });
  });
});

/**
 * Spec 7's worked examples 1-11, each exactly as the spec states it: its own payments and roster entries,
 * its own as-of date, the shipped policy files (no override), through `recon run`. Examples sharing an as-of
 * date share a night (different persons, names and birth dates, so no pair of them is a possible duplicate).
 */
describe('the worked examples of spec 7 (1-11), exactly as the spec states them', () => {
  type Pay = [name: string, region: string, amount: string, paidAt: string, extra?: { payer?: string; category?: string; tier?: string }];
  type Entry = [name: string, category: string, from: string, to?: string];
  const ids = new Map<string, string>();
  const idOf = (name: string, region = '360702') => {
    if (!ids.has(name)) ids.set(name, idNumber(region, `19${70 + ids.size}0101`, '123'));
    return ids.get(name)!;
  };

  /** One night: its payments and roster, as of `asOf`; the rows and refunds by name. */
  function night(asOf: string, pays: Pay[], roster: Entry[] = []) {
    const root = tmp('recon-examples-');
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    writeCsv(join(inbox, 'payments.csv'), [
      ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'],
      ...pays.map(([name, region, amount, paidAt, x = {}], i) => [
        `EX${String(i).padStart(6, '0')}`, idOf(name, region), name, region, '2023', amount, paidAt, x.payer ?? 'personal', x.category ?? 'resident', x.tier ?? '1',
      ]),
    ]);
    if (roster.length) {
      writeCsv(join(inbox, 'roster.csv'), [
        ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'],
        ...roster.map(([name, category, from, to]) => [idOf(name), name, '360702', category, from, to ?? '', '民政']),
      ]);
    }
    const out = join(root, 'out');
    const r = recon(['run', '--inbox', inbox, '--out', out, '--db', testDb(join(root, 'data')), '--as-of', asOf, '--settle', '0', '--log', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(join(out, 'reconciliation.csv'));
    const refunds = readCsv(join(out, 'refunds.csv'));
    return {
      row: (name: string, region?: string) => {
        const found = rows.filter((x) => x.name === name && (!region || x.region_code === region));
        expect(found, name).toHaveLength(1);
        return found[0]!;
      },
      refunds: (name: string) => refunds.filter((x) => x.name === name).map((x) => [x.payee, x.amount, x.reason]),
    };
  }

  let april15: ReturnType<typeof night>;
  beforeAll(() => {
    april15 = night('2023-04-15', [
      ['例一', '360702', '350.00', '2022-10-08'],
      ['例二', '360702', '350.00', '2022-09-20'],
      ['例四', '360702', '350.00', '2022-09-15', { payer: 'assistance' }],
      ['例六', '360702', '350.00', '2023-02-10', { category: 'veteran' }],
      ['例八', '360702', '350.00', '2022-09-10'],
      ['例八', '360100', '350.00', '2022-10-12'],
      ['例十甲', '360702', '350.00', '2022-10-10'],
      ['例十乙', '360702', '350.00', '2022-10-10'],
    ], [
      ['例二', '低保对象', '2022-11-03'],
      ['例四', '特困人员', '2021-05-01'],
      ['例十甲', '边缘易致贫户', '2022-01-01', '2022-09-15'],
      ['例十乙', '低保对象', '2022-01-01', '2022-09-15'],
    ]);
  });

  it('7.1 resident pays 350.00 on 2022-10-08: expected and collected 350.00, OK, benefit 2023-01-01, no action', () => {
    expect(april15.row('例一')).toMatchObject({
      expected_personal: '350.00', collected_personal: '350.00', variance: '0.00', assistance_variance: '0.00', status: 'OK', actions: '', flags: '',
      benefit_start: '2023-01-01',
    });
  });

  it('7.2 minimum_living recognised after paying: S 320, E 30.00, REFUND_DUE 320.00 to the person, ASSISTANCE_UNPAID, REFUND_PERSON;COLLECT_FUND', () => {
    expect(april15.row('例二')).toMatchObject({
      subsidy: '320.00', expected_personal: '30.00', expected_assistance: '320.00', collected_assistance: '0.00', assistance_variance: '-320.00',
      refund_due: '320.00', status: 'REFUND_DUE', flags: 'ASSISTANCE_UNPAID', actions: 'REFUND_PERSON;COLLECT_FUND', assistance_category: 'minimum_living',
    });
    expect(april15.refunds('例二')).toEqual([['person', '320.00', 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT']]);
  });

  it('7.3 recognised after the window of a person in the benefit period: expected 350.00, OK, LATE_RECOGNITION_NO_REFUND, no refund', () => {
    const n = night('2023-04-01', [['例三', '360702', '350.00', '2022-10-01']], [['例三', '低保对象', '2023-02-01']]);
    expect(n.row('例三')).toMatchObject({
      expected_personal: '350.00', status: 'OK', flags: 'LATE_RECOGNITION_NO_REFUND', refund_due: '0.00', benefit_start: '2023-01-01', actions: '',
    });
    expect(n.refunds('例三')).toEqual([]);
  });

  it('7.4 extreme_poverty paid 350.00 by the assistance fund: E 0.00, A 350.00, OK, benefit 2023-01-01', () => {
    expect(april15.row('例四')).toMatchObject({
      expected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '350.00', assistance_variance: '0.00', status: 'OK',
      benefit_start: '2023-01-01', actions: '', flags: '',
    });
  });

  let june1: ReturnType<typeof night>;
  beforeAll(() => {
    june1 = night('2023-06-01', [
      ['例五', '360702', '350.00', '2023-01-20'],
      ['例十一', '360702', '350.00', '2022-10-01'],
      ['例十一', '360702', '-350.00', '2023-01-05'],
      ['例十一', '360702', '350.00', '2023-02-01'],
    ]);
  });

  it('7.5 pays on 2023-01-20: OK, LATE_PAYMENT, benefit 2023-04-20', () => {
    expect(june1.row('例五')).toMatchObject({ status: 'OK', flags: 'LATE_PAYMENT', benefit_start: '2023-04-20', actions: '' });
  });

  it('7.6 a veteran pays on 2023-02-10: OK, LATE_PAYMENT, benefit the next day', () => {
    expect(april15.row('例六')).toMatchObject({ status: 'OK', category: 'veteran', flags: 'LATE_PAYMENT', benefit_start: '2023-02-11', actions: '' });
  });

  it('7.7 a Chongqing tier-2 resident pays 350.00: expected 725.00, UNDERPAID, variance -375.00, COLLECT_PERSON', () => {
    const n = night('2023-02-01', [['例七', '500101', '350.00', '2022-11-01', { tier: '2' }]]);
    expect(n.row('例七')).toMatchObject({ tier: '2', expected_personal: '725.00', status: 'UNDERPAID', variance: '-375.00', actions: 'COLLECT_PERSON' });
  });

  it('7.8 paid in two regions: the earlier is primary and OK, the other DUPLICATE_ENROLLMENT refunding 350.00', () => {
    expect(april15.row('例八', '360702')).toMatchObject({ status: 'OK', actions: '' });
    expect(april15.row('例八', '360100')).toMatchObject({
      status: 'DUPLICATE_ENROLLMENT', expected_personal: '0.00', refund_due: '350.00', actions: 'REFUND_PERSON',
    });
    expect(april15.refunds('例八')).toEqual([['person', '350.00', 'DUPLICATE_ENROLLMENT']]);
  });

  it('7.9 enrolled late before a recognition, benefits not started: POLICY_GAP:late_recognition, no benefit start, REVIEW', () => {
    const n = night('2023-05-01', [['例九', '360702', '350.00', '2023-01-20']], [['例九', '低保对象', '2023-03-01']]);
    expect(n.row('例九')).toMatchObject({
      status: 'POLICY_GAP', flags: 'POLICY_GAP:late_recognition', benefit_start: '', expected_personal: '', refund_due: '', actions: 'REVIEW',
    });
  });

  it('7.10 a status ended before enrollment: edge_of_poverty does not count in Jiangxi (OK, no refund); minimum_living is a gap (REVIEW)', () => {
    expect(april15.row('例十甲')).toMatchObject({
      subsidy: '0.00', expected_personal: '350.00', status: 'OK', refund_due: '0.00', actions: '', flags: '',
    });
    expect(april15.refunds('例十甲')).toEqual([]);
    expect(april15.row('例十乙')).toMatchObject({ status: 'POLICY_GAP', flags: 'POLICY_GAP:ended_before_enrollment', actions: 'REVIEW', expected_personal: '', variance: '', refund_due: '' });
  });

  it('7.11 paid, reversed in January, paid again in February: OK, LATE_PAYMENT;REVERSED, benefit 2023-05-02', () => {
    expect(june1.row('例十一')).toMatchObject({ status: 'OK', flags: 'LATE_PAYMENT;REVERSED', benefit_start: '2023-05-02', actions: '' });
  });
});
