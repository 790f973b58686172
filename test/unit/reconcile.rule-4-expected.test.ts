import { describe, expect, it } from 'vitest';
import { expectedAmounts, regionPolicy, unknownAmounts } from '../../src/reconcile/rules/expected.js';
import { chainOf } from '../helpers/facts.js';

describe('rule 4: expected amounts', () => {
  const chain = chainOf({
    personal_standard: { resident: { '1': 35000 } }, collection_window: { start: '2022-09-01', end: '2022-12-31' },
    citations: { personal_standard: 'std', collection_window: 'win' },
  });

  it('reads the standard of the payment\'s category and tier, and the window, with their citations', () => {
    expect(regionPolicy(chain, 'resident', '1')).toMatchObject({
      standard: { value: 35000, citation: 'std' }, window: { value: { end: '2022-12-31' }, citation: 'win' },
    });
    expect(regionPolicy(chain, 'veteran', '1')).toMatchObject({ standard: { value: 35000 } }); // a category absent everywhere pays the resident standard
    expect(regionPolicy(chain, 'vocational_student', '1')).toMatchObject({ standard: { value: 35000 } });
  });

  it('a 大中专学生 (student_unspecified) never takes the resident standard: a gap unless the chain sets its own (spec 2.1 v2)', () => {
    expect(regionPolicy(chain, 'student_unspecified', '1')).toEqual({ gaps: ['personal_standard.student_unspecified.1'] });
    const set = chainOf({
      personal_standard: { resident: { '1': 35000 }, student_unspecified: { '1': 20000 } }, collection_window: { start: '2022-09-01', end: '2022-12-31' },
    });
    expect(regionPolicy(set, 'student_unspecified', '1')).toMatchObject({ standard: { value: 20000 } });
  });

  it('an absent standard or window is a gap naming each key', () => {
    expect(regionPolicy(chain, 'resident', '2')).toEqual({ gaps: ['personal_standard.resident.2'] });
    expect(regionPolicy(chainOf({}), 'resident', '1')).toEqual({ gaps: ['personal_standard.resident.1', 'collection_window'] });
  });

  it('E = standard − S, A = S; unknown where a gap leaves them so', () => {
    expect(expectedAmounts(35000, 32000)).toEqual({ standard: 35000, subsidy: 32000, personal: 3000, assistance: 32000, gaps: [] });
    expect(unknownAmounts(['assistance.minimum_living'], 35000)).toEqual({
      standard: 35000, subsidy: null, personal: null, assistance: null, gaps: ['assistance.minimum_living'],
    });
  });
});
