import { describe, expect, it } from 'vitest';
import { insuredForWholePeriod } from '../../src/reconcile/rules/status.js';
import { employment, only, person, roster } from '../helpers/facts.js';

const period = { start: '2023-01-01', end: '2023-12-31' };
const entitled = (enrollments: ReturnType<typeof employment>[]) => person([], [roster('minimum_living', '2022-06-01')], '1950-05-05', enrollments);

describe('rule 6 (v2): INSURED_AS_EMPLOYEE', () => {
  it('a roster-only person employee-insured for the whole benefit period: INSURED_AS_EMPLOYEE, expected 0, no action', () => {
    const row = only(entitled([employment('2013-01-01', null, '360702', 'retiree')]), '2023-06-01');
    expect(row).toMatchObject({
      status: 'INSURED_AS_EMPLOYEE', expectedPersonal: 0, expectedAssistance: 0, variance: 0, assistanceVariance: 0, actions: [], flags: [],
      benefitStart: null, subsidy: 32000,
    });
  });

  it('one who is not (insured only part of the period): NOT_ENROLLED after the deadline, with ENROLL', () => {
    const row = only(entitled([employment('2013-01-01', '2023-03-31')]), '2023-06-01');
    expect(row).toMatchObject({ status: 'NOT_ENROLLED', actions: ['ENROLL'] });
  });

  it('before the deadline it comes before PENDING', () => {
    expect(only(entitled([employment('2013-01-01', null)]), '2023-03-15').status).toBe('INSURED_AS_EMPLOYEE');
    expect(only(entitled([]), '2023-03-15').status).toBe('PENDING');
  });

  it('the whole period: open or ending after it; consecutive enrollments in any region cover; a one-day gap does not', () => {
    expect(insuredForWholePeriod([employment('2013-01-01', null)], period)).toBe(true);
    expect(insuredForWholePeriod([employment('2013-01-01', '2023-12-31')], period)).toBe(true);
    expect(insuredForWholePeriod([employment('2023-01-02', null)], period)).toBe(false);
    expect(insuredForWholePeriod([employment('2013-01-01', '2023-12-30')], period)).toBe(false);
    expect(insuredForWholePeriod([employment('2013-01-01', '2023-05-31'), employment('2023-06-01', null, '500101')], period)).toBe(true);
    expect(insuredForWholePeriod([employment('2013-01-01', '2023-05-30'), employment('2023-06-01', null)], period)).toBe(false);
    expect(insuredForWholePeriod([], period)).toBe(false);
  });
});
