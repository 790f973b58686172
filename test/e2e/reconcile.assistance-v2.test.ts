import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

/**
 * Rules 1-3 and rule 7 case 6 as SPEC v2 §4 reads them (issue 17), through the real CLI on files written
 * here: spec §7 examples 2, 3, 8, 9 and 10, and each finding of the issue about assistance. Shipped policies
 * only (Ganzhou 360702 → 360700 → 360000; Chongqing 500101 → 500000; Nanchang 360100 → 360000). Flags are
 * compared as sets (rule 11 sorts them).
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'];

type Payment = [region: string, yuan: string, paidAt: string, payer?: string, category?: string];
type Entry = [region: string, label: string, from: string, to?: string];
type Person = { key: string; name: string; payments: Payment[]; roster?: Entry[] };

/** One night on its own database: the persons' files ingested, reconciled as of `asOf`, exported. */
function night(asOf: string, persons: Person[]) {
  const dir = tmp();
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  const ids = new Map(persons.map((p, i) => [p.key, idNumber('360702', '19800101', String(300 + i))]));
  let txn = 0;
  writeCsv(join(inbox, 'payments.csv'), [PAYMENTS, ...persons.flatMap((p) => p.payments.map(([region, yuan, paidAt, payer = 'personal', category = 'resident']) =>
    [`V2T${++txn}`, ids.get(p.key)!, p.name, region, '2023', yuan, paidAt, payer, category, '1']))]);
  writeCsv(join(inbox, 'roster.csv'), [ROSTER, ...persons.flatMap((p) => (p.roster ?? []).map(([region, label, from, to = '']) =>
    [ids.get(p.key)!, p.name, region, label, from, to, '民政']))]);
  const db = testDb(dir);
  const out = join(dir, 'out');
  for (const args of [['ingest', '--db', db, inbox], ['reconcile', '--db', db, '--as-of', asOf], ['export', '--db', db, '--out', out]]) {
    const r = recon(args);
    expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
  }
  const rows = readCsv(join(out, 'reconciliation.csv'));
  const refunds = readCsv(join(out, 'refunds.csv'));
  return {
    row: (key: string, region?: string) => {
      const found = rows.filter((r) => r.id_number === ids.get(key) && (!region || r.region_code === region));
      expect(found, key).toHaveLength(1);
      return found[0]!;
    },
    refunds: (key: string) => refunds.filter((r) => r.id_number === ids.get(key)),
  };
}

const flagsOf = (row: Record<string, string>) => (row.flags ? row.flags.split(';').sort() : []);

describe('SPEC v2 §4 rules 1-3 and rule 7 case 6, through the CLI (as of 2023-04-15 unless said)', () => {
  let april: ReturnType<typeof night>;
  beforeAll(() => {
    april = night('2023-04-15', [
      { key: 'ex2', name: '郑某一', payments: [['360702', '350.00', '2022-09-20']], roster: [['360702', '低保对象', '2022-11-03']] },
      { key: 'ex8', name: '周某二', payments: [['360700', '350.00', '2022-09-10'], ['360100', '350.00', '2022-10-12']] },
      { key: 'ex10edge', name: '王某三', payments: [['360702', '350.00', '2022-10-10']], roster: [['360702', '边缘易致贫人口', '2022-01-01', '2022-09-15']] },
      { key: 'ex10low', name: '王某四', payments: [['360702', '350.00', '2022-10-10']], roster: [['360702', '低保对象', '2022-01-01', '2022-09-15']] },
      { key: 'elsewhere', name: '李某五', payments: [['500101', '350.00', '2022-11-01']], roster: [['360702', '低保对象', '2022-01-01']] },
      {
        key: 'student', name: '赵某六',
        payments: [['360100', '350.00', '2022-09-05', 'personal', '中专学生'], ['360702', '320.00', '2022-09-15', 'assistance'], ['360702', '30.00', '2022-09-15']],
        roster: [['360702', '低保对象', '2021-01-01']],
      },
      { key: 'lateAssisted', name: '孙某七', payments: [['360702', '30.00', '2023-04-10'], ['360702', '320.00', '2023-04-10', 'assistance']], roster: [['360702', '低保对象', '2023-02-01']] },
      { key: 'chongqingLate', name: '钱某八', payments: [['500101', '350.00', '2022-11-01']], roster: [['500101', '特困人员', '2023-02-01']] },
      {
        key: 'settledNanchang', name: '吴某一', payments: [['360102', '350.00', '2022-10-10']],
        roster: [['360102', '特困人员', '2021-01-01'], ['360102', 'severe_disability', '2021-01-01']],
      },
      {
        key: 'settledGanzhou', name: '吴某二', payments: [['360702', '350.00', '2022-10-10']],
        roster: [['360702', '低保对象', '2022-01-01', '2022-09-15'], ['360702', '特困人员', '2022-09-20']],
      },
      {
        key: 'studentHome', name: '吴某三', payments: [['360100', '350.00', '2022-09-10', 'personal', '中专学生'], ['360700', '350.00', '2022-10-01']],
        roster: [['360100', '低保对象', '2022-01-01']],
      },
      { key: 'disabled', name: '吴某四', payments: [['360702', '30.00', '2022-10-01']], roster: [['360702', 'severe_disability', '2022-01-01']] },
    ]);
  });

  it('7.2 recognised inside the window after paying: S 320, REFUND_DUE 320.00 to the person, citing the assistance clause and 三(二)', () => {
    expect(april.row('ex2')).toMatchObject({
      subsidy: '320.00', expected_personal: '30.00', expected_assistance: '320.00', collected_assistance: '0.00',
      refund_due: '320.00', status: 'REFUND_DUE', assistance_category: 'minimum_living',
    });
    expect(flagsOf(april.row('ex2'))).toEqual(['ASSISTANCE_UNPAID']);
    const [refund, ...more] = april.refunds('ex2');
    expect(more).toEqual([]);
    expect(refund).toMatchObject({ payee: 'person', amount: '320.00', reason: 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT' });
    expect(refund!.rule).toContain('赣医保发〔2022〕14号 三(一)');
    expect(refund!.rule).toContain('赣医保发〔2022〕14号 三(二)');
  });

  it('7.8 paid in two regions: the earliest is primary (OK), the other DUPLICATE_ENROLLMENT refunded 350.00', () => {
    expect(april.row('ex8', '360700')).toMatchObject({ status: 'OK', expected_personal: '350.00', refund_due: '0.00' });
    expect(april.row('ex8', '360100')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', expected_personal: '0.00', refund_due: '350.00' });
  });

  it('7.10 a transition-period status ended before enrollment does not count in Jiangxi (三(一)): S 0, expected 350.00, OK, no refund', () => {
    expect(april.row('ex10edge')).toMatchObject({ subsidy: '0.00', expected_personal: '350.00', status: 'OK', refund_due: '0.00', assistance_category: '' });
    expect(flagsOf(april.row('ex10edge'))).toEqual([]);
    expect(april.refunds('ex10edge')).toEqual([]);
  });

  it('7.10 and finding "a status that ended before enrollment still counts": 低保 ended 09-15, paid 10-10: POLICY_GAP, no refund of 320', () => {
    expect(april.row('ex10low')).toMatchObject({ status: 'POLICY_GAP', expected_personal: '', variance: '', benefit_start: '' });
    expect(flagsOf(april.row('ex10low'))).toEqual(['POLICY_GAP:ended_before_enrollment']);
    expect(april.refunds('ex10low')).toEqual([]);
  });

  it('finding "assistance applied in the wrong province": a Ganzhou 低保 does not count in Chongqing; ASSISTED_ELSEWHERE', () => {
    expect(april.row('elsewhere', '500101')).toMatchObject({
      status: 'OK', subsidy: '0.00', expected_personal: '350.00', expected_assistance: '0.00', refund_due: '0.00', assistance_category: '',
    });
    expect(flagsOf(april.row('elsewhere'))).toEqual(['ASSISTED_ELSEWHERE']);
  });

  it('finding "assisted students": enrolled where recognised (四(三)), that region is primary; the 学籍地 enrollment is the duplicate', () => {
    expect(april.row('student', '360702')).toMatchObject({
      status: 'OK', subsidy: '320.00', expected_personal: '30.00', collected_personal: '30.00', collected_assistance: '320.00', refund_due: '0.00',
      benefit_start: '2023-01-01',
    });
    expect(april.row('student', '360100')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', category: 'vocational_student', refund_due: '350.00' });
    const [refund] = april.refunds('student');
    expect(refund).toMatchObject({ region_code: '360100', payee: 'person', amount: '350.00', reason: 'DUPLICATE_ENROLLMENT' });
    expect(refund!.rule).toContain('赣医保发〔2022〕14号 四(三)');
  });

  it('finding "benefit start invented": assisted through late_recognition unenrolled, paying late: blank, POLICY_GAP:benefit_start (not T + 1)', () => {
    expect(april.row('lateAssisted')).toMatchObject({
      status: 'OK', subsidy: '320.00', expected_personal: '30.00', collected_assistance: '320.00', benefit_start: '', refund_due: '0.00',
    });
    expect(flagsOf(april.row('lateAssisted'))).toEqual(['LATE_PAYMENT', 'POLICY_GAP:benefit_start']);
  });

  it('finding "三(二) outside Jiangxi": no document decides a late recognition in Chongqing: POLICY_GAP:late_recognition', () => {
    expect(april.row('chongqingLate')).toMatchObject({ status: 'POLICY_GAP', expected_personal: '', benefit_start: '' });
    expect(flagsOf(april.row('chongqingLate'))).toEqual(['POLICY_GAP:late_recognition']);
  });

  it('finding "a gap that cannot change S": a known full value settles S; no POLICY_GAP, no gap flag, no REVIEW', () => {
    expect(april.row('settledNanchang')).toMatchObject({
      status: 'OVERPAID', subsidy: '350.00', expected_personal: '0.00', refund_due: '350.00', assistance_category: 'extreme_poverty',
      actions: 'REFUND_PERSON;COLLECT_FUND',
    });
    expect(flagsOf(april.row('settledNanchang'))).toEqual(['ASSISTANCE_UNPAID', 'MULTIPLE_ASSISTANCE']);
    expect(april.row('settledGanzhou')).toMatchObject({
      status: 'OVERPAID', subsidy: '350.00', expected_personal: '0.00', refund_due: '350.00', assistance_category: 'extreme_poverty',
    });
    expect(flagsOf(april.row('settledGanzhou'))).toEqual(['ASSISTANCE_UNPAID']);
  });

  it('finding "assisted student moved to a region that never recognised them": recognised in the 学籍地, it stays primary', () => {
    expect(april.row('studentHome', '360100')).toMatchObject({
      status: 'OVERPAID', subsidy: '320.00', expected_personal: '30.00', refund_due: '320.00', assistance_category: 'minimum_living',
    });
    expect(april.row('studentHome', '360700')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', expected_personal: '0.00', refund_due: '350.00' });
    expect(april.refunds('studentHome').map((r) => [r.region_code, r.amount, r.reason]).sort()).toEqual([
      ['360100', '320.00', 'OVERPAID'], ['360700', '350.00', 'DUPLICATE_ENROLLMENT'],
    ]);
  });

  it('finding "the rule cell leaves out the deciding clause": same_as set by Ganzhou cites 24号 二; late_recognition unenrolled cites 三(二)', () => {
    const clauses = (row: Record<string, string>) => row.rule!.split('; ');
    expect(april.row('disabled')).toMatchObject({ subsidy: '320.00', expected_personal: '30.00', assistance_category: 'severe_disability' });
    expect(clauses(april.row('disabled'))).toEqual(expect.arrayContaining(['赣市医保字〔2022〕24号 二', '赣医保发〔2022〕14号 三(一)']));
    expect(clauses(april.row('lateAssisted'))).toEqual(expect.arrayContaining(['赣医保发〔2022〕14号 三(一)', '赣医保发〔2022〕14号 三(二)']));
    for (const key of ['disabled', 'lateAssisted']) expect(clauses(april.row(key))).toEqual([...new Set(clauses(april.row(key)))]);
  });

  it('7.3 recognised after the window, in the benefit period since 2023-01-01 (as of 2023-04-01): OK, LATE_RECOGNITION_NO_REFUND', () => {
    const n = night('2023-04-01', [{ key: 'ex3', name: '冯某九', payments: [['360702', '350.00', '2022-10-01']], roster: [['360702', '低保对象', '2023-02-01']] }]);
    expect(n.row('ex3')).toMatchObject({ expected_personal: '350.00', subsidy: '0.00', status: 'OK', refund_due: '0.00', benefit_start: '2023-01-01' });
    expect(flagsOf(n.row('ex3'))).toEqual(['LATE_RECOGNITION_NO_REFUND']);
    expect(n.refunds('ex3')).toEqual([]);
  });

  it('7.9 and finding "三(二) misread": enrolled before the recognition, benefits not started (as of 2023-05-01): POLICY_GAP:late_recognition', () => {
    const n = night('2023-05-01', [{ key: 'ex9', name: '孔某十', payments: [['360702', '350.00', '2023-01-20']], roster: [['360702', '低保对象', '2023-03-01']] }]);
    expect(n.row('ex9')).toMatchObject({ status: 'POLICY_GAP', expected_personal: '', variance: '', benefit_start: '' });
    expect(flagsOf(n.row('ex9'))).toEqual(['POLICY_GAP:late_recognition']); // no LATE_PAYMENT on a gap row (§3)
    expect(n.refunds('ex9')).toEqual([]);
  });
});
