import { copyFileSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, STATUSES } from '../../src/db/result-status.js';
import { FILE_REASONS, ROW_REASONS } from '../../src/db/reject-reasons.js';
import { MAX_LINE_CHARS } from '../../src/ingest/record-framer.js';
import { MAX_PAYMENTS_PER_PERSON } from '../../src/reconcile/person-stream.js';
import { DUPLICATE_KINDS, FLAGS, REFUND_PAYEES as PAYEES, REFUND_REASONS } from '../../src/db/result-status.js';
import { CODES_ZH, label } from '../../src/export/labels.js';
import { REJECT_REASONS_ZH } from '../../src/normalise/reject-labels.js';
import { englishLeftIn, englishWords } from '../helpers/chinese.js';
import { recon, ROOT } from '../helpers/cli.js';
import { readCsv, CSVS } from '../helpers/csv.js';
import { idNumber, writeCsv, writeText } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/** The cells that are data, not the job's words, by their Chinese headers: kept as the inputs gave them. */
const DATA_COLUMNS = ['证件号码', '姓名', '另一证件号码', '税票号码列表', '原始内容', '文件', '政策依据', '退费编号'];

/**
 * Beside the demo's inbox (every status) and fixtures/bad (most reject reasons): the flags, the action and the
 * reject reasons neither has. A fiscal payment (FISCAL_PAID); a payer recognised in another province
 * (ASSISTED_ELSEWHERE); an 特困 person whose assistance is short after the window (COLLECT_FUND); a person with
 * more payments than the rules hold (TOO_MANY_PAYMENTS); a line past the size limit (OVERSIZED_ROW); a link to
 * nowhere (UNREADABLE_FILE).
 */
function everyCodeNight() {
  const n = night();
  for (const f of readdirSync(join(ROOT, 'fixtures/bad'))) copyFileSync(join(ROOT, 'fixtures/bad', f), join(n.inbox, `bad-${f}`));
  const fiscal = idNumber('360702', '19900505', '101');
  const elsewhere = idNumber('360702', '19910606', '102');
  const shortFund = idNumber('360702', '19500707', '103');
  const many = idNumber('360702', '19920808', '104');
  const header = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type'];
  const rows = [
    header,
    ['ZH01', fiscal, '甲某', '360702', '2023', '350.00', '2022-10-08', 'personal'],
    ['ZH02', fiscal, '甲某', '360702', '2023', '100.00', '2022-10-09', 'fiscal'],
    ['ZH03', elsewhere, '乙某', '360702', '2023', '350.00', '2022-10-08', 'personal'],
    ['ZH04', shortFund, '丙某', '360702', '2023', '100.00', '2022-10-08', 'assistance'],
    ...Array.from({ length: MAX_PAYMENTS_PER_PERSON + 1 }, (_, i) => [`ZHM${i}`, many, '丁某', '360702', '2023', '1.00', '2022-10-08', 'personal']),
  ];
  const payments = rows.map((r) => r.join(',')).join('\n') + '\n';
  writeText(join(n.inbox, 'zh-payments.csv'), payments + `ZHX,${'9'.repeat(MAX_LINE_CHARS + 10)}\n`);
  writeCsv(join(n.inbox, 'zh-roster.csv'), [
    ['id_number', 'name', 'region_code', 'category', 'effective_from'],
    [elsewhere, '乙某', '410800', 'minimum_living', '2021-01-01'],
    [shortFund, '丙某', '360702', 'extreme_poverty', '2021-01-01'],
  ]);
  symlinkSync(join(n.root, 'nowhere.csv'), join(n.inbox, 'zh-dangling.csv'));
  return n;
}

describe('--lang zh: every word in Chinese, codes kept in parentheses (spec 5, v2)', () => {
  it('writes every status, flag, action, payee, refund reason, duplicate kind and reject reason in Chinese, and no English outside codes and data', () => {
    const n = everyCodeNight();
    const run = recon(n.args('--lang', 'zh', '--log', 'text'));
    expect(run.code, run.stderr).toBe(4);
    const read = (f: string) => readCsv(join(n.out, f));
    const recon_ = read('reconciliation.csv');
    const column = (rows: Record<string, string>[], name: string) => new Set(rows.flatMap((r) => r[name]!.split(';')).filter(Boolean));

    const statuses = column(recon_, '对账结果');
    for (const s of STATUSES) expect(statuses, s).toContain(label(s, 'zh'));
    const flags = column(recon_, '标记');
    for (const f of FLAGS) expect(flags, f).toContain(`${CODES_ZH[f]} (${f})`);
    expect([...flags].some((f) => /^政策缺失 \(POLICY_GAP:[a-z_.]+\)$/.test(f))).toBe(true);
    const actions = column(recon_, '待办事项');
    for (const a of ACTIONS) expect(actions, a).toContain(`${CODES_ZH[a]} (${a})`);

    const refunds = read('refunds.csv');
    for (const p of PAYEES) expect(column(refunds, '退款对象'), p).toContain(label(p, 'zh'));
    for (const r of REFUND_REASONS) expect(column(refunds, '原因'), r).toContain(label(r, 'zh'));
    const duplicates = read('duplicates.csv');
    for (const k of DUPLICATE_KINDS) expect(column(duplicates, '类型'), k).toContain(label(k, 'zh'));
    const rejects = read('rejects.csv');
    for (const r of [...ROW_REASONS, ...FILE_REASONS]) expect(column(rejects, '原因'), r).toContain(`${REJECT_REASONS_ZH[r]} (${r})`);
    expect(rejects.find((r) => r['原因'] === '行超长 (OVERSIZED_ROW)')!['类型']).toBe('缴费明细');
    expect(rejects.find((r) => r['原因'] === '无法读取的文件 (UNREADABLE_FILE)')!['说明']).toBe('链接指向的文件不存在');
    expect(rejects.find((r) => r['原因'] === '金额格式错误 (BAD_AMOUNT)' && r['文件'] === 'bad-payments-every-reason.csv')!['说明'])
      .toBe('缴费金额 "35O.00" 不是以元为单位、最多两位小数的金额');

    const left = CSVS.flatMap((f) => englishLeftIn(f, read(f), DATA_COLUMNS));
    expect(left).toEqual([]);
    expect(readFileSync(join(n.out, 'region_summary.csv'), 'utf8').split('\n')[0]!.split(',').flatMap(englishWords)).toEqual([]);

    // The summary the run prints, without the out folder's path (a name of the operator's).
    const summary = run.stdout.replaceAll(n.out, '');
    expect(summary).toContain('对账结果');
    expect(summary).toContain(`${label('OK', 'zh')} `);
    expect(englishWords(summary)).toEqual([]);

    // recon export prints its files' names (data) and their row counts in Chinese.
    const exported = recon(['export', '--db', n.db, '--out', join(n.root, 'again'), '--lang', 'zh']);
    expect(exported.code, exported.stderr).toBe(4);
    expect(englishWords(exported.stdout.replace(/\S+\.(csv|json|html|xlsx)/g, ''))).toEqual([]);
    expect(exported.stdout).toMatch(/rejects\.csv +\d+ 行/);
  });

  it('leaves English outputs as they were: codes, stored details', () => {
    const n = everyCodeNight();
    expect(recon(n.args()).code).toBe(4);
    const rejects = readCsv(join(n.out, 'rejects.csv'));
    expect(rejects.find((r) => r.reason === 'BAD_AMOUNT' && r.file === 'bad-payments-every-reason.csv')!.detail)
      .toBe('amount "35O.00" is not yuan with at most 2 decimals');
    expect(rejects.find((r) => r.reason === 'OVERSIZED_ROW')!.kind).toBe('payments');
  });
});
