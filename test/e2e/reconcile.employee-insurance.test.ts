import { mkdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

/**
 * The employee-insurance list in the rules (spec 2.5, v2), through `recon run` on the shipped policies:
 * rule 9 (7.12, both cases, in and outside Jiangxi), rule 7 case 5 (7.13, the lapse just inside and just
 * outside 3 months), rule 6's INSURED_AS_EMPLOYEE against a roster person who is not, and their outputs
 * (duplicates.csv RESIDENT_AND_EMPLOYEE, benefit_suspensions.csv, the region summary, the manifest, --lang zh).
 */
describe('resident and employee insurance at once (rules 9, 7 case 5, 6)', () => {
  type Pay = [name: string, region: string, amount: string, paidAt: string];
  type Employment = [name: string, region: string, from: string, to: string, kind?: string];
  const ids = new Map<string, string>();
  const idOf = (name: string, region = '360702') => {
    if (!ids.has(name)) ids.set(name, idNumber(region, `19${60 + ids.size}0101`, '321'));
    return ids.get(name)!;
  };

  function night(asOf: string, pays: Pay[], employments: Employment[], roster: [name: string, category: string, from: string][] = []) {
    const root = tmp('recon-employees-');
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    writeCsv(join(inbox, 'payments.csv'), [
      ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'],
      ...pays.map(([name, region, amount, paidAt], i) => [`EE${String(i).padStart(6, '0')}`, idOf(name, region), name, region, '2023', amount, paidAt, 'personal', 'resident', '1']),
    ]);
    writeCsv(join(inbox, 'employees.csv'), [
      ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'],
      ...employments.map(([name, region, from, to, kind]) => [idOf(name), name, region, from, to, kind ?? 'employee', '某某公司']),
    ]);
    if (roster.length) {
      writeCsv(join(inbox, 'roster.csv'), [
        ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'],
        ...roster.map(([name, category, from]) => [idOf(name), name, '360702', category, from, '', '民政']),
      ]);
    }
    const out = join(root, 'out');
    const db = testDb(join(root, 'data'));
    const r = recon(['run', '--inbox', inbox, '--out', out, '--db', db, '--as-of', asOf, '--settle', '0', '--log', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(join(out, 'reconciliation.csv'));
    return {
      db, out,
      row: (name: string) => {
        const found = rows.filter((x) => x.name === name);
        expect(found, name).toHaveLength(1);
        return found[0]!;
      },
      duplicates: (name: string) => readCsv(join(out, 'duplicates.csv')).filter((x) => x.name === name),
      suspensions: () => readCsv(join(out, 'benefit_suspensions.csv')),
    };
  }

  let august: ReturnType<typeof night>;
  let june: ReturnType<typeof night>;
  beforeAll(() => {
    august = night('2023-08-01', [
      ['十二甲', '360702', '350.00', '2022-10-08'],
      ['十二乙', '360702', '350.00', '2022-10-08'],
      ['渝员', '500101', '350.00', '2022-11-01'],
    ], [
      ['十二甲', '360702', '2023-03-01', '2023-06-30'],
      ['十二乙', '360702', '2020-01-01', ''],
      ['渝员', '500101', '2023-03-01', ''],
      ['退休低保', '360702', '2013-01-01', '', 'retiree'],
      ['离职低保', '360702', '2013-01-01', '2023-03-31'],
    ], [
      ['退休低保', '低保对象', '2022-01-01'],
      ['离职低保', '低保对象', '2022-01-01'],
      ['无职工医保低保', '低保对象', '2022-01-01'],
    ]);
    june = night('2023-06-01', [
      ['十三', '360702', '350.00', '2023-02-10'],
      ['三月内', '360702', '350.00', '2023-02-10'],
      ['三月外', '360702', '350.00', '2023-02-10'],
    ], [
      ['十三', '360702', '2021-03-01', '2022-12-20'],
      ['三月内', '360702', '2019-01-01', '2022-11-10'],
      ['三月外', '360702', '2019-01-01', '2022-11-09'],
    ]);
  });

  it('7.12 joins the employee scheme 2023-03-01..2023-06-30 (Jiangxi): OK, EMPLOYEE_OVERLAP, SUSPEND_BENEFITS, suspended 2023-03-01, resumed 2023-07-01', () => {
    expect(august.row('十二甲')).toMatchObject({ status: 'OK', flags: 'EMPLOYEE_OVERLAP', actions: 'SUSPEND_BENEFITS', benefit_start: '2023-01-01' });
    expect(august.row('十二甲').rule).toContain('医保发〔2022〕20号 八');
    expect(august.duplicates('十二甲')).toEqual([{
      kind: 'RESIDENT_AND_EMPLOYEE', id_number: idOf('十二甲'), name: '十二甲', region_codes: '360702;360702', txn_ids: 'EE000000', other_id_number: '',
      detail: 'resident 360702 from 2023-01-01; employee 360702 2023-03-01 .. 2023-06-30; overlap 2023-03-01 .. 2023-06-30; '
        + 'resident benefits suspended from 2023-03-01, resumed on 2023-07-01',
    }]);
    expect(august.suspensions()).toEqual([{
      id_number: idOf('十二甲'), name: '十二甲', region_code: '360702', suspend_from: '2023-03-01', resume_on: '2023-07-01', employee_region: '360702',
      rule: '赣医保发〔2022〕14号 四(六)',
    }]);
  });

  it('7.12 had the employee insurance begun in 2020: the same flag and duplicates row, no suspension, REVIEW', () => {
    expect(august.row('十二乙')).toMatchObject({ status: 'OK', flags: 'EMPLOYEE_OVERLAP', actions: 'REVIEW', benefit_start: '2023-01-01' });
    expect(august.duplicates('十二乙').map((d) => [d.kind, d.region_codes])).toEqual([['RESIDENT_AND_EMPLOYEE', '360702;360702']]);
    expect(august.suspensions().map((s) => s.name)).not.toContain('十二乙');
  });

  it('outside Jiangxi (Chongqing has no suspend_during_employee_insurance): a gap flag and REVIEW, the status stands, no Jiangxi citation', () => {
    const row = august.row('渝员');
    expect(row).toMatchObject({ status: 'OK', flags: 'EMPLOYEE_OVERLAP;POLICY_GAP:suspend_during_employee_insurance', actions: 'REVIEW' });
    expect(row.rule).toContain('医保发〔2022〕20号 八');
    expect(row.rule).not.toContain('赣');
    expect(august.duplicates('渝员').map((d) => d.region_codes)).toEqual(['500101;500101']);
    expect(august.suspensions().map((s) => s.name)).not.toContain('渝员');
  });

  it('a roster person insured as an employee all year is INSURED_AS_EMPLOYEE (expected 0, no action); one who is not, or only part of it, is NOT_ENROLLED', () => {
    expect(august.row('退休低保')).toMatchObject({
      status: 'INSURED_AS_EMPLOYEE', expected_personal: '0.00', expected_assistance: '0.00', variance: '0.00', actions: '', flags: '', benefit_start: '',
    });
    expect(august.row('无职工医保低保')).toMatchObject({ status: 'NOT_ENROLLED', expected_personal: '30.00', actions: 'ENROLL' });
    expect(august.row('离职低保')).toMatchObject({ status: 'NOT_ENROLLED', actions: 'ENROLL' });
    const region = readCsv(join(august.out, 'region_summary.csv')).find((r) => r.region_code === '360702')!;
    expect([region.count_INSURED_AS_EMPLOYEE, region.count_NOT_ENROLLED]).toEqual(['1', '2']);
  });

  it('7.13 pays 350.00 on 2023-02-10, employee insurance ended 2022-12-20: benefit_start 2023-02-11, EMPLOYEE_LAPSE_EXEMPT;LATE_PAYMENT', () => {
    expect(june.row('十三')).toMatchObject({ status: 'OK', benefit_start: '2023-02-11', flags: 'EMPLOYEE_LAPSE_EXEMPT;LATE_PAYMENT', actions: '' });
    expect(june.row('十三').rule).toContain('赣医保发〔2022〕14号 四(七)');
    expect(june.duplicates('十三')).toEqual([]);
  });

  it('the lapse just inside 3 months (ended 2022-11-10) exempts; just outside (2022-11-09) waits 90 days', () => {
    expect(june.row('三月内')).toMatchObject({ benefit_start: '2023-02-11', flags: 'EMPLOYEE_LAPSE_EXEMPT;LATE_PAYMENT' });
    expect(june.row('三月外')).toMatchObject({ benefit_start: '2023-05-11', flags: 'LATE_PAYMENT' });
  });

  it('benefit_suspensions.csv is in the manifest, and in Chinese with --lang zh', () => {
    const manifest = JSON.parse(readFileSync(join(august.out, 'manifest.json'), 'utf8')) as { outputs: { name: string; rows: number }[] };
    expect(manifest.outputs.find((o) => o.name === 'benefit_suspensions.csv')).toMatchObject({ rows: 1 });
    const zh = join(tmp('recon-employees-zh-'), 'out');
    const r = recon(['export', '--db', august.db, '--out', zh, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(zh, 'benefit_suspensions.csv'), 'utf8').split('\n')[0]).toBe('\ufeff证件号码,姓名,统筹区编码,暂停待遇日期,恢复待遇日期,职工医保参保地,政策依据');
    const rows = readCsv(join(zh, 'reconciliation.csv'));
    expect(rows.find((x) => x['姓名'] === '十二甲')).toMatchObject({ '标记': '同时参加职工医保 (EMPLOYEE_OVERLAP)', '待办事项': '暂停待遇 (SUSPEND_BENEFITS)' });
    expect(rows.find((x) => x['姓名'] === '退休低保')).toMatchObject({ '对账结果': '已参加职工医保' });
    expect(readCsv(join(zh, 'duplicates.csv')).map((x) => x['类型'])).toContain('居民医保与职工医保重复参保');
  });
});
