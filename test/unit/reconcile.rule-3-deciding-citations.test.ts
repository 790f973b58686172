import { describe, expect, it } from 'vitest';
import { PolicyChain } from '../../src/policy/policy-chain.js';
import { entitledAssistance } from '../../src/reconcile/rules/entitled-assistance.js';
import { only, pay, person, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
/** A city that links severe_disability to its province's minimum_living, and a late recognition rule at the province. */
const chain = new PolicyChain('360702', 2023, [
  { region_code: '360700', coverage_year: 2023, assistance: { severe_disability: { same_as: 'minimum_living' } }, citations: { assistance: 'C 二; P 三(一)' } },
  {
    region_code: '360000', coverage_year: 2023, assistance: { minimum_living: 32000 }, late_recognition: { unenrolled: 'assist' },
    citations: { assistance: 'P 三(一)', late_recognition: 'P 三(二)' },
  },
]);
const givingOf = (entry: ReturnType<typeof roster>, payments = [pay('2022-10-01', 30)]) => entitledAssistance({
  roster: [entry], regionCode: '360702', chain, window, standard: 35000, asOf: '2023-04-15', payments, startWithoutLate: () => ({ kind: 'unknown' }),
}).giving;

describe('rule 3: the row cites the clauses that decided S, from its chain, each once', () => {
  it('a same_as value cites the level stating the amount and the level that set the link, clause by clause', () => {
    expect(givingOf(roster('severe_disability', '2022-01-01'))).toMatchObject({ amount: 32000, citations: ['P 三(一)', 'C 二'] });
    expect(givingOf(roster('minimum_living', '2022-01-01'))).toMatchObject({ citations: ['P 三(一)'] });
  });

  it('an entry counted through late_recognition unenrolled cites the late_recognition clause', () => {
    expect(givingOf(roster('minimum_living', '2023-02-01'), [pay('2023-04-10', 30)])).toMatchObject({ late: true, citations: ['P 三(一)', 'P 三(二)'] });
  });

  it('with the shipped policies (Ganzhou): 重度残疾 cites 赣市医保字〔2022〕24号 二; a late 低保 cites 三(二); no clause twice', () => {
    const disabled = only(person([pay('2022-10-01', 30)], [roster('severe_disability', '2022-01-01')]), '2023-04-15');
    expect(disabled.rule).toContain('赣市医保字〔2022〕24号 二');
    expect(disabled.rule).toContain('赣医保发〔2022〕14号 三(一)');
    const late = only(person([pay('2023-04-10', 30), pay('2023-04-10', 320, { payerType: 'assistance' })], [roster('minimum_living', '2023-02-01')]), '2023-04-15');
    expect(late.rule).toContain('赣医保发〔2022〕14号 三(二)');
    for (const row of [disabled, late]) {
      const clauses = row.rule.flatMap((c) => c.split('; '));
      expect(clauses).toEqual([...new Set(clauses)]);
    }
  });
});
