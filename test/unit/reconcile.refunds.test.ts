import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/reconcile/person-facts.js';
import { refundsOf } from '../../src/reconcile/rules/refunds.js';

const row = (r: Partial<ResultRow>): ResultRow => ({
  idNumber: 'X', name: '某甲', regionCode: '360702', coverageYear: 2023, category: 'resident', tier: '1', assistanceCategory: null,
  standard: 35000, subsidy: 0, expectedPersonal: 35000, collectedPersonal: 35000, expectedAssistance: 0, collectedAssistance: 0,
  variance: 0, refundDue: 0, status: 'OK', flags: [], benefitStart: null, firstPaidAt: null, lastPaidAt: null, payments: 1,
  isPrimary: true, rule: ['r'], assistanceVariance: 0, actions: [], holdsUntil: null, ...r,
});
const brief = (refunds: ReturnType<typeof refundsOf>) => refunds.map((f) => [f.payee, f.amount, f.reason, f.rule.join('; ')]);

describe('refunds (rules 2 and 6), all in one place', () => {
  it('a duplicate enrollment refunds its whole net collection: the personal part to the person, the assistance part to the fund', () => {
    expect(brief(refundsOf(row({ status: 'DUPLICATE_ENROLLMENT', expectedPersonal: 0, collectedPersonal: 3000, collectedAssistance: 32000 }))))
      .toEqual([['person', 3000, 'DUPLICATE_ENROLLMENT', 'r'], ['assistance_fund', 32000, 'DUPLICATE_ENROLLMENT', 'r']]);
    expect(brief(refundsOf(row({ status: 'DUPLICATE_ENROLLMENT', expectedPersonal: 0, collectedPersonal: 0, collectedAssistance: 35000 }))))
      .toEqual([['assistance_fund', 35000, 'DUPLICATE_ENROLLMENT', 'r']]);
  });

  it('REFUND_DUE and OVERPAID refund C_p − E to the person; REFUND_DUE cites the chain\'s late-recognition clause as well', () => {
    expect(brief(refundsOf(row({ status: 'REFUND_DUE', subsidy: 32000, expectedPersonal: 3000, expectedAssistance: 32000, collectedAssistance: 32000 }), '赣医保发〔2022〕14号 三(二)')))
      .toEqual([['person', 32000, 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT', 'r; 赣医保发〔2022〕14号 三(二)']]);
    expect(brief(refundsOf(row({ status: 'OVERPAID', collectedPersonal: 40000 })))).toEqual([['person', 5000, 'OVERPAID', 'r']]);
  });

  it('C_a > A refunds the excess to the assistance fund, whatever the status', () => {
    expect(brief(refundsOf(row({ status: 'OK', expectedPersonal: 0, collectedPersonal: 0, expectedAssistance: 35000, collectedAssistance: 40000 }))))
      .toEqual([['assistance_fund', 5000, 'ASSISTANCE_OVERPAID', 'r']]);
  });

  it('nothing where the money is unknown, or as expected', () => {
    expect(refundsOf(row({ status: 'POLICY_GAP', expectedPersonal: null, expectedAssistance: null, collectedPersonal: 70000 }))).toEqual([]);
    expect(refundsOf(row({}))).toEqual([]);
  });
});
