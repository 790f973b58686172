import { describe, expect, it } from 'vitest';
import { entitledAssistance } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, only, pay, person, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const chain = chainOf({ assistance: { extreme_poverty: 'full', minimum_living: 32000, orphan: 50000, edge_of_poverty: { percent: 50 }, low_income_minor: { same_as: 'minimum_living' } } });
const giving = (category: string, standard = 35000) => entitledAssistance({
  roster: [roster(category, '2022-01-01')], regionCode: '360702', chain, window, standard, asOf: '2023-04-15', payments: [pay('2022-10-01', 0)],
  startWithoutLate: () => ({ kind: 'unknown' }),
}).giving;

describe('rule 3: full vs fixed-amount assistance', () => {
  it('full = the person\'s standard, marked full; a fixed amount, a percent or same_as a fixed amount is not full', () => {
    expect(giving('extreme_poverty', 72500)).toMatchObject({ amount: 72500, full: true });
    expect(giving('minimum_living')).toMatchObject({ amount: 32000, full: false });
    expect(giving('edge_of_poverty')).toMatchObject({ amount: 17500, full: false });
    expect(giving('low_income_minor')).toMatchObject({ amount: 32000, full: false });
  });

  it('a fixed amount is capped at the standard (and stays fixed-amount)', () => {
    expect(giving('orphan')).toMatchObject({ amount: 35000, full: false });
  });

  it('with the shipped policies (Ganzhou): a full-assistance person keeps the window end; a fixed-amount one may wait for assisted_end_latest', () => {
    // nothing paid yet by 2023-02-01: 特困 is past its deadline (NOT_ENROLLED); 低保 is PENDING, the county may still extend (gap flag)
    expect(only(person([], [roster('extreme_poverty', '2022-01-01')]), '2023-02-01')).toMatchObject({ status: 'NOT_ENROLLED', subsidy: 35000 });
    const fixed = only(person([], [roster('minimum_living', '2022-01-01')]), '2023-02-01');
    expect(fixed.subsidy).toBe(32000);
    expect(fixed.flags).toContain('POLICY_GAP:collection_window.assisted_end');
  });
});
