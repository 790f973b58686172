import { describe, expect, it } from 'vitest';
import { FILE_REASONS, ROW_REASONS } from '../../src/db/reject-reasons.js';
import { ACTIONS, DUPLICATE_KINDS, FLAGS, REFUND_PAYEES, REFUND_REASONS, STATUSES } from '../../src/db/result-status.js';
import { codesLabel, label, rejectReason } from '../../src/export/labels.js';
import { guideRows, guideSections, type GuideRow } from '../../src/export/output-guide.js';

/**
 * The output guide (SPEC §5: the workbook's 说明/Guide sheet, docs/outputs.md) explains every code the outputs
 * can write, taken from the code's own lists, in both languages, each as the outputs write it.
 */
describe('the output guide names every code, as the outputs write it', () => {
  const en = guideRows('en');
  const zh = guideRows('zh');
  const section = (rows: GuideRow[], name: string) => rows.filter((r) => r.section === name);
  const codeLists = {
    status: { codes: STATUSES, item: label },
    action: { codes: ACTIONS, item: codesLabel },
    flag: { codes: [...FLAGS, 'POLICY_GAP:<key>'], item: codesLabel },
    'refund payee': { codes: REFUND_PAYEES, item: label },
    'refund reason': { codes: REFUND_REASONS, item: label },
    'duplicate kind': { codes: DUPLICATE_KINDS, item: label },
    'reject reason': { codes: [...ROW_REASONS, ...FILE_REASONS], item: rejectReason },
  } as const;

  it('has one row per code of each list, in English and in Chinese, in the list\'s order', () => {
    const sections = guideSections();
    for (const [name, { codes, item }] of Object.entries(codeLists)) {
      expect(section(en, name).map((r) => r.item), name).toEqual([...codes]);
      const zhName = sections.find((s) => s.en === name)!.zh;
      expect(section(zh, zhName).map((r) => r.item), zhName).toEqual(codes.map((c) => item(c, 'zh')));
    }
  });

  it('says what each code means and who does what next, in both languages; Chinese in Chinese', () => {
    const codeSections = new Set(guideSections().filter((s) => s.kind === 'codes').flatMap((s) => [s.en, s.zh]));
    expect(zh).toHaveLength(en.length);
    for (const [i, r] of en.entries()) {
      const z = zh[i]!;
      expect(r.meaning, `${r.section} ${r.item}`).not.toBe('');
      expect(z.meaning, `${z.section} ${z.item}`).toMatch(/\p{Script=Han}/u);
      expect(z.todo === '', `${r.section} ${r.item}: a todo in one language only`).toBe(r.todo === '');
      if (codeSections.has(r.section)) expect(r.todo, `${r.section} ${r.item}`).not.toBe('');
    }
  });

  it('cites the rule behind each status and flag', () => {
    for (const r of [...section(en, 'status'), ...section(en, 'flag')].filter((r) => r.item !== 'TOO_MANY_PAYMENTS')) {
      expect(r.meaning, r.item).toMatch(/rules? \d+/);
    }
  });

  it('sends each kind of work to its hands: townships enroll, finance refunds, the tax bureau and civil affairs fix rejects, the benefit system suspends, an auditor reviews', () => {
    const todo = (name: string, item: string) => en.find((r) => r.section === name && r.item === item)!.todo;
    expect(todo('action', 'ENROLL')).toMatch(/township/);
    expect(todo('status', 'NOT_ENROLLED')).toMatch(/township/);
    expect(todo('action', 'REFUND_PERSON')).toMatch(/finance/);
    expect(todo('action', 'REFUND_FUND')).toMatch(/finance/);
    expect(todo('reject reason', 'BAD_AMOUNT')).toMatch(/tax bureau.*civil affairs/);
    expect(todo('action', 'SUSPEND_BENEFITS')).toMatch(/benefit system/);
    expect(todo('action', 'REVIEW')).toMatch(/auditor/);
    const zhTodo = (item: string) => zh.find((r) => r.section === '待办事项' && r.item === codesLabel(item, 'zh'))!.todo;
    expect(zhTodo('ENROLL')).toMatch(/乡镇/);
    expect(zhTodo('REFUND_PERSON')).toMatch(/财务/);
    expect(zhTodo('SUSPEND_BENEFITS')).toMatch(/待遇系统/);
  });
});
