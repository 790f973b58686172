import { describe, expect, it } from 'vitest';
import { entitledAssistance } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, only, pay, person, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const assess = (chain: ReturnType<typeof chainOf>, category = 'minimum_living') => entitledAssistance({
  roster: [roster(category, '2022-01-01', '2022-09-15')], regionCode: '360702', chain, window, standard: 35000, asOf: '2023-04-15',
  payments: [pay('2022-10-10', 350)], startWithoutLate: () => ({ kind: 'not_started' }),
});

describe('rule 3 (v2): a status in effect during the window that ended before the person enrolled', () => {
  it('decided by the chain\'s ended_before_enrollment for the category: counts, or does not', () => {
    const counts = chainOf({ assistance: { minimum_living: 32000 }, ended_before_enrollment: { minimum_living: 'counts' } });
    expect(assess(counts)).toMatchObject({ subsidy: 32000, gaps: [], flags: [] });
    const doesNot = chainOf({ assistance: { minimum_living: 32000 }, ended_before_enrollment: { minimum_living: 'does_not_count' } });
    expect(assess(doesNot)).toMatchObject({ subsidy: 0, counted: [], gaps: [], flags: [] });
  });

  it('undecided (the key absent for the category): POLICY_GAP:ended_before_enrollment', () => {
    const other = chainOf({ assistance: { minimum_living: 32000 }, ended_before_enrollment: { edge_of_poverty: 'does_not_count' } });
    expect(assess(other)).toMatchObject({ subsidy: 0, gaps: ['ended_before_enrollment'] });
  });

  it('a category valued "none" asks nothing (no gap: it brings nothing either way)', () => {
    expect(assess(chainOf({ assistance: { minimum_living: 'none' } }))).toMatchObject({ subsidy: 0, gaps: [] });
  });

  it('with the shipped policies (Ganzhou): edge_of_poverty does not count (三(一) transition period); minimum_living is a gap', () => {
    const edge = only(person([pay('2022-10-10', 350)], [roster('edge_of_poverty', '2022-01-01', '2022-09-15')]), '2023-04-15');
    expect(edge).toMatchObject({ status: 'OK', subsidy: 0, expectedPersonal: 35000, refundDue: 0, flags: [] });
    const low = only(person([pay('2022-10-10', 350)], [roster('minimum_living', '2022-01-01', '2022-09-15')]), '2023-04-15');
    expect(low).toMatchObject({ status: 'POLICY_GAP', expectedPersonal: null, flags: ['POLICY_GAP:ended_before_enrollment'] });
  });
});
