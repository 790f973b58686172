import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, only, pay, person, roster } from '../helpers/facts.js';

/** Spec 3 (v2): every citation a row carries comes from its own region's chain; no document number in code. */
describe('citations come from the row\'s own policy chain', () => {
  const dupOf = (regionCode: string, other: string, extra = {}) => {
    const { rows, refunds } = reconcilePerson(person([pay('2022-10-01', 350, { regionCode: other, ...extra }), pay('2022-11-01', 350, { regionCode })]), ctx());
    const row = rows.find((r) => r.regionCode === regionCode)!;
    expect(row.status).toBe('DUPLICATE_ENROLLMENT');
    return { rule: row.rule, refundRule: refunds.find((r) => r.regionCode === regionCode)!.rule };
  };

  it('a Chongqing duplicate enrollment cites the national clause (医保发〔2022〕20号 八), never a Jiangxi one', () => {
    const { rule, refundRule } = dupOf('500101', '360702');
    expect(rule).toEqual(['医保发〔2022〕20号 八']);
    expect(refundRule).toEqual(['医保发〔2022〕20号 八']);
  });

  it('a Ganzhou duplicate enrollment cites 八, and 四(三) when a student payment chose the primary region', () => {
    expect(dupOf('360702', '500101').rule).toEqual(['医保发〔2022〕20号 八']);
    expect(dupOf('360702', '500101', { category: 'student' }).rule).toEqual(['医保发〔2022〕20号 八', '赣医保发〔2022〕14号 四(三)']);
  });

  it('REFUND_DUE cites the chain\'s assistance clause, and 三(二) only where the chain carries it', () => {
    const refundOf = (regionCode: string) => {
      const { rows, refunds } = reconcilePerson(person([pay('2022-11-01', 350, { regionCode })], [roster('extreme_poverty', '2022-12-01', null, regionCode)]), ctx());
      expect(rows[0]!.status).toBe('REFUND_DUE');
      return refunds[0]!.rule;
    };
    const chongqing = refundOf('500101');
    expect(chongqing).toContain('医保发〔2022〕20号 三');
    expect(chongqing.join('; ')).not.toContain('赣');
    expect(refundOf('360702')).toEqual(expect.arrayContaining(['赣医保发〔2022〕14号 三(一)', '赣医保发〔2022〕14号 三(二)']));
  });
});

describe('(v2) a roster category absent from the whole chain is a gap, never silence', () => {
  it('a roster-only person whose group the chain does not value gets a POLICY_GAP row (rule 1), money blank', () => {
    const r = only(person([], [roster('sudden_hardship', '2022-06-01', null, '500101')]));
    expect(r).toMatchObject({ regionCode: '500101', status: 'POLICY_GAP', expectedPersonal: null, variance: null, refundDue: 0 });
    expect(r.flags).toContain('POLICY_GAP:assistance.sudden_hardship');
  });

  it('a Ganzhou severe-disability person who paid nothing is a row at the 定额 rate', () => {
    const r = only(person([], [roster('severe_disability', '2022-06-01')]), '2023-04-01');
    expect(r).toMatchObject({ status: 'NOT_ENROLLED', subsidy: 32000, assistanceCategory: 'severe_disability' });
  });
});
