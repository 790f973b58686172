import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/db/result-status.js';
import { CODES_ZH, codesLabel } from '../../src/export/labels.js';
import { FLAGS } from '../../src/reconcile/person-facts.js';

describe('--lang zh: flags and actions in Chinese, each keeping its code (spec 5)', () => {
  it('every flag and every action has a Chinese label', () => {
    for (const code of [...FLAGS, ...ACTIONS]) expect(CODES_ZH[code], code).toMatch(/\p{Script=Han}/u);
  });

  it('writes each code as `中文 (CODE)`, a gap with its whole code, and English as the codes', () => {
    expect(codesLabel('REFUND_PERSON;COLLECT_FUND', 'zh')).toBe('退费给个人 (REFUND_PERSON);催缴资助资金 (COLLECT_FUND)');
    expect(codesLabel('LATE_PAYMENT;POLICY_GAP:waiting_days', 'zh')).toBe('逾期缴费 (LATE_PAYMENT);政策缺失 (POLICY_GAP:waiting_days)');
    expect(codesLabel('', 'zh')).toBe('');
    expect(codesLabel('REFUND_PERSON;REVIEW', 'en')).toBe('REFUND_PERSON;REVIEW');
  });
});
