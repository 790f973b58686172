import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { csvBytes, readCsv } from '../helpers/csv.js';
import { join, tmp } from '../helpers/files.js';
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

  it('7.1 resident pays 350.00 in the window: OK, benefit 2023-01-01', () => {
    expect(byName('陈某己')).toMatchObject({ expected_personal: '350.00', collected_personal: '350.00', status: 'OK', flags: '', benefit_start: '2023-01-01' });
  });

  it('7.2 minimum_living recognised after paying, in the window: REFUND_DUE 320.00, ASSISTANCE_UNPAID', () => {
    expect(byName('郑某丙')).toMatchObject({
      subsidy: '320.00', expected_personal: '30.00', expected_assistance: '320.00', collected_assistance: '0.00',
      refund_due: '320.00', status: 'REFUND_DUE', flags: 'ASSISTANCE_UNPAID', assistance_category: 'minimum_living',
    });
    const refunds = readCsv(join(out, 'refunds.csv')).filter((r) => r.name === '郑某丙');
    expect(refunds).toEqual([expect.objectContaining({ payee: 'person', amount: '320.00', reason: 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT' })]);
  });

  it('7.3 recognised after the window of a person who had paid: OK, LATE_RECOGNITION_NO_REFUND', () => {
    expect(byName('冯某戊')).toMatchObject({ expected_personal: '350.00', status: 'OK', flags: 'LATE_RECOGNITION_NO_REFUND', refund_due: '0.00' });
  });

  it('7.4 extreme_poverty with an assistance payment: expected personal 0.00, OK, benefit 2023-01-01', () => {
    expect(byName('吴某乙')).toMatchObject({ expected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '350.00', status: 'OK', benefit_start: '2023-01-01' });
  });

  it('7.5 late payer: OK, LATE_PAYMENT, benefit after 90 days (2023-04-20)', () => {
    expect(byName('孔某酉')).toMatchObject({ status: 'OK', flags: 'LATE_PAYMENT', benefit_start: '2023-04-20' });
  });

  it('7.6 veteran paying late: benefit the next day (2023-02-11)', () => {
    expect(byName('曹某戌')).toMatchObject({ status: 'OK', category: 'veteran', benefit_start: '2023-02-11' });
  });

  it('7.7 Chongqing tier-2 resident pays 350.00: expected 725.00, UNDERPAID, variance -375.00', () => {
    expect(byName('许某辰')).toMatchObject({ tier: '2', expected_personal: '725.00', status: 'UNDERPAID', variance: '-375.00' });
  });

  it('7.8 paid in two regions: the earliest is primary (OK), the other DUPLICATE_ENROLLMENT with a 350.00 refund', () => {
    expect(byName('周某甲', '360702')).toMatchObject({ status: 'OK' });
    expect(byName('周某甲', '360100')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', expected_personal: '0.00', refund_due: '350.00' });
  });

  it('a student payment makes its region primary even when another region was paid earlier', () => {
    expect(byName('沈某癸', '500101')).toMatchObject({ status: 'OK', category: 'student', expected_personal: '320.00', benefit_start: '2022-09-01' });
    expect(byName('沈某癸', '360702')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00' });
  });

  it('shows every status at least once in the demo', () => {
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['DUPLICATE_ENROLLMENT', 'POLICY_GAP', 'REFUND_DUE', 'OVERPAID', 'PENDING', 'NOT_ENROLLED', 'UNPAID', 'UNDERPAID', 'OK']) {
      expect(statuses, s).toContain(s);
    }
    const flags = rows.flatMap((r) => r.flags!.split(';'));
    for (const f of ['MULTIPLE_ASSISTANCE', 'LATE_RECOGNITION_NO_REFUND', 'DUPLICATE_PAYMENT', 'REVERSED', 'ASSISTANCE_UNPAID',
      'ASSISTANCE_OVERPAID', 'NAME_MISMATCH', 'LATE_PAYMENT', 'POLICY_GAP:assistance.minimum_living', 'POLICY_GAP:waiting_days']) {
      expect(flags, f).toContain(f);
    }
    expect(byName('施某未')).toMatchObject({ status: 'POLICY_GAP', expected_personal: '', variance: '' });
  });

  it('lists duplicate enrollments, duplicate payments and possible duplicates', () => {
    const d = readCsv(join(out, 'duplicates.csv'));
    expect(d.map((r) => [r.kind, r.name])).toEqual([
      ['DUPLICATE_ENROLLMENT', '周某甲'], ['DUPLICATE_ENROLLMENT', '沈某癸'], ['DUPLICATE_PAYMENT', '褚某庚'], ['POSSIBLE_DUPLICATE', '朱某寅'],
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

  it('writes Chinese headers and status labels with --lang zh', () => {
    const zh = join(dir, 'out-zh');
    expect(recon(['export', '--db', db, '--out', zh, '--lang', 'zh']).code).toBe(0);
    const r = readCsv(join(zh, 'reconciliation.csv')).find((x) => x['姓名'] === '许某辰')!;
    expect(r).toMatchObject({ '对账结果': '少缴', '应缴个人': '725.00', '差额': '-375.00' });
  });
});
