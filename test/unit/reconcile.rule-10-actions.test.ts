import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/db/result-status.js';
import type { Flag } from '../../src/reconcile/person-facts.js';
import { actionsOf, sortedFlags, type ActionInputs } from '../../src/reconcile/rules/actions.js';

/** A Ganzhou resident who paid the whole 350.00 in the window, seen after the deadline: OK, nothing to do. */
const base: ActionInputs = {
  status: 'OK', flags: [], refunds: [], collectedPersonal: 35000, expectedPersonal: 35000, collectedAssistance: 0, expectedAssistance: 0,
  deadline: { date: '2022-12-31', latest: null, gap: null }, asOf: '2023-04-15',
};
const actions = (a: Partial<ActionInputs>) => actionsOf({ ...base, ...a }).join(';');

describe('rule 10: what someone must do about a row, in the spec order', () => {
  it('a row with nothing to do has no action', () => {
    expect(actions({})).toBe('');
  });

  it('each action on its own', () => {
    expect(actions({ status: 'OVERPAID', refunds: [{ payee: 'person' }] })).toBe('REFUND_PERSON');
    expect(actions({ refunds: [{ payee: 'assistance_fund' }] })).toBe('REFUND_FUND');
    expect(actions({ status: 'UNDERPAID', collectedPersonal: 20000 })).toBe('COLLECT_PERSON');
    expect(actions({ collectedPersonal: 3000, expectedPersonal: 3000, expectedAssistance: 32000 })).toBe('COLLECT_FUND');
    expect(actions({ status: 'POLICY_GAP', expectedPersonal: null, expectedAssistance: null })).toBe('REVIEW');
  });

  it('OK with COLLECT_FUND: status is about the personal obligation, actions about all money (spec 4.11)', () => {
    expect(actions({ status: 'OK', collectedPersonal: 3000, expectedPersonal: 3000, expectedAssistance: 32000, flags: ['ASSISTANCE_UNPAID'] }))
      .toBe('COLLECT_FUND');
  });

  it('lists several in the spec order: REFUND_PERSON, REFUND_FUND, COLLECT_PERSON, COLLECT_FUND, ENROLL, SUSPEND_BENEFITS, REVIEW', () => {
    expect(actions({
      status: 'REFUND_DUE', refunds: [{ payee: 'assistance_fund' }, { payee: 'person' }], collectedPersonal: 35000, expectedPersonal: 3000,
      collectedAssistance: 0, expectedAssistance: 32000, flags: ['NAME_MISMATCH'],
    })).toBe('REFUND_PERSON;REFUND_FUND;COLLECT_FUND;REVIEW');
    expect(actions({ status: 'UNDERPAID', collectedPersonal: 0, expectedPersonal: 3000, expectedAssistance: 32000, refunds: [{ payee: 'person' }] }))
      .toBe('REFUND_PERSON;COLLECT_PERSON;COLLECT_FUND');
    expect(ACTIONS).toEqual(['REFUND_PERSON', 'REFUND_FUND', 'COLLECT_PERSON', 'COLLECT_FUND', 'ENROLL', 'SUSPEND_BENEFITS', 'REVIEW']);
  });

  it('NOT_ENROLLED: ENROLL instead of the two collect actions', () => {
    expect(actions({ status: 'NOT_ENROLLED', collectedPersonal: 0, expectedPersonal: 3000, expectedAssistance: 32000 })).toBe('ENROLL');
  });

  it('collects only after the deadline; an undecided deadline has not passed until its latest date', () => {
    const short = { status: 'PENDING' as const, collectedPersonal: 0, expectedAssistance: 32000 };
    expect(actions({ ...short, asOf: '2022-12-31' })).toBe('');
    const undecided = { date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.end' as const };
    expect(actions({ ...short, deadline: undecided, asOf: '2023-03-31' })).toBe('');
    expect(actions({ ...short, status: 'UNPAID', deadline: undecided, asOf: '2023-04-01' })).toBe('COLLECT_PERSON;COLLECT_FUND');
    // A region where the person is not enrolled has no deadline, and expects nothing to be collected.
    expect(actions({ status: 'DUPLICATE_ENROLLMENT', expectedPersonal: 0, deadline: null, refunds: [{ payee: 'person' }] })).toBe('REFUND_PERSON');
  });

  it('REVIEW for NAME_MISMATCH, ASSISTED_ELSEWHERE and gaps that leave money or a follow-up unknown; date-only gaps add nothing', () => {
    expect(actions({ flags: ['NAME_MISMATCH'] })).toBe('REVIEW');
    expect(actions({ flags: ['ASSISTED_ELSEWHERE' as Flag] })).toBe('REVIEW');
    expect(actions({ flags: ['POLICY_GAP:suspend_during_employee_insurance'] })).toBe('REVIEW');
    for (const key of ['waiting_days', 'benefit_start', 'newborn_grace_days', 'collection_window.end', 'collection_window.assisted_end',
      'waiting_exempt_after_employee_months']) {
      expect(actions({ flags: [`POLICY_GAP:${key}`, 'LATE_PAYMENT'] }), key).toBe('');
    }
    // other flags ask for nothing by themselves
    expect(actions({ flags: ['REVERSED', 'LATE_PAYMENT', 'MULTIPLE_ASSISTANCE', 'LATE_RECOGNITION_NO_REFUND', 'FISCAL_PAID'] })).toBe('');
  });
});

describe('rule 11: flags sorted alphabetically', () => {
  it('sorts codes, POLICY_GAP:<key> among them', () => {
    expect(sortedFlags(['REVERSED', 'POLICY_GAP:waiting_days', 'LATE_PAYMENT', 'ASSISTANCE_UNPAID', 'NAME_MISMATCH']))
      .toEqual(['ASSISTANCE_UNPAID', 'LATE_PAYMENT', 'NAME_MISMATCH', 'POLICY_GAP:waiting_days', 'REVERSED']);
  });
});
