import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, only, pay, person, roster } from '../helpers/facts.js';

/** One case per independent flag (rules 3, 5, 6 and 7), each raised alone on an otherwise plain person. */
describe('flags, each on its own', () => {
  it('MULTIPLE_ASSISTANCE: two categories counted', () => {
    const r = only(person([pay('2022-10-01', 30), pay('2022-10-01', 320, { payerType: 'assistance' })], [roster('minimum_living', '2022-01-01'), roster('returned_to_poverty', '2022-01-01')]));
    expect(r.flags).toEqual(['MULTIPLE_ASSISTANCE']);
  });

  it('LATE_RECOGNITION_NO_REFUND: recognised after the window, having already paid', () => {
    expect(only(person([pay('2022-10-01', 350)], [roster('minimum_living', '2023-01-05')])).flags).toEqual(['LATE_RECOGNITION_NO_REFUND']);
  });

  it('DUPLICATE_PAYMENT: two full personal payments', () => {
    const { rows, duplicates } = reconcilePerson(person([pay('2022-10-01', 350), pay('2022-10-02', 350)]), ctx());
    expect(rows[0]!.flags).toEqual(['DUPLICATE_PAYMENT']);
    expect(duplicates).toEqual([expect.objectContaining({ kind: 'DUPLICATE_PAYMENT' })]);
  });

  it('REVERSED: any negative payment', () => {
    expect(only(person([pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-03', 350)])).flags).toEqual(['REVERSED']);
  });

  it('ASSISTANCE_UNPAID: the assistance fund paid less than the subsidy', () => {
    expect(only(person([pay('2022-10-01', 30)], [roster('minimum_living', '2022-01-01')])).flags).toEqual(['ASSISTANCE_UNPAID']);
  });

  it('ASSISTANCE_OVERPAID: the fund paid more than the subsidy, and the excess goes back to it', () => {
    const { rows, refunds } = reconcilePerson(person([pay('2022-10-01', 30), pay('2022-10-01', 350, { payerType: 'assistance' })], [roster('minimum_living', '2022-01-01')]), ctx());
    expect(rows[0]!.flags).toEqual(['ASSISTANCE_OVERPAID']);
    expect(refunds).toEqual([expect.objectContaining({ payee: 'assistance_fund', amount: 3000, reason: 'ASSISTANCE_OVERPAID' })]);
  });

  it('NAME_MISMATCH: one ID number under two names across the inputs', () => {
    expect(only(person([pay('2022-10-01', 350)], [roster('minimum_living', '2021-01-01', '2021-12-31', '360702', '某乙')])).flags).toEqual(['NAME_MISMATCH']);
  });

  it('LATE_PAYMENT: the obligation met after the deadline', () => {
    expect(only(person([pay('2023-01-20', 350)]))).toMatchObject({ flags: ['LATE_PAYMENT'], benefitStart: '2023-04-20' });
  });

  it('POLICY_GAP:<key>: names the absent value', () => {
    expect(only(person([pay('2022-10-01', 350, { regionCode: '410800' })], [roster('minimum_living', '2022-01-01', null, '410800')])).flags).toEqual(['POLICY_GAP:collection_window']);
  });
});
