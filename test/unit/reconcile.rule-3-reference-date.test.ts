import { describe, expect, it } from 'vitest';
import { entitledAssistance, referenceDate } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, pay, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const chain = chainOf({ assistance: { minimum_living: 32000 }, ended_before_enrollment: { minimum_living: 'does_not_count' } });
const subsidy = (payments: ReturnType<typeof pay>[], to: string, asOf = '2023-06-01') => entitledAssistance({
  roster: [roster('minimum_living', '2022-01-01', to)], regionCode: '360702', chain, window, standard: 35000, asOf, payments,
  startWithoutLate: () => { throw new Error('not asked for an entry beginning inside the window'); },
}).subsidy;

describe('rule 3 (v2): the reference date', () => {
  it('P when P is on or before the window end; the window end when P is after it', () => {
    expect(referenceDate([pay('2022-10-10', 350)], window, '2023-06-01')).toBe('2022-10-10');
    expect(referenceDate([pay('2022-12-31', 350)], window, '2023-06-01')).toBe('2022-12-31');
    expect(referenceDate([pay('2023-02-01', 350)], window, '2023-06-01')).toBe('2022-12-31');
  });

  it('P is the first positive payment of any payer type (an assistance payment enrols too; a reversal alone does not)', () => {
    expect(referenceDate([pay('2022-11-01', 30), pay('2022-10-01', 320, { payerType: 'assistance' })], window, '2023-06-01')).toBe('2022-10-01');
    expect(referenceDate([pay('2022-10-01', -350), pay('2022-11-05', 350)], window, '2023-06-01')).toBe('2022-11-05');
  });

  it('nothing paid: the earlier of D and the window end', () => {
    expect(referenceDate([], window, '2022-11-15')).toBe('2022-11-15');
    expect(referenceDate([], window, '2023-06-01')).toBe('2022-12-31');
  });

  it('an entry ending on the reference date counts; one ending the day before is "ended before enrollment"', () => {
    expect(subsidy([pay('2022-10-10', 30)], '2022-10-10')).toBe(32000);
    expect(subsidy([pay('2022-10-10', 350)], '2022-10-09')).toBe(0);
    // paid after the window: the reference date is the window end
    expect(subsidy([pay('2023-02-01', 30)], '2022-12-31')).toBe(32000);
    expect(subsidy([pay('2023-02-01', 350)], '2022-12-30')).toBe(0);
    // nothing paid, as of a day inside the window: D
    expect(subsidy([], '2022-11-15', '2022-11-15')).toBe(32000);
    expect(subsidy([], '2022-11-14', '2022-11-15')).toBe(0);
  });

  it('an effective_to after D reads as open (the end was not known on D)', () => {
    expect(subsidy([], '2022-11-20', '2022-11-15')).toBe(32000);
    expect(subsidy([], '2022-11-20', '2022-12-31')).toBe(0);
  });
});
