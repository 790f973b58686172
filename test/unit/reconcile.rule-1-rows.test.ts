import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/db/result-status.js';
import type { ResultRow } from '../../src/reconcile/person-facts.js';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { groupByRegion } from '../../src/reconcile/region-groups.js';
import { chooseRosterOnlyRow, regionRow, rosterOnlyCandidates } from '../../src/reconcile/rules/rows.js';
import { ctx, pay, person, roster } from '../helpers/facts.js';

describe('rule 1: the rows of a person', () => {
  it('a region row takes name, category and tier from the latest positive payment, and spans its payment dates', () => {
    const [group] = groupByRegion([
      pay('2022-10-05', 350, { name: '甲' }), pay('2022-09-20', 375, { tier: '2', name: '乙' }), pay('2022-11-01', -350, { name: '丙' }),
    ]);
    const entries = [roster('minimum_living', '2022-01-01')];
    expect(regionRow(group!, 'secondary', entries)).toMatchObject({
      regionCode: '360702', role: 'secondary', name: '乙', tier: '2', netPersonal: 37500, netAssistance: 0,
      firstPaidAt: '2022-09-20', lastPaidAt: '2022-11-01', roster: entries,
    });
  });

  it('a person who paid nothing has one candidate per roster entry, in region-code order, a resident of tier 1 on that entry alone', () => {
    const a = roster('minimum_living', '2022-01-01', null, '500101');
    const b = roster('extreme_poverty', '2022-01-01', null, '360702');
    expect(rosterOnlyCandidates([a, b])).toEqual([
      expect.objectContaining({ regionCode: '360702', role: 'primary', category: 'resident', tier: '1', payments: [], netPersonal: 0, roster: [b], firstPaidAt: null }),
      expect.objectContaining({ regionCode: '500101', roster: [a] }),
    ]);
  });

  const candidate = (regionCode: string, subsidy: number | null, status: Status = 'NOT_ENROLLED') =>
    ({ row: { regionCode, subsidy, status } as ResultRow });

  it('keeps the candidate giving the highest value; among equals the first (lower code)', () => {
    expect(chooseRosterOnlyRow([candidate('360702', 32000), candidate('500101', 35000), candidate('510100', 35000)])?.row.regionCode).toBe('500101');
  });

  it('an entry giving nothing is no row; a policy gap is kept so the person is seen, until an entry gives a value', () => {
    expect(chooseRosterOnlyRow([candidate('360702', 0, 'OK')])).toBeNull();
    expect(chooseRosterOnlyRow([candidate('410800', null, 'POLICY_GAP')])?.row.regionCode).toBe('410800');
    expect(chooseRosterOnlyRow([candidate('410800', null, 'POLICY_GAP'), candidate('500101', 32000)])?.row.regionCode).toBe('500101');
  });
});

describe('rule 1 (v2): the roster-only row, through reconcilePerson', () => {
  it('is in the region of the entry giving the highest value, not of a same-province entry that gives nothing; rule 3 there reads all entries', () => {
    // 360100's entry ended before the window: no value there; the 360702 entry counts in both (one province) but the row is 360702's
    const ended = reconcilePerson(person([], [roster('minimum_living', '2020-01-01', '2021-12-31', '360100'), roster('minimum_living', '2022-01-01')]), ctx());
    expect(ended.rows.map((r) => [r.regionCode, r.subsidy])).toEqual([['360702', 32000]]);
    // two categories in one region: MULTIPLE_ASSISTANCE on the row (rule 3 over all entries), S the highest
    const two = reconcilePerson(person([], [roster('minimum_living', '2022-01-01'), roster('extreme_poverty', '2022-03-01')]), ctx());
    expect(two.rows).toEqual([expect.objectContaining({ regionCode: '360702', subsidy: 35000, assistanceCategory: 'extreme_poverty' })]);
    expect(two.rows[0]!.flags).toContain('MULTIPLE_ASSISTANCE');
  });
});
