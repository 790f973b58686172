import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/reconcile/person-facts.js';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, only, pay, person, roster } from '../helpers/facts.js';

/** One case per status of rule 6, each reached through reconcilePerson on plain facts (Ganzhou 360702). */
describe('rule 6: each status on its own', () => {
  const seen = new Set<string>();
  const status = (s: string) => { seen.add(s); return s; };

  it('DUPLICATE_ENROLLMENT: the non-primary region of a person paying in two', () => {
    const rows = reconcilePerson(person([pay('2022-09-10', 350), pay('2022-10-12', 350, { regionCode: '360100' })]), ctx()).rows;
    expect(rows.find((r) => r.regionCode === '360100')).toMatchObject({ status: status('DUPLICATE_ENROLLMENT'), expectedPersonal: 0, refundDue: 35000 });
  });

  it('POLICY_GAP: a region whose policy lacks a value the person needs', () => {
    expect(only(person([pay('2022-10-01', 350, { regionCode: '410800' })], [roster('minimum_living', '2022-01-01', null, '410800')])).status).toBe(status('POLICY_GAP'));
  });

  it('REFUND_DUE: assistance recognised after paying, within the window', () => {
    expect(only(person([pay('2022-09-20', 350)], [roster('minimum_living', '2022-10-15')]))).toMatchObject({ status: status('REFUND_DUE'), refundDue: 32000 });
  });

  it('OVERPAID: paid more than expected without a late recognition', () => {
    expect(only(person([pay('2022-10-01', 400)]))).toMatchObject({ status: status('OVERPAID'), refundDue: 5000, variance: 5000 });
  });

  it('PENDING: short of the expected amount while the window is still open', () => {
    expect(only(person([pay('2022-10-01', 100)]), '2022-12-31')).toMatchObject({ status: status('PENDING'), variance: -25000 });
  });

  it('NOT_ENROLLED: an entitled roster person with no payment after the assisted deadline', () => {
    const rows = reconcilePerson(person([], [roster('minimum_living', '2022-01-01')]), ctx('2023-04-01')).rows;
    expect(rows).toEqual([expect.objectContaining({ status: status('NOT_ENROLLED'), collectedPersonal: 0, expectedPersonal: 3000 })]);
  });

  it('UNPAID: payments that net to zero after the deadline', () => {
    expect(only(person([pay('2022-10-01', 350), pay('2022-10-02', -350)]), '2023-01-01').status).toBe(status('UNPAID'));
  });

  it('UNDERPAID: part paid after the deadline', () => {
    expect(only(person([pay('2022-10-01', 100)]), '2023-01-01')).toMatchObject({ status: status('UNDERPAID'), variance: -25000 });
  });

  it('OK: paid exactly what was expected', () => {
    expect(only(person([pay('2022-10-01', 350)])).status).toBe(status('OK'));
  });

  it('covers every status the spec defines', () => {
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });
});
