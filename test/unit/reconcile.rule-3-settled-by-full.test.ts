import { describe, expect, it } from 'vitest';
import { entitledAssistance } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, only, pay, person, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const chain = chainOf({ assistance: { extreme_poverty: 'full', orphan: 50000, minimum_living: 32000, severe_disability: 'set_locally' } });
const assess = (...entries: ReturnType<typeof roster>[]) => entitledAssistance({
  roster: entries, regionCode: '360702', chain, window, standard: 35000, asOf: '2023-04-15', payments: [pay('2022-10-10', 350)],
  startWithoutLate: () => ({ kind: 'unknown' }),
});

describe('rule 3 (v2): a gap that cannot change S is no gap (就高原则, values capped at the standard)', () => {
  it('a known value equal to the standard settles S: no gap for another entry\'s unknown value or undecided counting', () => {
    const r = assess(roster('extreme_poverty', '2021-01-01'), roster('severe_disability', '2021-01-01'));
    expect(r).toMatchObject({ subsidy: 35000, gaps: [], flags: ['MULTIPLE_ASSISTANCE'], giving: { entry: { category: 'extreme_poverty' } } });
    // a fixed amount capped at the standard settles it too
    expect(assess(roster('orphan', '2021-01-01'), roster('severe_disability', '2021-01-01'))).toMatchObject({ subsidy: 35000, gaps: [] });
    // ended before enrollment, undecided in this chain: whether it counts cannot change S either (and it is not counted)
    const ended = assess(roster('minimum_living', '2022-01-01', '2022-09-15'), roster('extreme_poverty', '2022-09-20'));
    expect(ended).toMatchObject({ subsidy: 35000, gaps: [], flags: [] });
  });

  it('a known maximum below the standard leaves the gap: the unknown could be higher', () => {
    const r = assess(roster('minimum_living', '2021-01-01'), roster('severe_disability', '2021-01-01'));
    expect(r).toMatchObject({ subsidy: 32000, gaps: ['assistance.severe_disability'] });
    expect(assess(roster('severe_disability', '2021-01-01'))).toMatchObject({ subsidy: 0, gaps: ['assistance.severe_disability'] });
  });

  it('with the shipped policies: Nanchang 特困 + 重度残疾 (set_locally), Ganzhou 特困 beside an ended 低保: the money is known', () => {
    const nanchang = only(person([pay('2022-10-10', 350, { regionCode: '360102' })], [
      roster('extreme_poverty', '2021-01-01', null, '360102'), roster('severe_disability', '2021-01-01', null, '360102'),
    ]), '2023-04-15');
    expect(nanchang).toMatchObject({
      status: 'OVERPAID', subsidy: 35000, expectedPersonal: 0, refundDue: 35000, assistanceCategory: 'extreme_poverty',
      flags: ['ASSISTANCE_UNPAID', 'MULTIPLE_ASSISTANCE'],
    });
    expect(nanchang.actions).not.toContain('REVIEW');
    const ganzhou = only(person([pay('2022-10-10', 350)], [
      roster('minimum_living', '2022-01-01', '2022-09-15'), roster('extreme_poverty', '2022-09-20'),
    ]), '2023-04-15');
    expect(ganzhou).toMatchObject({ subsidy: 35000, expectedPersonal: 0, assistanceCategory: 'extreme_poverty', flags: ['ASSISTANCE_UNPAID'] });
    expect(ganzhou.status).not.toBe('POLICY_GAP');
    expect(ganzhou.actions).not.toContain('REVIEW');
  });
});
