import { describe, expect, it } from 'vitest';
import { decideStatus, type StatusInputs } from '../../src/reconcile/rules/status.js';
import { only, pay, person, roster } from '../helpers/facts.js';

/** A full-assistance person in Ganzhou (E = 0, A = 350.00), deadline 12-31 (full assistance keeps the window end). */
const full: StatusInputs = {
  duplicateEnrollment: false, policyGap: false, collectedPersonal: 0, collectedAssistance: 0, expectedPersonal: 0, subsidy: 35000,
  paidBeforeRecognition: false, asOf: '2022-11-21', deadline: { date: '2022-12-31', latest: null, gap: null }, hasPayments: false, entitled: true,
};

/** Rule 6 (v2): PENDING is "C_p < E, or nothing paid at all (neither personal nor assistance)", with D on or before the deadline. */
describe('rule 6 (v2): PENDING covers nothing paid at all', () => {
  it('a full-assistance roster person with nothing paid: PENDING inside the window, NOT_ENROLLED after the deadline', () => {
    expect(decideStatus(full)).toBe('PENDING');
    expect(decideStatus({ ...full, asOf: '2022-12-31' })).toBe('PENDING');
    expect(decideStatus({ ...full, asOf: '2023-01-01' })).toBe('NOT_ENROLLED');
    // Through the rules: the roster-only row of a 特困 person in 360702.
    expect(only(person([], [roster('extreme_poverty', '2021-05-01')]), '2022-11-21'))
      .toMatchObject({ status: 'PENDING', expectedPersonal: 0, expectedAssistance: 35000, collectedAssistance: 0, benefitStart: null });
    expect(only(person([], [roster('extreme_poverty', '2021-05-01')]), '2023-01-01')).toMatchObject({ status: 'NOT_ENROLLED' });
  });

  it('nothing paid is net: an assistance payment reversed whole, or only fiscal money, is nothing paid', () => {
    expect(decideStatus({ ...full, hasPayments: true })).toBe('PENDING');
    const reversed = [pay('2022-10-01', 350, { payerType: 'assistance' }), pay('2022-10-08', -350, { payerType: 'assistance' })];
    expect(only(person(reversed, [roster('extreme_poverty', '2021-05-01')]), '2022-11-21')).toMatchObject({ status: 'PENDING' });
    expect(only(person([pay('2022-10-01', 350, { payerType: 'fiscal' })], [roster('extreme_poverty', '2021-05-01')]), '2022-11-21'))
      .toMatchObject({ status: 'PENDING' });
  });

  it('something paid: the status is about the personal obligation (OK with E = 0), assistance short is a flag', () => {
    expect(decideStatus({ ...full, collectedAssistance: 10000, hasPayments: true })).toBe('OK');
    expect(decideStatus({ ...full, collectedPersonal: 100, hasPayments: true })).toBe('OVERPAID');
  });

  it('nothing owed (E = A = 0: standard 0): OK, not waiting for anything', () => {
    expect(decideStatus({ ...full, subsidy: 0, hasPayments: true, entitled: false })).toBe('OK');
  });

  it('no deadline (a region where the person is not enrolled): never PENDING', () => {
    expect(decideStatus({ ...full, deadline: null, hasPayments: true })).toBe('OK');
  });
});
