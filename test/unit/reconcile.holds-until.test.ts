import { describe, expect, it } from 'vitest';
import { earlierHold, Horizon } from '../../src/reconcile/holds-until.js';
import { deadlineHoldsUntil, owesSomething, type Deadline } from '../../src/reconcile/rules/status.js';

/**
 * Until which as-of date a result read off a deadline holds (issue 21: incremental nights recompute a
 * person once it has passed). Each answer of rules 6 and 10 changes the day after its date, so the result
 * holds until the first date not yet passed, and a row that owes nothing reads no deadline at all.
 */
const WINDOW: Deadline = { date: '2023-03-31', latest: null, gap: null };
const EXTENDABLE: Deadline = { date: '2023-03-31', latest: '2023-06-30', gap: null };

describe('deadlineHoldsUntil', () => {
  it('holds until the deadline while it has not passed, the deadline day itself included', () => {
    expect(deadlineHoldsUntil(WINDOW, '2023-03-15', true)).toBe('2023-03-31');
    expect(deadlineHoldsUntil(WINDOW, '2023-03-31', true)).toBe('2023-03-31');
  });

  it('holds for good once the deadline has passed', () => {
    expect(deadlineHoldsUntil(WINDOW, '2023-04-01', true)).toBeNull();
  });

  it('an extendable deadline: until the certain date, then until the latest one, then for good', () => {
    expect(deadlineHoldsUntil(EXTENDABLE, '2023-03-15', true)).toBe('2023-03-31');
    expect(deadlineHoldsUntil(EXTENDABLE, '2023-04-01', true)).toBe('2023-06-30');
    expect(deadlineHoldsUntil(EXTENDABLE, '2023-06-30', true)).toBe('2023-06-30');
    expect(deadlineHoldsUntil(EXTENDABLE, '2023-07-01', true)).toBeNull();
  });

  it('a row that owes nothing, or has no deadline, reads none: nothing dates its result', () => {
    expect(deadlineHoldsUntil(WINDOW, '2023-03-15', false)).toBeNull();
    expect(deadlineHoldsUntil(null, '2023-03-15', true)).toBeNull();
  });
});

describe('owesSomething', () => {
  const expected = { personal: 38000, assistance: 0, subsidy: 0 };
  it('owes while the personal part collected is below what is expected', () => {
    expect(owesSomething(35000, 0, expected)).toBe(true);
    expect(owesSomething(38000, 0, expected)).toBe(false);
    expect(owesSomething(40000, 0, expected)).toBe(false);
  });

  it('owes while the assistance fund has paid less than the assistance expected', () => {
    expect(owesSomething(0, 10000, { personal: 0, assistance: 38000, subsidy: 38000 })).toBe(true);
    expect(owesSomething(0, 38000, { personal: 0, assistance: 38000, subsidy: 38000 })).toBe(false);
  });

  it('an entitled person with nothing paid at all owes (PENDING), even when both expected parts are unknown', () => {
    expect(owesSomething(0, 0, { personal: null, assistance: null, subsidy: 38000 })).toBe(true);
    expect(owesSomething(0, 0, { personal: null, assistance: null, subsidy: 0 })).toBe(false);
  });
});

describe('the earliest date wins', () => {
  it('earlierHold: a date before no date, the earlier of two', () => {
    expect(earlierHold(null, '2023-03-31')).toBe('2023-03-31');
    expect(earlierHold('2023-06-30', null)).toBe('2023-06-30');
    expect(earlierHold('2023-06-30', '2023-03-31')).toBe('2023-03-31');
    expect(earlierHold(null, null)).toBeNull();
  });

  it('a Horizon keeps the earliest date noted for a person', () => {
    const h = new Horizon();
    for (const d of [null, '2023-06-30', '2023-03-31', null, '2023-12-31']) h.note(d);
    expect(h.until).toBe('2023-03-31');
  });
});
