import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/db/result-status.js';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, employment, only, pay, person, roster } from '../helpers/facts.js';

/** One case per status of rule 6, each reached through reconcilePerson on plain facts (Ganzhou 360702). */
describe('rule 6: each status on its own', () => {
  /**
   * The statuses that have a case, listed while the file is collected: the last test reads this list, not
   * what earlier tests did, so it holds whatever runs before it (a -t filter, a shuffled order).
   */
  const cases: string[] = [];
  /** A case for one status: its test is handed the status to assert. */
  const reaches = (status: string, title: string, body: (status: string) => void) => {
    cases.push(status);
    it(`${status}: ${title}`, () => body(status));
  };

  reaches('DUPLICATE_ENROLLMENT', 'the non-primary region of a person paying in two', (status) => {
    const rows = reconcilePerson(person([pay('2022-09-10', 350), pay('2022-10-12', 350, { regionCode: '360100' })]), ctx()).rows;
    expect(rows.find((r) => r.regionCode === '360100')).toMatchObject({ status, expectedPersonal: 0, refundDue: 35000 });
  });

  reaches('POLICY_GAP', 'a region whose policy lacks a value the person needs', (status) => {
    expect(only(person([pay('2022-10-01', 350, { regionCode: '410800' })], [roster('minimum_living', '2022-01-01', null, '410800')])).status).toBe(status);
  });

  reaches('INSURED_AS_EMPLOYEE', 'an entitled roster person employee-insured for the whole benefit period (v2)', (status) => {
    const rows = reconcilePerson(person([], [roster('minimum_living', '2022-01-01')], '1950-05-05', [employment('2013-01-01')]), ctx('2023-04-01')).rows;
    expect(rows).toEqual([expect.objectContaining({ status, expectedPersonal: 0, expectedAssistance: 0, actions: [] })]);
  });

  reaches('REFUND_DUE', 'assistance recognised after paying, within the window', (status) => {
    expect(only(person([pay('2022-09-20', 350)], [roster('minimum_living', '2022-10-15')]))).toMatchObject({ status, refundDue: 32000 });
  });

  reaches('OVERPAID', 'paid more than expected without a late recognition', (status) => {
    expect(only(person([pay('2022-10-01', 400)]))).toMatchObject({ status, refundDue: 5000, variance: 5000 });
  });

  reaches('PENDING', 'short of the expected amount while the window is still open', (status) => {
    expect(only(person([pay('2022-10-01', 100)]), '2022-12-31')).toMatchObject({ status, variance: -25000 });
  });

  reaches('NOT_ENROLLED', 'an entitled roster person with no payment after the assisted deadline', (status) => {
    const rows = reconcilePerson(person([], [roster('minimum_living', '2022-01-01')]), ctx('2023-04-01')).rows;
    expect(rows).toEqual([expect.objectContaining({ status, collectedPersonal: 0, expectedPersonal: 3000 })]);
  });

  reaches('UNPAID', 'payments that net to zero after the deadline', (status) => {
    expect(only(person([pay('2022-10-01', 350), pay('2022-10-02', -350)]), '2023-01-01').status).toBe(status);
  });

  reaches('UNDERPAID', 'part paid after the deadline', (status) => {
    expect(only(person([pay('2022-10-01', 100)]), '2023-01-01')).toMatchObject({ status, variance: -25000 });
  });

  reaches('OK', 'paid exactly what was expected', (status) => {
    expect(only(person([pay('2022-10-01', 350)])).status).toBe(status);
  });

  it('covers every status the spec defines', () => {
    expect([...cases].sort()).toEqual([...STATUSES].sort());
  });
});
