import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { night, type Night } from '../helpers/run.js';

/**
 * Issue 16's policy-data findings, each through the real CLI on the shipped 2023 files (SPEC v2 §3): groups the
 * documents assist, floors, deadlines a locality may still extend, groups whose amount is set locally, and
 * citations from the row's own chain. The nights run without the demo's sample overrides (fixtures/policies
 * decides Nanchang's window), so what shows is what the documents say.
 */

const PAYMENT_HEADER = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category'];
const ROSTER_HEADER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to'];

// Ganzhou (Zhanggong 360702): the city's 定额 rate for the groups 残联 and 民政 name; assisted deadline undecided.
const gzDisabled = idNumber('360702', '19700101', '101'); // 丧失劳动能力的重度残疾成年人, paid nothing
const gzLowIncome = idNumber('360702', '19700202', '102'); // 低保对象 (fixed 320), pays 30 on 2023-02-10
const gzExtreme = idNumber('360702', '19400303', '103'); // 特困供养人员 (full), the fund pays 350 on 2023-02-10
const gzExtremeUnpaid = idNumber('360702', '19400404', '104'); // 特困供养人员 (full), nothing paid
const gzVeteran = idNumber('360702', '19600505', '105'); // 残疾军人 (veteran_affairs), paid 350
const gzDuplicate = idNumber('360702', '20040606', '106'); // resident in Ganzhou, then 中专学生 in Nanchang
// Nanchang (Donghu 360102): no local file, so Jiangxi's end_latest 2023-03-31 leaves the deadline undecided.
const ncLate = idNumber('360102', '19800101', '201'); // pays 350 on 2023-02-10
const ncShort = idNumber('360102', '19800202', '202'); // pays 100 of 350 on 2022-10-10, no roster entry
const ncDisabled = idNumber('360102', '19800303', '203'); // 重度残疾学生 (set_locally in Jiangxi), paid 350
// Xiamen (350200): Fujian ships only a floor.
const xm = idNumber('350200', '19850101', '301'); // pays 350
// Chongqing (Wanzhou 500101, Fuling 500102).
const cqTwice = idNumber('500101', '19900101', '401'); // 350 in 500101, then 350 in 500102: the second is the duplicate
const cqOverpaid = idNumber('500101', '19900202', '402'); // pays 350 twice in 500101
const cqRecognised = idNumber('500101', '19900303', '403'); // pays 350, then recognised 特困人员 inside the window
const cqLateRecognised = idNumber('500101', '19900404', '404'); // recognised 特困人员 after the window, then the fund pays 350

function inbox(n: Night): void {
  writeCsv(join(n.inbox, 'payments.csv'), [
    PAYMENT_HEADER,
    ['GZ2', gzLowIncome, '钱某乙', '360702', '2023', '30.00', '2023-02-10', '个人', ''],
    ['GZ3', gzExtreme, '孙某丙', '360702', '2023', '350.00', '2023-02-10', '医疗救助', ''],
    ['GZ5', gzVeteran, '周某戊', '360702', '2023', '350.00', '2022-10-10', '个人', ''],
    ['GZ6', gzDuplicate, '吴某己', '360702', '2023', '350.00', '2022-09-05', '个人', '城乡居民'],
    ['NC6', gzDuplicate, '吴某己', '360102', '2023', '350.00', '2022-10-10', '个人', '中专学生'],
    ['NC1', ncLate, '郑某庚', '360102', '2023', '350.00', '2023-02-10', '个人', ''],
    ['NC2', ncShort, '王某辛', '360102', '2023', '100.00', '2022-10-10', '个人', ''],
    ['NC3', ncDisabled, '冯某壬', '360102', '2023', '350.00', '2022-10-10', '个人', ''],
    ['XM1', xm, '陈某癸', '350200', '2023', '350.00', '2022-10-10', '个人', ''],
    ['CQ1', cqTwice, '褚某甲', '500101', '2023', '350.00', '2022-11-01', '个人', ''],
    ['CQ2', cqTwice, '褚某甲', '500102', '2023', '350.00', '2022-11-05', '个人', ''],
    ['CQ3', cqOverpaid, '卫某乙', '500101', '2023', '350.00', '2022-11-01', '个人', ''],
    ['CQ4', cqOverpaid, '卫某乙', '500101', '2023', '350.00', '2022-11-02', '个人', ''],
    ['CQ5', cqRecognised, '蒋某丙', '500101', '2023', '350.00', '2022-11-01', '个人', ''],
    ['CQ6', cqLateRecognised, '沈某丁', '500101', '2023', '350.00', '2023-01-20', '医疗救助', ''],
  ]);
  writeCsv(join(n.inbox, 'roster.csv'), [
    ROSTER_HEADER,
    [gzDisabled, '赵某甲', '360702', '丧失劳动能力的重度残疾成年人', '2022-06-01', ''],
    [gzLowIncome, '钱某乙', '360702', '低保对象', '2022-06-01', ''],
    [gzExtreme, '孙某丙', '360702', '特困供养人员', '2022-06-01', ''],
    [gzExtremeUnpaid, '李某丁', '360702', '特困供养人员', '2022-06-01', ''],
    [gzVeteran, '周某戊', '360702', '残疾军人', '2022-06-01', ''],
    [ncDisabled, '冯某壬', '360102', '重度残疾学生', '2022-06-01', ''],
    [cqRecognised, '蒋某丙', '500101', '特困人员', '2022-12-01', ''],
    [cqLateRecognised, '沈某丁', '500101', '特困人员', '2023-01-10', ''],
  ]);
}

/** A --policies folder holding one 2023 file per region given. */
function overrides(files: Record<string, Record<string, unknown>>): string {
  const dir = join(tmp(), 'policies');
  mkdirSync(dir);
  for (const [region, values] of Object.entries(files)) {
    writeFileSync(join(dir, `${region}-2023.json`), JSON.stringify({ region_code: region, coverage_year: 2023, ...values }));
  }
  return dir;
}

/** `recon run` of this test's inbox as of `asOf`, with `policies` (default: none beyond the shipped files). */
function runNight(asOf: string, policies = overrides({})) {
  const n = night([]);
  inbox(n);
  const args = n.args();
  args[args.indexOf('--policies') + 1] = policies;
  args[args.indexOf('--as-of') + 1] = asOf;
  const r = recon(args);
  const read = (file: string) => (existsSync(join(n.out, file)) ? readCsv(join(n.out, file)) : []);
  const rows = read('reconciliation.csv');
  return {
    n, r, refunds: read('refunds.csv'),
    row: (id: string, region: string) => {
      const found = rows.filter((x) => x.id_number === id && x.region_code === region);
      expect(found, `one row for ${id.slice(0, 6)} in ${region}`).toHaveLength(1);
      return found[0]!;
    },
  };
}
type NightResult = ReturnType<typeof runNight>;

/** A `;`-joined cell as a sorted list (flags are in rule order today, alphabetical after issue 17). */
const set = (cell: string | undefined) => {
  expect(cell, 'the column exists').toBeDefined();
  return cell ? cell.split(';').map((s) => s.trim()).sort() : [];
};

describe('policy data as the documents state it, through recon run (issue 16)', () => {
  let dec: NightResult; // 2022-12-15: inside the window
  let mar: NightResult; // 2023-03-15: window ended, extensions not yet decided (latest 2023-03-31)
  let apr: NightResult; // 2023-04-15: after every latest date
  let overridden: NightResult; // 2023-03-15 with local files
  beforeAll(() => {
    dec = runNight('2022-12-15');
    mar = runNight('2023-03-15');
    apr = runNight('2023-04-15');
    overridden = runNight('2023-03-15', overrides({
      350200: {
        personal_standard: { resident: { '1': 38000 } }, collection_window: { start: '2022-09-01', end: '2022-12-31' },
        citations: { personal_standard: 'test override', collection_window: 'test override' },
      },
      360700: { assistance: { veteran_affairs: 'none' }, citations: { 'assistance.veteran_affairs': 'test override' } },
    }));
    for (const x of [dec, mar, apr, overridden]) expect(x.r.code, x.r.stderr).toBe(0);
  });

  describe('Ganzhou severe_disability (丧失劳动能力的重度残疾成年人), same_as minimum_living, paid nothing', () => {
    const amounts = { assistance_category: 'severe_disability', standard: '350.00', expected_assistance: '320.00', expected_personal: '30.00', collected_personal: '0.00' };
    it('inside the window: a row, PENDING (it was no row at all)', () => {
      const r = dec.row(gzDisabled, '360702');
      expect(r).toMatchObject({ ...amounts, status: 'PENDING', benefit_start: '' });
      expect(set(r.flags)).toEqual(['ASSISTANCE_UNPAID']);
    });
    it('after the window end, before assisted_end_latest: PENDING, flagged POLICY_GAP:collection_window.assisted_end (no county decided its deadline)', () => {
      const r = mar.row(gzDisabled, '360702');
      expect(r).toMatchObject({ ...amounts, status: 'PENDING' });
      expect(set(r.flags)).toEqual(['ASSISTANCE_UNPAID', 'POLICY_GAP:collection_window.assisted_end']);
    });
    it('after assisted_end_latest 2023-03-31: NOT_ENROLLED (the deadline has certainly passed), no gap flag', () => {
      const r = apr.row(gzDisabled, '360702');
      expect(r).toMatchObject({ ...amounts, status: 'NOT_ENROLLED' });
      expect(set(r.flags)).toEqual(['ASSISTANCE_UNPAID']);
    });
  });

  describe('Fujian ships only a floor (闽医保〔2022〕93号 一 不低于350元)', () => {
    it('a Xiamen resident paying 350 without a local file is POLICY_GAP, money blank', () => {
      const r = mar.row(xm, '350200');
      expect(r).toMatchObject({ status: 'POLICY_GAP', standard: '', expected_personal: '', variance: '', collected_personal: '350.00' });
      // Fujian states no collection period either.
      expect(set(r.flags)).toEqual(['POLICY_GAP:collection_window', 'POLICY_GAP:personal_standard.resident.1']);
    });
    it('a local file setting 380 (and a window) makes the same 350 UNDERPAID by 30', () => {
      const r = overridden.row(xm, '350200');
      expect(r).toMatchObject({
        status: 'UNDERPAID', standard: '380.00', expected_personal: '380.00', collected_personal: '350.00', variance: '-30.00', refund_due: '0.00', benefit_start: '',
      });
      expect(set(r.flags)).toEqual([]);
    });
    it('a local standard of 300, below the floor, stops the run with exit 1 before anything is ingested, naming file and key', () => {
      const n = night([]);
      inbox(n);
      const args = n.args();
      args[args.indexOf('--policies') + 1] = overrides({ 350200: { personal_standard: { resident: { '1': 30000 } } } });
      const r = recon(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('350200-2023.json');
      expect(r.stderr).toContain('personal_standard.resident.1');
      expect(existsSync(n.db) ? query(n.db, 'select count(*) as n from payments') : [{ n: 0 }]).toEqual([{ n: 0 }]);
      expect(existsSync(join(n.out, 'reconciliation.csv'))).toBe(false);
    });
  });

  describe('Jiangxi outside Ganzhou: each pooling region may extend the window up to 2023-03-31 (赣医保发〔2022〕14号 二(三))', () => {
    it('a Nanchang payment on 2023-02-10 meets the obligation but has a blank benefit start, flag POLICY_GAP:collection_window.end, no LATE_PAYMENT', () => {
      const r = mar.row(ncLate, '360102');
      expect(r).toMatchObject({ status: 'OK', expected_personal: '350.00', collected_personal: '350.00', benefit_start: '' });
      expect(set(r.flags)).toEqual(['POLICY_GAP:collection_window.end']);
    });
    it('a Nanchang person short by 250 is PENDING on 2023-03-15 with that flag', () => {
      const r = mar.row(ncShort, '360102');
      expect(r).toMatchObject({ status: 'PENDING', expected_personal: '350.00', collected_personal: '100.00', variance: '-250.00' });
      expect(set(r.flags)).toEqual(['POLICY_GAP:collection_window.end']);
    });
    it('the same person is UNDERPAID on 2023-04-15, after the latest date, without the flag', () => {
      const r = apr.row(ncShort, '360102');
      expect(r).toMatchObject({ status: 'UNDERPAID', variance: '-250.00' });
      expect(set(r.flags)).toEqual([]);
    });
  });

  describe('Ganzhou: only fixed-amount assisted persons may get a later deadline (赣市医保字〔2022〕24号 一)', () => {
    it('a 低保 person (fixed 320) paying 30 on 2023-02-10: OK, blank benefit start, flag POLICY_GAP:collection_window.assisted_end', () => {
      const r = mar.row(gzLowIncome, '360702');
      expect(r).toMatchObject({
        assistance_category: 'minimum_living', status: 'OK', expected_personal: '30.00', collected_personal: '30.00', expected_assistance: '320.00', benefit_start: '',
      });
      expect(set(r.flags)).toEqual(['ASSISTANCE_UNPAID', 'POLICY_GAP:collection_window.assisted_end']);
    });
    it('a 特困 person (full) keeps the window end: the fund paying on 2023-02-10 is late, benefits 90 days later, LATE_PAYMENT', () => {
      // Rule 7 as SPEC v2 §4 states it: E = 0, so T is the day the fund met A (2023-02-10), after the deadline of a
      // full-assistance person (the window end, decided in Ganzhou): not newborn, not exempt, not a late recognition,
      // so T + waiting_days. (赣医保发〔2022〕14号 四(二) gives 资助参保对象 the year 2023-01-01..12-31 without
      // naming a waiting period; the spec reads it only for late recognitions, rule 7.6.)
      const r = mar.row(gzExtreme, '360702');
      expect(r).toMatchObject({
        assistance_category: 'extreme_poverty', status: 'OK', expected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '350.00',
        benefit_start: '2023-05-11',
      });
      expect(set(r.flags)).toEqual(['LATE_PAYMENT']);
    });
    it('a 特困 person (full) with nothing paid is NOT_ENROLLED on 2023-03-15, not PENDING', () => {
      const r = mar.row(gzExtremeUnpaid, '360702');
      expect(r).toMatchObject({ assistance_category: 'extreme_poverty', status: 'NOT_ENROLLED', expected_personal: '0.00', expected_assistance: '350.00', collected_assistance: '0.00' });
      expect(set(r.flags)).toEqual(['ASSISTANCE_UNPAID']);
    });
  });

  describe('groups whose assistance the documents leave to others: a gap, never silence', () => {
    it('a Ganzhou 残疾军人 (veteran_affairs) who paid 350: POLICY_GAP:assistance.veteran_affairs', () => {
      const r = mar.row(gzVeteran, '360702');
      expect(r).toMatchObject({ status: 'POLICY_GAP', standard: '350.00', expected_personal: '', expected_assistance: '', variance: '', collected_personal: '350.00' });
      expect(set(r.flags)).toEqual(['POLICY_GAP:assistance.veteran_affairs']);
    });
    it('a Nanchang 重度残疾学生 (severe_disability, "set_locally" in Jiangxi) who paid 350: POLICY_GAP:assistance.severe_disability', () => {
      const r = mar.row(ncDisabled, '360102');
      expect(r).toMatchObject({ status: 'POLICY_GAP', standard: '350.00', expected_personal: '', expected_assistance: '', variance: '', collected_personal: '350.00' });
      expect(set(r.flags)).toEqual(['POLICY_GAP:assistance.severe_disability']);
    });
    it('a local file valuing veteran_affairs "none": not assisted, the 350 paid is OK', () => {
      const r = overridden.row(gzVeteran, '360702');
      expect(r).toMatchObject({ status: 'OK', assistance_category: '', expected_personal: '350.00', expected_assistance: '0.00', refund_due: '0.00', benefit_start: '2023-01-01' });
      expect(set(r.flags)).toEqual([]);
    });
  });

  describe('citations come from the row\'s own chain', () => {
    const jiangxi = /赣/;
    it('a Chongqing duplicate enrollment cites 医保发〔2022〕20号 八 and no Jiangxi notice', () => {
      expect(mar.row(cqTwice, '500101')).toMatchObject({ status: 'OK' });
      const r = mar.row(cqTwice, '500102');
      expect(r).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00' });
      expect(set(r.rule)).toEqual(['医保发〔2022〕20号 八']);
      const refund = mar.refunds.filter((x) => x.id_number === cqTwice);
      expect(refund.map((x) => [x.region_code, x.reason, x.amount, x.rule])).toEqual([['500102', 'DUPLICATE_ENROLLMENT', '350.00', '医保发〔2022〕20号 八']]);
    });
    it('a Chongqing OVERPAID row and its refund cite Chongqing\'s standard, never 赣', () => {
      const r = mar.row(cqOverpaid, '500101');
      expect(r).toMatchObject({ status: 'OVERPAID', refund_due: '350.00' });
      expect(r.rule).toContain('渝医保发〔2022〕25号 一');
      expect(r.rule).not.toMatch(jiangxi);
      const refund = mar.refunds.filter((x) => x.id_number === cqOverpaid);
      expect(refund.map((x) => [x.reason, x.amount])).toEqual([['OVERPAID', '350.00']]);
      expect(refund[0]!.rule).not.toMatch(jiangxi);
    });
    it('a Chongqing REFUND_DUE row (特困 recognised after paying) cites the national assistance clause, never 赣', () => {
      const r = mar.row(cqRecognised, '500101');
      expect(r).toMatchObject({ status: 'REFUND_DUE', assistance_category: 'extreme_poverty', refund_due: '350.00' });
      expect(r.rule).toContain('医保发〔2022〕20号 三');
      expect(r.rule).not.toMatch(jiangxi);
      const refund = mar.refunds.filter((x) => x.id_number === cqRecognised);
      expect(refund.map((x) => [x.reason, x.amount])).toEqual([['ASSISTANCE_RECOGNISED_AFTER_PAYMENT', '350.00']]);
      expect(refund[0]!.rule).toContain('医保发〔2022〕20号 三');
      expect(refund[0]!.rule).not.toMatch(jiangxi);
    });
    it('a Chongqing person recognised 特困 after the window, then paid for by the fund: neither the row nor a refund cites 赣 (its 三(二) is Jiangxi\'s)', () => {
      // What the row's status and benefit start are is rule 3's and 7's business (late_recognition is absent in
      // Chongqing's chain); whatever they are, no clause of a Jiangxi notice decides them.
      const r = mar.row(cqLateRecognised, '500101');
      expect(r.rule).not.toBe('');
      expect(r.rule).not.toMatch(jiangxi);
      for (const refund of mar.refunds.filter((x) => x.id_number === cqLateRecognised)) expect(refund.rule).not.toMatch(jiangxi);
    });
    it('a Ganzhou duplicate whose primary a student payment chose cites 医保发〔2022〕20号 八 and 赣医保发〔2022〕14号 四(三)', () => {
      expect(mar.row(gzDuplicate, '360102')).toMatchObject({ status: 'OK', category: 'vocational_student' });
      const r = mar.row(gzDuplicate, '360702');
      expect(r).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00' });
      expect(set(r.rule)).toEqual(['医保发〔2022〕20号 八', '赣医保发〔2022〕14号 四(三)']);
    });
  });
});
