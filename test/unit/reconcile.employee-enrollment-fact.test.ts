import { describe, expect, it } from 'vitest';
import { employeeEnrollmentAsOf } from '../../src/reconcile/employee-enrollment-fact.js';

/** Spec 4 preamble (v2): an employee enrollment as the bureau could know it on the as-of date D. */
describe('an employee enrollment as known on the as-of date', () => {
  const row = (from: string, to: string | null) => ({ region_code: '360702', insured_from: from, insured_to: to, insured_kind: 'employee', employer: '某公司' });
  const D = '2023-03-15';

  it('keeps one that started on or before D, with its end when that is on or before D', () => {
    expect(employeeEnrollmentAsOf(row('2021-03-01', '2022-12-20'), D)).toEqual({
      regionCode: '360702', insuredFrom: '2021-03-01', insuredTo: '2022-12-20', insuredKind: 'employee', employer: '某公司',
    });
    expect(employeeEnrollmentAsOf(row('2023-03-15', '2023-03-15'), D)).toMatchObject({ insuredFrom: '2023-03-15', insuredTo: '2023-03-15' });
  });

  it('reads an end after D as open (still insured on D), and a blank end as open', () => {
    expect(employeeEnrollmentAsOf(row('2023-03-01', '2023-06-30'), D)).toMatchObject({ insuredTo: null });
    expect(employeeEnrollmentAsOf(row('2023-03-01', '2023-03-16'), D)).toMatchObject({ insuredTo: null });
    expect(employeeEnrollmentAsOf(row('2013-01-01', null), D)).toMatchObject({ insuredTo: null });
  });

  it('leaves out one that starts after D', () => {
    expect(employeeEnrollmentAsOf(row('2023-03-16', null), D)).toBeNull();
    expect(employeeEnrollmentAsOf(row('2023-07-01', '2023-08-31'), D)).toBeNull();
  });
});
