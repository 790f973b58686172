import { describe, expect, it } from 'vitest';
import { PolicyFileError, validatePolicyFile } from '../../src/policy/policy-file.js';

/** Validates `values` as the file 360702-2023.json. */
const check = (values: Record<string, unknown>) => validatePolicyFile('dir/360702-2023.json', { region_code: '360702', coverage_year: 2023, ...values });
/** The message of the PolicyFileError `values` raise. */
const problem = (values: Record<string, unknown>): string => {
  try {
    check(values);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyFileError);
    expect((err as Error).message).toContain('dir/360702-2023.json');
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('policy file v2 forms (spec 3)', () => {
  it('accepts every new form', () => {
    expect(() => check({
      personal_standard: { resident: { '1': { at_least: 35000 }, '2': 72500 } },
      collection_window: { start: '2022-09-01', end: '2022-12-31', end_latest: '2023-03-31', assisted_end: '2023-02-28', assisted_end_latest: '2023-03-31' },
      assistance: { minimum_living: 'set_locally', sudden_hardship: 'none', orphan: 'full', edge_of_poverty: { same_as: 'minimum_living' } },
      late_recognition: { unenrolled: 'assist', in_benefit_period: 'no_refund', before_benefit: 'refund', benefit_start: 'waiting' },
      ended_before_enrollment: { returned_to_poverty: 'does_not_count', minimum_living: 'counts' },
      assisted_student_may_choose_region: true, waiting_exempt_after_employee_months: 3, suspend_during_employee_insurance: false,
      citations: {
        duplicate_enrollment: 'a', cross_scheme_duplicate: 'b', student_region: 'c', 'personal_standard.resident.1': 'd',
        'collection_window.end_latest': 'e', 'assistance.orphan': 'f', 'late_recognition.before_benefit': 'g', late_recognition: 'h',
        'benefit_period.default': 'i', 'ended_before_enrollment.returned_to_poverty': 'j', waiting_days: 'k',
      },
    })).not.toThrow();
    expect(() => check({ collection_window: { end: '2022-12-31' } })).not.toThrow(); // every window field optional (leaf merge)
  });

  it('"fixed" is an error that says to write "set_locally"', () => {
    expect(problem({ assistance: { minimum_living: 'fixed' } })).toMatch(/assistance\.minimum_living.*"set_locally"/);
  });

  it.each([
    [{ personal_standard: { resident: { '1': { at_least: -1 } } } }, 'personal_standard.resident.1.at_least'],
    [{ personal_standard: { resident: { '1': { at_least: 35000, most: 1 } } } }, 'personal_standard.resident.1.most'],
    [{ personal_standard: { resident: { '1': { atleast: 35000 } } } }, 'personal_standard.resident.1.atleast'],
    [{ personal_standard: { resident: { '1': '350' } } }, 'personal_standard.resident.1'],
    [{ collection_window: { end: '2022-12-31', end_lastest: '2023-03-31' } }, 'collection_window.end_lastest'],
    [{ collection_window: { end_latest: '2023-02-30' } }, 'collection_window.end_latest'],
    [{ collection_window: { end: '2022-12-31', end_latest: '2022-12-30' } }, 'collection_window.end_latest: is before end'],
    [{ collection_window: { end: '2022-12-31', assisted_end: '2022-12-30' } }, 'collection_window.assisted_end: is before end'],
    [{ collection_window: { assisted_end: '2023-03-01', assisted_end_latest: '2023-02-28' } }, 'collection_window.assisted_end_latest: is before assisted_end'],
    [{ collection_window: { start: '2023-01-01', end: '2022-12-31' } }, 'collection_window.end: is before start'],
    [{ assistance: { minimum_living: 'nothing' } }, 'assistance.minimum_living'],
    [{ late_recognition: { unenrolled: 'refund' } }, 'late_recognition.unenrolled'],
    [{ late_recognition: { in_benefit_period: 'assist' } }, 'late_recognition.in_benefit_period'],
    [{ late_recognition: { before_benefit: true } }, 'late_recognition.before_benefit'],
    [{ late_recognition: { benefit_start: 'next_day' } }, 'late_recognition.benefit_start'],
    [{ late_recognition: { after_window: 'assist' } }, 'late_recognition.after_window'],
    [{ late_recognition: 'assist' }, 'late_recognition'],
    [{ ended_before_enrollment: { minimum_living: 'yes' } }, 'ended_before_enrollment.minimum_living'],
    [{ ended_before_enrollment: { pauper: 'counts' } }, 'ended_before_enrollment.pauper'],
    [{ assisted_student_may_choose_region: 'true' }, 'assisted_student_may_choose_region'],
    [{ suspend_during_employee_insurance: 1 }, 'suspend_during_employee_insurance'],
    [{ waiting_exempt_after_employee_months: 2.5 }, 'waiting_exempt_after_employee_months'],
    [{ citations: { duplicate_enrolment: 'x' } }, 'citations.duplicate_enrolment'],
    [{ citations: { 'assistance.pauper': 'x' } }, 'citations.assistance.pauper'],
    [{ citations: { 'personal_standard.resident.3': 'x' } }, 'citations.personal_standard.resident.3'],
    [{ citations: { 'collection_window.finish': 'x' } }, 'citations.collection_window.finish'],
    [{ citations: { 'waiting_days.x': 'x' } }, 'citations.waiting_days.x'],
    [{ citations: { student_region: '' } }, 'citations.student_region'],
    [{ benefit_period: { default: { start: '2023-01-01', end: '2023-12-31', note: 'x' } } }, 'benefit_period.default.note'],
    [{ deadline: '2022-12-31' }, 'deadline: unknown key'],
  ])('an error naming the file and the key: %j', (values, key) => {
    expect(problem(values)).toContain(key);
  });
});
