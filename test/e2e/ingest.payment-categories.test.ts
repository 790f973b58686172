import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { idNumber, join, writeCsv } from '../helpers/files.js';
import { night, type Night } from '../helpers/run.js';

const HEADER = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];

/** Every payment category label of spec 2.1 (v2), with the code it must be stored as. */
const LABELS: [label: string, code: string][] = [
  ['普通居民', 'resident'], ['城乡居民', 'resident'], ['成年居民', 'resident'], ['老年居民', 'resident'], ['中小学生', 'resident'], ['学龄前儿童', 'resident'],
  ['高校大学生', 'student'], ['高校学生', 'student'], ['大学生', 'student'], ['在校大学生', 'student'], ['研究生', 'student'], ['全日制研究生', 'student'],
  ['中专学生', 'vocational_student'], ['中职学生', 'vocational_student'], ['技工院校学生', 'vocational_student'],
  ['新生儿', 'newborn'],
  ['退役军人', 'veteran'], ['退役军人配偶', 'veteran'], ['退役军人子女', 'veteran'],
  ['其他特殊人员', 'special'], ['不享受资助参保的医疗救助对象', 'special'], ['宗教教职人员', 'special'], ['职工医保中断缴费3个月以内人员', 'special'],
  ['户口新迁入人员', 'special'], ['出国人员回国', 'special'], ['服刑人员期满释放', 'special'], ['流动人员子女', 'special'], ['大学生毕业返乡', 'special'],
  ['大中专学生', 'student_unspecified'],
];

// Ganzhou (360702: Jiangxi's student standard 0, resident 350) unless said.
const vocational = idNumber('360702', '20050301', '931'); // 中专学生 paying 350: the resident standard, OK
const unspecified = idNumber('360702', '20040402', '932'); // 大中专学生 paying 350: standard a gap
const higher = idNumber('360702', '20030503', '933'); // 高校 student whose 350 the 财政 paid: student 0, FISCAL_PAID
const mover = idNumber('360702', '20060604', '934'); // resident in Nanchang first, then 技工院校学生 in Ganzhou: 学籍地
const fiscalOnly = idNumber('360702', '19800705', '935'); // a resident whose only payments are fiscal (two labels)

describe('payment categories and the fiscal payer type (spec 2.1 v2, rules 2, 4, 5)', () => {
  let n: Night;
  let run: CliResult;
  let rows: Record<string, string>[];
  let manifest: { inputs: { name: string; control_totals: Record<string, { count: number; sum_fen: number }> }[] };
  const row = (id: string, region = '360702') => rows.find((r) => r.id_number === id && r.region_code === region)!;
  beforeAll(() => {
    n = night([]);
    const labelled = LABELS.map(([label], i) =>
      [`L${String(i).padStart(2, '0')}`, idNumber('360702', '19900101', String(940 + i)), '钱某甲', '360702', '2023', '350.00', '2022-10-08', '个人', label, '1']);
    writeCsv(join(n.inbox, 'payments.csv'), [
      HEADER,
      ...labelled,
      ['V1', vocational, '孙某乙', '360702', '2023', '350.00', '2022-10-09', '个人缴费', '中专学生', '1'],
      ['U1', unspecified, '李某丙', '360702', '2023', '350.00', '2022-10-09', '', '大中专学生', '1'],
      ['H1', higher, '周某丁', '360702', '2023', '350.00', '2022-10-09', '财政全额负担', '高校大学生', '1'],
      ['M1', mover, '吴某戊', '360100', '2023', '350.00', '2022-09-05', '个人', '城乡居民', '1'],
      ['M2', mover, '吴某戊', '360702', '2023', '350.00', '2022-10-10', '个人', '技工院校学生', '1'],
      ['F1', fiscalOnly, '郑某己', '360702', '2023', '200.00', '2022-10-11', '财政', '', '1'],
      ['F2', fiscalOnly, '郑某己', '360702', '2023', '150.00', '2022-10-12', 'fiscal', '', '1'],
      ['F3', fiscalOnly, '郑某己', '360702', '2023', '-150.00', '2022-10-13', '财政代缴', '', '1'],
    ]);
    run = recon(n.args());
    rows = readCsv(join(n.out, 'reconciliation.csv'));
    manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
  });

  it('accepts every label of the table and stores its code', () => {
    expect(run.code, run.stderr).toBe(0);
    const stored = query<{ txn_id: string; category: string }>(n.db, "select txn_id, category from payments where txn_id like 'L%' order by txn_id");
    expect(stored.map((s) => s.category)).toEqual(LABELS.map(([, code]) => code));
  });

  it('gives a Jiangxi 中专学生 the resident standard: paying 350 is OK, no refund (student 0 is for 高校 students only)', () => {
    expect(row(vocational)).toMatchObject({ category: 'vocational_student', standard: '350.00', status: 'OK', refund_due: '0.00', flags: '' });
    expect(readCsv(join(n.out, 'refunds.csv')).filter((r) => r.id_number === vocational)).toEqual([]);
  });

  it('leaves the standard of a 大中专学生 a policy gap, never the resident default, its money in the totals', () => {
    expect(row(unspecified)).toMatchObject({
      category: 'student_unspecified', status: 'POLICY_GAP', standard: '', expected_personal: '', collected_personal: '350.00',
      flags: 'POLICY_GAP:personal_standard.student_unspecified.1',
    });
  });

  it('places a 技工院校学生 where they study (rule 2): the earlier resident payment elsewhere is the duplicate', () => {
    expect(row(mover, '360702')).toMatchObject({ category: 'vocational_student', status: 'OK', refund_due: '0.00' });
    expect(row(mover, '360100')).toMatchObject({ status: 'DUPLICATE_ENROLLMENT', refund_due: '350.00' });
  });

  it('keeps fiscal money out of C_p and C_a, and flags the row FISCAL_PAID', () => {
    expect(row(higher)).toMatchObject({
      category: 'student', standard: '0.00', expected_personal: '0.00', collected_personal: '0.00', collected_assistance: '0.00',
      status: 'OK', flags: 'FISCAL_PAID', refund_due: '0.00',
    });
    // A resident paid only by fiscal money still owes the personal 350 (the net 200 fiscal is in neither column).
    expect(row(fiscalOnly)).toMatchObject({ collected_personal: '0.00', collected_assistance: '0.00', status: 'UNPAID', flags: 'FISCAL_PAID;REVERSED' });
    const stored = query<{ txn_id: string; payer_type: string }>(n.db, "select txn_id, payer_type from payments where txn_id like 'F%' or txn_id = 'H1' order by txn_id");
    expect(stored).toEqual([
      { txn_id: 'F1', payer_type: 'fiscal' }, { txn_id: 'F2', payer_type: 'fiscal' }, { txn_id: 'F3', payer_type: 'fiscal' }, { txn_id: 'H1', payer_type: 'fiscal' },
    ]);
  });

  it("counts fiscal payments in the file's control totals, per payer type", () => {
    const file = manifest.inputs.find((i) => i.name === 'payments.csv')!;
    expect(file.control_totals).toEqual({
      personal: { count: LABELS.length + 4, sum_fen: (LABELS.length + 4) * 35000 },
      fiscal: { count: 4, sum_fen: 35000 + 20000 + 15000 - 15000 },
    });
  });

  it('lists fiscal payments in recon explain, with their payer type', () => {
    const r = recon(['explain', fiscalOnly, '--db', n.db, '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /\bF[123]\b/.test(l));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => /\bfiscal\b/.test(l))).toBe(true);
    expect(r.stdout).toContain('[FISCAL_PAID;REVERSED]');
  });
});
