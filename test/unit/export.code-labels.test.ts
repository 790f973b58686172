import { describe, expect, it } from 'vitest';
import { ACTIONS, FLAGS, STATUSES } from '../../src/db/result-status.js';
import { CODES_ZH, codesLabel, header, label } from '../../src/export/labels.js';

describe('--lang zh: flags and actions in Chinese, each keeping its code (spec 5)', () => {
  it('every flag and every action has a Chinese label', () => {
    for (const code of [...FLAGS, ...ACTIONS]) expect(CODES_ZH[code], code).toMatch(/\p{Script=Han}/u);
  });

  it('every status, every duplicates.csv kind and every benefit_suspensions.csv header has a Chinese label', () => {
    const kinds = ['DUPLICATE_ENROLLMENT', 'DUPLICATE_PAYMENT', 'POSSIBLE_DUPLICATE', 'RESIDENT_AND_EMPLOYEE'];
    for (const code of [...STATUSES, ...kinds]) expect(label(code, 'zh'), code).toMatch(/\p{Script=Han}/u);
    for (const name of ['id_number', 'name', 'region_code', 'suspend_from', 'resume_on', 'employee_region', 'rule']) {
      expect(header(name, 'zh'), name).toMatch(/\p{Script=Han}/u);
    }
    expect(header('count_INSURED_AS_EMPLOYEE', 'zh')).toBe('已参加职工医保人数');
  });

  it('writes each code as `中文 (CODE)`, a gap with its whole code, and English as the codes', () => {
    expect(codesLabel('REFUND_PERSON;COLLECT_FUND', 'zh')).toBe('退费给个人 (REFUND_PERSON);催缴资助资金 (COLLECT_FUND)');
    expect(codesLabel('LATE_PAYMENT;POLICY_GAP:waiting_days', 'zh')).toBe('逾期缴费 (LATE_PAYMENT);政策缺失 (POLICY_GAP:waiting_days)');
    expect(codesLabel('', 'zh')).toBe('');
    expect(codesLabel('REFUND_PERSON;REVIEW', 'en')).toBe('REFUND_PERSON;REVIEW');
  });
});
