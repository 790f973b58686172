import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { employeeOverlap } from '../../src/reconcile/rules/employee-overlap.js';
import { chainOf, ctx, employment, pay, person } from '../helpers/facts.js';

const resident = (enrollments: ReturnType<typeof employment>[], payments = [pay('2022-10-08', 350)]) => person(payments, [], '1980-01-01', enrollments);
const result = (enrollments: ReturnType<typeof employment>[], asOf = '2023-08-01', payments?: ReturnType<typeof pay>[]) =>
  reconcilePerson(resident(enrollments, payments), ctx(asOf));

describe('rule 9 (v2): resident and employee insurance at once', () => {
  it('spec 7.12: joined during the benefit period in Jiangxi: EMPLOYEE_OVERLAP, SUSPEND_BENEFITS, a suspension resumed the day after', () => {
    const r = result([employment('2023-03-01', '2023-06-30')]);
    expect(r.rows[0]).toMatchObject({ status: 'OK', flags: ['EMPLOYEE_OVERLAP'], actions: ['SUSPEND_BENEFITS'], benefitStart: '2023-01-01' });
    expect(r.rows[0]!.rule).toEqual(expect.arrayContaining(['医保发〔2022〕20号 八', '赣医保发〔2022〕14号 四(六)']));
    expect(r.suspensions).toEqual([{
      idNumber: 'X', name: '某甲', regionCode: '360702', suspendFrom: '2023-03-01', resumeOn: '2023-07-01', employeeRegion: '360702', rule: ['赣医保发〔2022〕14号 四(六)'],
    }]);
    expect(r.duplicates).toEqual([expect.objectContaining({
      kind: 'RESIDENT_AND_EMPLOYEE', regionCodes: ['360702', '360702'], otherIdNumber: null,
      detail: expect.stringContaining('overlap 2023-03-01 .. 2023-06-30'),
    })]);
  });

  it('still insured on the as-of date: the suspension has no resume date yet', () => {
    expect(result([employment('2023-03-01', null)]).suspensions[0]).toMatchObject({ suspendFrom: '2023-03-01', resumeOn: null });
  });

  it('spec 7.12, insured since 2020: the same flag and duplicates row, no suspension, REVIEW', () => {
    const r = result([employment('2020-01-01', null)]);
    expect(r.rows[0]).toMatchObject({ status: 'OK', flags: ['EMPLOYEE_OVERLAP'], actions: ['REVIEW'] });
    expect(r.rows[0]!.rule).toContain('医保发〔2022〕20号 八');
    expect(r.rows[0]!.rule).not.toContain('赣医保发〔2022〕14号 四(六)');
    expect(r.suspensions).toEqual([]);
    expect(r.duplicates.map((d) => d.kind)).toEqual(['RESIDENT_AND_EMPLOYEE']);
  });

  it('insured_from on the benefit start itself is "already insured"; the day after is "joined during"', () => {
    expect(result([employment('2023-01-01', null)]).rows[0]!.actions).toEqual(['REVIEW']);
    expect(result([employment('2023-01-02', null)]).rows[0]!.actions).toEqual(['SUSPEND_BENEFITS']);
  });

  it('outside Jiangxi (Chongqing, no suspend_during_employee_insurance): POLICY_GAP:suspend_during_employee_insurance and REVIEW, the status stands', () => {
    const cq = [pay('2022-11-01', 350, { regionCode: '500101' })];
    const r = result([employment('2023-03-01', null, '500101')], '2023-08-01', cq);
    expect(r.rows[0]).toMatchObject({ status: 'OK', flags: ['EMPLOYEE_OVERLAP', 'POLICY_GAP:suspend_during_employee_insurance'], actions: ['REVIEW'] });
    expect(r.rows[0]!.rule.join(' ')).not.toContain('赣');
    expect(r.rows[0]!.rule).toContain('医保发〔2022〕20号 八');
    expect(r.suspensions).toEqual([]);
  });

  it('an enrollment in another region counts; one before the benefit start or after the period does not', () => {
    expect(result([employment('2023-05-01', null, '500101')]).suspensions[0]).toMatchObject({ regionCode: '360702', employeeRegion: '500101' });
    expect(result([employment('2020-01-01', '2022-12-31')]).rows[0]!.flags).toEqual([]);
    const none = result([employment('2020-01-01', '2022-12-31')]);
    expect([none.duplicates, none.suspensions]).toEqual([[], []]);
  });

  it('the overlap is against the benefit start: a late payer employee-insured before it but not after has none', () => {
    // Paid 2023-01-20, benefits from 2023-04-20 (T + 90); employee insurance ended 2023-04-10 (not a lapse before T).
    const r = result([employment('2019-01-01', '2023-04-10')], '2023-08-01', [pay('2023-01-20', 350)]);
    expect(r.rows[0]).toMatchObject({ benefitStart: '2023-04-20', flags: ['LATE_PAYMENT'], actions: [] });
    expect(r.duplicates).toEqual([]);
  });

  it('needs a net collection: a row whose payments were all reversed has no overlap', () => {
    const r = result([employment('2020-01-01', null)], '2023-08-01', [pay('2022-10-08', 350), pay('2022-11-01', -350)]);
    expect(r.rows[0]!.flags).not.toContain('EMPLOYEE_OVERLAP');
    expect(r.duplicates).toEqual([]);
  });

  it('only the primary row: a duplicate enrollment in another region is not checked again', () => {
    const r = result([employment('2020-01-01', null)], '2023-08-01', [pay('2022-09-10', 350), pay('2022-10-12', 350, { regionCode: '360102' })]);
    expect(r.rows.map((x) => [x.regionCode, x.flags.includes('EMPLOYEE_OVERLAP')])).toEqual([['360102', false], ['360702', true]]);
    expect(r.duplicates.map((d) => d.kind).sort()).toEqual(['DUPLICATE_ENROLLMENT', 'RESIDENT_AND_EMPLOYEE']);
  });

  it('each overlapping enrollment is its own duplicates row; the flag is one', () => {
    const r = result([employment('2020-01-01', '2023-02-28'), employment('2023-05-01', '2023-05-31', '360703')]);
    expect(r.duplicates).toHaveLength(2);
    expect(r.suspensions.map((s) => [s.suspendFrom, s.resumeOn])).toEqual([['2023-05-01', '2023-06-01']]);
    expect(r.rows[0]).toMatchObject({ flags: ['EMPLOYEE_OVERLAP'], actions: ['SUSPEND_BENEFITS', 'REVIEW'] });
  });

  it('a chain that says false suspends nothing and asks for a review, without a gap flag', () => {
    const chain = chainOf({ suspend_during_employee_insurance: false, benefit_period: { default: { start: '2023-01-01', end: '2023-12-31' } } });
    const found = employeeOverlap({
      idNumber: 'X', name: '某甲', regionCode: '360702', collected: 35000, benefitStart: '2023-01-01', txnIds: ['T1'],
      period: { start: '2023-01-01', end: '2023-12-31' }, enrollments: [employment('2023-03-01')], chain,
    });
    expect(found).toMatchObject({ flags: ['EMPLOYEE_OVERLAP'], suspensions: [], review: true });
  });
});
