import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, only, pay, person, roster } from '../helpers/facts.js';

describe('rule 3 (v2): an entry counts only in its own province', () => {
  it('a Ganzhou 低保 does not count for a person enrolled in Chongqing: ASSISTED_ELSEWHERE, S 0', () => {
    const r = only(person([pay('2022-11-01', 350, { regionCode: '500101' })], [roster('minimum_living', '2022-01-01', null, '360702')]));
    expect(r).toMatchObject({ regionCode: '500101', status: 'OK', subsidy: 0, expectedPersonal: 35000, flags: ['ASSISTED_ELSEWHERE'] });
  });

  it('an entry of another region of the same province counts (the first two digits decide)', () => {
    const r = only(person([pay('2022-10-01', 30)], [roster('minimum_living', '2022-01-01', null, '360100')]));
    expect(r).toMatchObject({ regionCode: '360702', subsidy: 32000, flags: ['ASSISTANCE_UNPAID'] });
  });

  it('an entry of another province that ended before the window, or begins after D, is not flagged (it concerns no part of the year known on D)', () => {
    const ended = only(person([pay('2022-11-01', 350, { regionCode: '500101' })], [roster('minimum_living', '2020-01-01', '2021-12-31', '360702')]));
    expect(ended.flags).toEqual([]);
    const future = only(person([pay('2022-11-01', 350, { regionCode: '500101' })], [roster('minimum_living', '2023-07-01', null, '360702')]), '2023-06-01');
    expect(future.flags).toEqual([]);
  });

  it('an entry of its own province counts beside a flagged one', () => {
    const r = only(person([pay('2022-11-01', 0, { regionCode: '500101' })], [roster('extreme_poverty', '2022-01-01', null, '500101'), roster('minimum_living', '2022-01-01', null, '360702')]));
    expect(r).toMatchObject({ subsidy: 35000, assistanceCategory: 'extreme_poverty', flags: ['ASSISTANCE_UNPAID', 'ASSISTED_ELSEWHERE'] });
  });

  it('rule 1: a roster-only person is in the region of the entry giving the highest value, and rule 3 there flags the other province', () => {
    const { rows } = reconcilePerson(person([], [roster('minimum_living', '2022-01-01', null, '360702'), roster('extreme_poverty', '2022-01-01', null, '500101')]), ctx());
    expect(rows).toEqual([expect.objectContaining({ regionCode: '500101', status: 'NOT_ENROLLED', subsidy: 35000, flags: ['ASSISTANCE_UNPAID', 'ASSISTED_ELSEWHERE'] })]);
  });
});
