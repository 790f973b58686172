import { describe, expect, it } from 'vitest';
import type { CountedEntry } from '../../src/reconcile/rules/entitled-assistance.js';
import {
  assistanceFlags, deadlineOf, decidedByMoney, decideStatus, hasNameMismatch, paidBeforeRecognition, undecidedDeadlineFlag, type StatusInputs,
} from '../../src/reconcile/rules/status.js';
import { STATUSES } from '../../src/db/result-status.js';
import { pay, person, roster } from '../helpers/facts.js';

/** A person of Ganzhou who paid the whole 350.00 in the window, seen after it: OK. */
const base: StatusInputs = {
  duplicateEnrollment: false, policyGap: false, collectedPersonal: 35000, collectedAssistance: 0, expectedPersonal: 35000, subsidy: 0,
  paidBeforeRecognition: false, asOf: '2023-01-01', deadline: { date: '2022-12-31', latest: null, gap: null }, hasPayments: true, entitled: false,
};

describe('rule 6: the status, first that holds', () => {
  it('walks the whole order, one status at a time', () => {
    const cases: [Partial<StatusInputs>, string][] = [
      [{ duplicateEnrollment: true, policyGap: true, collectedPersonal: 70000 }, 'DUPLICATE_ENROLLMENT'],
      [{ policyGap: true, collectedPersonal: 70000 }, 'POLICY_GAP'],
      [{ expectedPersonal: null }, 'POLICY_GAP'],
      [{ insuredAsEmployee: true, collectedPersonal: 0, hasPayments: false, entitled: true, asOf: '2022-12-31' }, 'INSURED_AS_EMPLOYEE'],
      [{ expectedPersonal: 3000, subsidy: 32000, paidBeforeRecognition: true }, 'REFUND_DUE'],
      [{ expectedPersonal: 3000, subsidy: 32000 }, 'OVERPAID'],
      [{ collectedPersonal: 10000, asOf: '2022-12-31' }, 'PENDING'],
      [{ collectedPersonal: 0, hasPayments: false, entitled: true }, 'NOT_ENROLLED'],
      [{ collectedPersonal: 0 }, 'UNPAID'],
      [{ collectedPersonal: 10000 }, 'UNDERPAID'],
      [{}, 'OK'],
    ];
    expect(cases.map(([inputs]) => decideStatus({ ...base, ...inputs }))).toEqual(cases.map(([, status]) => status));
    expect(new Set(cases.map(([, s]) => s))).toEqual(new Set(STATUSES));
  });

  it('a region with no deadline (the person is enrolled elsewhere) is never PENDING', () => {
    expect(decideStatus({ ...base, collectedPersonal: -100, expectedPersonal: 0, deadline: null, asOf: '2022-10-01' })).toBe('UNDERPAID');
  });

  it('the deadline is the window end, or assisted_end for a fixed-amount assisted person where the region sets one', () => {
    const window = { start: '2022-09-01', end: '2022-12-31', assisted_end: '2023-03-31' };
    expect([deadlineOf(window, false), deadlineOf(window, true), deadlineOf({ ...window, assisted_end: undefined }, true)].map((d) => [d.date, d.latest]))
      .toEqual([['2022-12-31', null], ['2023-03-31', null], ['2022-12-31', null]]);
  });

  it('(v2) undecided: end_latest after end for everyone, assisted_end_latest without assisted_end for the fixed-amount assisted', () => {
    const jiangxi = { start: '2022-09-01', end: '2022-12-31', end_latest: '2023-03-31' };
    expect(deadlineOf(jiangxi, false)).toEqual({ date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.end' });
    expect(deadlineOf({ ...jiangxi, end_latest: '2022-12-31' }, false)).toEqual({ date: '2022-12-31', latest: null, gap: null });
    const ganzhou = { start: '2022-09-01', end: '2022-12-31', end_latest: '2022-12-31', assisted_end_latest: '2023-03-31' };
    expect(deadlineOf(ganzhou, true)).toEqual({ date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.assisted_end' });
    expect(deadlineOf(ganzhou, false)).toEqual({ date: '2022-12-31', latest: null, gap: null }); // full assistance keeps end
    expect(deadlineOf({ ...ganzhou, assisted_end: '2023-02-28' }, true)).toEqual({ date: '2023-02-28', latest: null, gap: null });
  });

  it('(v2) PENDING until the latest date while the deadline is undecided; flagged once the certain date has passed', () => {
    const deadline = { date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.end' as const };
    expect(decideStatus({ ...base, collectedPersonal: 0, asOf: '2023-03-31', deadline })).toBe('PENDING');
    expect(decideStatus({ ...base, collectedPersonal: 0, asOf: '2023-04-01', deadline })).toBe('UNPAID');
    expect([undecidedDeadlineFlag(deadline, '2022-12-31'), undecidedDeadlineFlag(deadline, '2023-01-01'), undecidedDeadlineFlag(base.deadline, '2023-01-01')])
      .toEqual([null, 'POLICY_GAP:collection_window.end', null]);
  });

  it('paid before the recognition: the earliest positive personal payment precedes the entry giving S', () => {
    const giving = { entry: roster('minimum_living', '2022-11-03') } as CountedEntry;
    expect(paidBeforeRecognition([pay('2022-09-20', 350)], giving)).toBe(true);
    expect(paidBeforeRecognition([pay('2022-09-20', 0), pay('2022-11-03', 30)], giving)).toBe(false);
    expect(paidBeforeRecognition([pay('2022-09-20', 320, { payerType: 'assistance' })], giving)).toBe(false);
    expect(paidBeforeRecognition([pay('2022-09-20', 350)], null)).toBe(false);
  });

  it('a duplicate enrollment and a policy gap are not decided by the money', () => {
    expect(STATUSES.filter((s) => !decidedByMoney(s))).toEqual(['DUPLICATE_ENROLLMENT', 'POLICY_GAP']);
  });

  it('independently: ASSISTANCE_UNPAID / ASSISTANCE_OVERPAID against A, NAME_MISMATCH across the inputs', () => {
    expect([assistanceFlags(0, 32000), assistanceFlags(35000, 32000), assistanceFlags(32000, 32000)])
      .toEqual([['ASSISTANCE_UNPAID'], ['ASSISTANCE_OVERPAID'], []]);
    expect(hasNameMismatch(person([pay('2022-10-01', 350)], [roster('minimum_living', '2022-01-01')]))).toBe(false);
    expect(hasNameMismatch(person([pay('2022-10-01', 350)], [roster('minimum_living', '2022-01-01', null, '360702', '某乙')]))).toBe(true);
  });
});
