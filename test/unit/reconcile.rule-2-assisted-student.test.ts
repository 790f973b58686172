import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { groupByRegion } from '../../src/reconcile/region-groups.js';
import { choosePrimaryRegion, duplicateEnrollmentCitations } from '../../src/reconcile/rules/primary-region.js';
import { chainOf, ctx, pay, person, roster } from '../helpers/facts.js';

/** A 中专 student paying 350 in Nanchang (360100, 学籍地) on 09-05; a Ganzhou 低保 enrolled in 360702 with 320 from the fund and 30 on 09-15. */
const studentPays = (studyRegion = '360100') => [
  pay('2022-09-05', 350, { regionCode: studyRegion, category: 'vocational_student' }),
  pay('2022-09-15', 320, { payerType: 'assistance' }), pay('2022-09-15', 30),
];

describe('rule 2 (v2): an assisted student may enrol where recognised (赣医保发〔2022〕14号 四(三))', () => {
  it('the choice is asked only of a student region, and only with two candidate regions; the earliest assisted region wins', () => {
    const groups = groupByRegion([
      pay('2022-09-01', 350, { regionCode: '360100', category: 'student' }), pay('2022-10-01', 350), pay('2022-09-20', 350, { regionCode: '360781' }),
    ]);
    const asked: string[] = [];
    const enrollment = choosePrimaryRegion(groups, {
      mayChoose: (g) => (asked.push(`may ${g.regionCode}`), true),
      assistedThere: (g) => (asked.push(`assisted ${g.regionCode}`), g.regionCode !== '360100'),
    });
    expect(enrollment).toMatchObject({ primary: { regionCode: '360781' }, basis: 'assisted_student_choice' });
    expect(enrollment.duplicates.map((g) => g.regionCode)).toEqual(['360100', '360702']);
    expect(asked).toEqual(['may 360100', 'assisted 360781']);
    const noStudent = choosePrimaryRegion(groupByRegion([pay('2022-09-01', 350), pay('2022-10-01', 350, { regionCode: '360100' })]), {
      mayChoose: () => { throw new Error('not asked'); }, assistedThere: () => { throw new Error('not asked'); },
    });
    expect(noStudent).toMatchObject({ primary: { regionCode: '360702' }, basis: 'earliest_payment' });
  });

  it('with the shipped policies: the assisted region is primary and the 学籍地 is the duplicate, citing 四(三)', () => {
    const { rows, refunds } = reconcilePerson(person(studentPays(), [roster('minimum_living', '2021-01-01')]), ctx('2023-04-15'));
    expect(rows.map((r) => [r.regionCode, r.status, r.subsidy, r.expectedPersonal])).toEqual([
      ['360100', 'DUPLICATE_ENROLLMENT', 0, 0], ['360702', 'OK', 32000, 3000],
    ]);
    expect(refunds).toEqual([expect.objectContaining({ regionCode: '360100', amount: 35000, reason: 'DUPLICATE_ENROLLMENT' })]);
    expect(refunds[0]!.rule).toContain('赣医保发〔2022〕14号 四(三)');
  });

  it('without assistance counting in the other region (none, or another province\'s), the student region stays primary', () => {
    const none = reconcilePerson(person(studentPays()), ctx('2023-04-15'));
    expect(none.rows.find((r) => r.isPrimary)?.regionCode).toBe('360100');
    const elsewhere = reconcilePerson(person(studentPays(), [roster('minimum_living', '2021-01-01', null, '500101')]), ctx('2023-04-15'));
    expect(elsewhere.rows.find((r) => r.isPrimary)?.regionCode).toBe('360100');
  });

  it('where the student region\'s chain lacks the permission (Chongqing), the student region stays primary', () => {
    const { rows } = reconcilePerson(person(studentPays('500101'), [roster('minimum_living', '2021-01-01')]), ctx('2023-04-15'));
    expect(rows.find((r) => r.isPrimary)?.regionCode).toBe('500101');
  });

  it('a duplicate row cites the clause of the basis, from its own chain', () => {
    const chain = chainOf({ citations: { duplicate_enrollment: '八', student_region: '四(三) 学籍地', assisted_student_may_choose_region: '四(三) 身份认定地区' } });
    expect(duplicateEnrollmentCitations(chain, 'earliest_payment')).toEqual(['八']);
    expect(duplicateEnrollmentCitations(chain, 'student_region')).toEqual(['八', '四(三) 学籍地']);
    expect(duplicateEnrollmentCitations(chain, 'assisted_student_choice')).toEqual(['八', '四(三) 身份认定地区']);
  });
});
