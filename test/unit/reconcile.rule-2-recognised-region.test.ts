import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { ctx, pay, person, roster } from '../helpers/facts.js';

/** A 中专 student paying 350 in Nanchang (360100, 学籍地) on 09-10, and 350 as a resident in Ganzhou (360700) on 10-01. */
const pays = [pay('2022-09-10', 350, { regionCode: '360100', category: 'vocational_student' }), pay('2022-10-01', 350, { regionCode: '360700' })];
const primaryOf = (entryRegion: string) =>
  reconcilePerson(person(pays, [roster('minimum_living', '2022-01-01', null, entryRegion)]), ctx('2023-04-15')).rows.find((r) => r.isPrimary)?.regionCode;

describe('rule 2 (v2): an assisted student may choose only a region that recognised them (四(三) "身份认定地区")', () => {
  it('recognised in the student region: the student region stays primary, the other enrollment is the duplicate', () => {
    const { rows, refunds } = reconcilePerson(person(pays, [roster('minimum_living', '2022-01-01', null, '360100')]), ctx('2023-04-15'));
    expect(rows.map((r) => [r.regionCode, r.isPrimary, r.status])).toEqual([
      ['360100', true, expect.not.stringMatching('DUPLICATE_ENROLLMENT')], ['360700', false, 'DUPLICATE_ENROLLMENT'],
    ]);
    expect(rows[0]).toMatchObject({ subsidy: 32000, expectedPersonal: 3000, assistanceCategory: 'minimum_living' });
    expect(refunds.map((r) => [r.regionCode, r.amount, r.reason])).toEqual([['360100', 32000, 'OVERPAID'], ['360700', 35000, 'DUPLICATE_ENROLLMENT']]);
  });

  it('recognised in the other region, or in one of its counties (same city): that region is primary', () => {
    expect(primaryOf('360700')).toBe('360700');
    expect(primaryOf('360702')).toBe('360700');
    expect(primaryOf('360402')).toBe('360100'); // Jiujiang: same province, another city
  });
});
