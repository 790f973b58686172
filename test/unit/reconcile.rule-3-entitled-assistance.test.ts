import { describe, expect, it } from 'vitest';
import { entitledAssistance, type StartWithoutLate } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, pay, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const chain = chainOf({
  assistance: { minimum_living: 32000, extreme_poverty: 'full', returned_to_poverty: 'set_locally', low_income_minor: 50000, sudden_hardship: 'none' },
  late_recognition: { unenrolled: 'assist', in_benefit_period: 'no_refund' },
  citations: { assistance: '三(一)' },
});
const inBenefit = (): StartWithoutLate => ({ kind: 'date', date: '2023-01-01' });
const assess = (entries: ReturnType<typeof roster>[], payments = [pay('2022-10-01', 30)], asOf = '2023-06-01') =>
  entitledAssistance({ roster: entries, regionCode: '360702', chain, window, standard: 35000, asOf, payments, startWithoutLate: inBenefit });

describe('rule 3: entitled assistance S', () => {
  it('an entry in effect on the reference date counts; one that ended before the window opened does not', () => {
    expect(assess([roster('minimum_living', '2022-01-01', '2022-10-01')])).toMatchObject({ subsidy: 32000, flags: [], gaps: [] });
    expect(assess([roster('minimum_living', '2022-01-01', '2022-08-31')]).subsidy).toBe(0);
  });

  it('an entry not yet in effect on the as-of date does not count', () => {
    expect(assess([roster('minimum_living', '2023-02-01')], [], '2023-01-31').subsidy).toBe(0);
  });

  it('recognised after the window: counts (late) for a person who had not paid; not for one in the benefit period (LATE_RECOGNITION_NO_REFUND)', () => {
    const unpaid = assess([roster('minimum_living', '2023-02-01')], [pay('2023-02-10', 30)]);
    expect(unpaid).toMatchObject({ subsidy: 32000, giving: { late: true } });
    const paid = assess([roster('minimum_living', '2023-02-01')], [pay('2022-10-01', 350)]);
    expect(paid).toMatchObject({ subsidy: 0, giving: null, flags: ['LATE_RECOGNITION_NO_REFUND'] });
    // (v2) "enrolled" is the net of all the person's payments before the recognition, any payer type (P likewise)
    const assistancePaid = assess([roster('minimum_living', '2023-02-01')], [pay('2022-10-01', 350, { payerType: 'assistance' })]);
    expect(assistancePaid).toMatchObject({ subsidy: 0, flags: ['LATE_RECOGNITION_NO_REFUND'] });
  });

  it('the highest value wins (就高原则), with its citation; several categories: MULTIPLE_ASSISTANCE', () => {
    const r = assess([roster('minimum_living', '2022-01-01'), roster('extreme_poverty', '2022-02-01')]);
    expect(r).toMatchObject({ subsidy: 35000, giving: { entry: { category: 'extreme_poverty' }, citations: ['三(一)'] }, flags: ['MULTIPLE_ASSISTANCE'] });
  });

  it('a fixed amount is capped at the standard; a category the policy says "none" for does not count', () => {
    expect(assess([roster('low_income_minor', '2022-01-01')]).subsidy).toBe(35000);
    expect(assess([roster('sudden_hardship', '2022-01-01')])).toMatchObject({ subsidy: 0, counted: [], gaps: [] });
    expect(assess([roster('sudden_hardship', '2022-01-01'), roster('minimum_living', '2022-01-01')]).flags).toEqual([]); // not MULTIPLE_ASSISTANCE
  });

  it('(v2) a category absent from the whole chain counts with its amount unknown: a gap, never silence', () => {
    expect(assess([roster('orphan', '2022-01-01')])).toMatchObject({ subsidy: 0, gaps: ['assistance.orphan'], counted: [{ amount: null }] });
  });

  it('"set_locally": counted as assisted, its amount a gap naming the key', () => {
    expect(assess([roster('returned_to_poverty', '2022-01-01')])).toMatchObject({ subsidy: 0, gaps: ['assistance.returned_to_poverty'] });
  });
});
