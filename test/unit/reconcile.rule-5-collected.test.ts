import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../src/reconcile/person-facts.js';
import { duplicatePaymentEntry, isDuplicatePayment, isReversed, netPaid } from '../../src/reconcile/rules/collected.js';
import { pay } from '../helpers/facts.js';

describe('rule 5: collected', () => {
  it('C_p and C_a are the net payments by payer type', () => {
    const payments = [pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-03', 30), pay('2022-10-04', 320, { payerType: 'assistance' })];
    expect([netPaid(payments, 'personal'), netPaid(payments, 'assistance')]).toEqual([3000, 32000]);
  });

  it('REVERSED when any payment is negative', () => {
    expect(isReversed([pay('2022-10-01', 350)])).toBe(false);
    expect(isReversed([pay('2022-10-01', 350), pay('2022-10-02', -350, { payerType: 'assistance' })])).toBe(true);
  });

  it('DUPLICATE_PAYMENT: C_p > E and two more positive personal payments than negative ones', () => {
    expect(isDuplicatePayment([pay('2022-10-01', 350), pay('2022-10-05', 350)], 70000, 35000)).toBe(true);
    expect(isDuplicatePayment([pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-03', 350)], 35000, 35000)).toBe(false);
    expect(isDuplicatePayment([pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-03', 400)], 40000, 35000)).toBe(false); // overpaid, not twice
    expect(isDuplicatePayment([pay('2022-10-01', 350), pay('2022-10-05', 400, { payerType: 'assistance' })], 35000, 0)).toBe(false);
    expect(isDuplicatePayment([pay('2022-11-01', 350), pay('2022-11-20', 375)], 72500, 72500)).toBe(false); // a tier-2 top-up
  });

  it('the duplicates.csv entry lists the region\'s positive personal payments', () => {
    const payments = [pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-05', 350), pay('2022-10-06', 320, { payerType: 'assistance' })];
    const row = { idNumber: 'X', name: '某甲', regionCode: '360702' } as ResultRow;
    expect(duplicatePaymentEntry(row, payments)).toEqual({
      kind: 'DUPLICATE_PAYMENT', idNumber: 'X', name: '某甲', regionCodes: ['360702'], txnIds: [payments[0]!.txnId, payments[2]!.txnId],
      otherIdNumber: null, detail: '2 personal payments for one enrollment',
    });
  });
});
