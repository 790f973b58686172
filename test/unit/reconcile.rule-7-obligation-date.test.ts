import { describe, expect, it } from 'vitest';
import { obligationMetOn } from '../../src/reconcile/rules/benefit-start.js';
import { only, pay, person, roster } from '../helpers/facts.js';

const assistance = { payerType: 'assistance' as const };

/**
 * Rule 7's T (spec 4 v2): the payment date on which the cumulative net payments, in date order, last rose
 * from below the obligation to meet it; the assistance's obligation when E = 0.
 */
describe('rule 7 (v2): T, the date from which the obligation has stayed met', () => {
  it('a reversal that breaks the obligation and a later re-payment: T is the re-payment (spec 7.11)', () => {
    const payments = [pay('2022-10-01', 350), pay('2023-01-05', -350), pay('2023-02-01', 350)];
    expect(obligationMetOn(payments, 35000, 0)).toBe('2023-02-01');
    const row = only(person(payments), '2023-06-01');
    expect(row).toMatchObject({ status: 'OK', benefitStart: '2023-05-02', collectedPersonal: 35000 });
    expect([...row.flags].sort()).toEqual(['LATE_PAYMENT', 'REVERSED']);
  });

  it('a reversal that leaves the obligation met (a duplicate payment taken back) does not move T', () => {
    expect(obligationMetOn([pay('2022-10-01', 350), pay('2022-10-02', 350), pay('2023-01-05', -350)], 35000, 0)).toBe('2022-10-01');
  });

  it('a reversal and its re-payment on the same day never broke it, in whichever order the day lists them', () => {
    const day = (first: number, second: number) => [pay('2022-10-01', 350), pay('2023-01-05', first, { paidTime: '09:00:00' }), pay('2023-01-05', second, { paidTime: '10:00:00' })];
    expect(obligationMetOn(day(-350, 350), 35000, 0)).toBe('2022-10-01');
    expect(obligationMetOn(day(350, -350), 35000, 0)).toBe('2022-10-01');
  });

  it('a part payment, its reversal and a full re-payment: T is the day the sum last reached E', () => {
    expect(obligationMetOn([pay('2022-10-01', 100), pay('2022-10-05', 250), pay('2022-11-01', -100), pay('2022-12-01', 100)], 35000, 0)).toBe('2022-12-01');
  });

  it('broken at the end: no T', () => {
    expect(obligationMetOn([pay('2022-10-01', 350), pay('2023-01-05', -350)], 35000, 0)).toBeNull();
  });

  it('E = 0: the assistance obligation (C_a ≥ A), with its own reversal and re-payment; personal money does not meet it', () => {
    const payments = [pay('2022-10-01', 350, assistance), pay('2023-01-05', -350, assistance), pay('2023-02-01', 350, assistance)];
    expect(obligationMetOn(payments, 0, 35000)).toBe('2023-02-01');
    expect(obligationMetOn([pay('2022-10-01', 350)], 0, 35000)).toBeNull();
    // Through the rules: extreme_poverty (full) is assisted in 360702, deadline 12-31 (full assistance keeps end).
    const row = only(person(payments, [roster('extreme_poverty', '2021-05-01')]), '2023-06-01');
    expect(row).toMatchObject({ status: 'OK', expectedPersonal: 0, expectedAssistance: 35000, collectedAssistance: 35000, benefitStart: '2023-05-02' });
    expect([...row.flags].sort()).toEqual(['LATE_PAYMENT', 'REVERSED']);
  });

  it('E = A = 0 (nothing owed): T is the first payment date, when the person enrolled', () => {
    expect(obligationMetOn([pay('2022-10-01', 0, { category: 'student' }), pay('2022-11-01', 0, { category: 'student' })], 0, 0)).toBe('2022-10-01');
  });
});
