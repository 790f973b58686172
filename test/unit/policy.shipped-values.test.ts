import { describe, expect, it } from 'vitest';
import { PolicySet } from '../../src/policy/policy-set.js';

/** The shipped set alone (no override), read as a run reads it. */
const shipped = PolicySet.load();
const chain = (region: string) => shipped.chain(region, 2023);
/** [value, citation] of a leaf as the file of `region` itself states it. */
const own = (region: string, path: string) => {
  const found = chain(region).value(path);
  expect(found?.region, `${region} ${path}`).toBe(region);
  return [found!.value, found!.citation];
};

describe('shipped policy values for 2023 (SPEC v2 §3 table), each cited by document number and clause', () => {
  it('national 000000', () => {
    expect(own('000000', 'personal_standard.resident.1')).toEqual([35000, '医保发〔2022〕20号 一']);
    expect(own('000000', 'assistance.extreme_poverty')).toEqual(['full', '医保发〔2022〕20号 三']);
    expect(own('000000', 'assistance.minimum_living')).toEqual(['set_locally', '医保发〔2022〕20号 三']);
    expect(own('000000', 'assistance.returned_to_poverty')).toEqual(['set_locally', '医保发〔2022〕20号 三']);
    expect(chain('000000').citation('duplicate_enrollment')?.value).toBe('医保发〔2022〕20号 八');
    expect(chain('000000').citation('cross_scheme_duplicate')?.value).toBe('医保发〔2022〕20号 八');
    expect(chain('000000').keysOf('assistance')).toEqual(['extreme_poverty', 'minimum_living', 'returned_to_poverty']);
  });

  it('Fujian 350000: a floor, not a standard', () => {
    expect(own('350000', 'personal_standard.resident.1')).toEqual([{ at_least: 35000 }, expect.stringMatching(/^闽医保〔2022〕93号 一/)]);
    expect(chain('350100').standard('resident', '1')).toEqual({ gap: 'personal_standard.resident.1' });
  });

  it('Chongqing 500000', () => {
    const c = '渝医保发〔2022〕25号 一';
    expect(own('500000', 'personal_standard.resident.1')).toEqual([35000, c]);
    expect(own('500000', 'personal_standard.resident.2')).toEqual([72500, c]);
    expect(own('500000', 'personal_standard.student.1')).toEqual([32000, c]);
    expect(own('500000', 'personal_standard.student.2')).toEqual([69500, c]);
    expect(own('500000', 'benefit_period.student')).toEqual([{ start: '2022-09-01', end: '2023-08-31' }, expect.stringMatching(/^渝医保发〔2022〕25号 一/)]);
    expect(chain('500101').window()).toMatchObject({ value: { start: '2022-10-25', end: '2022-12-31' }, citation: expect.stringMatching(/^渝医保发〔2022〕25号 一/) });
    expect(chain('500101').citation('student_region')).toBeNull(); // no 赣 clause in a Chongqing chain
  });

  it('Henan 410000 (Jiaozuo 410800 inherits)', () => {
    expect(own('410000', 'personal_standard.resident.1')).toEqual([35000, '豫医保〔2022〕5号 一']);
    for (const cat of ['unstable_out_of_poverty', 'edge_of_poverty', 'sudden_hardship']) {
      expect(own('410000', `assistance.${cat}`)).toEqual([{ same_as: 'minimum_living' }, expect.stringMatching(/^豫医保〔2022〕5号 三/)]);
      expect(chain('410800').assistance(cat)).toMatchObject({ assisted: true, gap: 'assistance.minimum_living', reason: 'set_locally' });
    }
    expect(chain('410800').window()).toEqual({ gap: 'collection_window' });
  });

  it('Jiangxi 360000', () => {
    const j = (clause: string) => expect.stringMatching(new RegExp(`^赣医保发〔2022〕14号 ${clause.replace(/[()]/g, '\\$&')}`));
    expect(own('360000', 'personal_standard.resident.1')).toEqual([35000, j('二(一)')]);
    expect(own('360000', 'personal_standard.student.1')).toEqual([0, j('三(三)')]);
    expect(own('360000', 'collection_window.start')).toEqual(['2022-09-01', j('二(三)')]);
    expect(own('360000', 'collection_window.end')).toEqual(['2022-12-31', j('二(三)')]);
    expect(own('360000', 'collection_window.end_latest')).toEqual(['2023-03-31', j('二(三)')]);
    expect(own('360000', 'benefit_period.default')).toEqual([{ start: '2023-01-01', end: '2023-12-31' }, j('四(一)(二)')]);
    for (const cat of ['extreme_poverty', 'orphan']) expect(own('360000', `assistance.${cat}`)).toEqual(['full', j('三(一)')]);
    for (const cat of ['minimum_living', 'returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty']) expect(own('360000', `assistance.${cat}`)).toEqual([32000, j('三(一)')]);
    for (const cat of ['severe_disability', 'low_income_minor', 'low_income_elderly']) expect(own('360000', `assistance.${cat}`)).toEqual(['set_locally', j('三(一)')]);
    for (const cat of ['returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty']) expect(own('360000', `ended_before_enrollment.${cat}`)).toEqual(['does_not_count', j('三(一)')]);
    expect(chain('360000').keysOf('ended_before_enrollment')).toHaveLength(3);
    expect(own('360000', 'waiting_days')).toEqual([90, j('四(一)')]);
    expect(own('360000', 'waiting_exempt')).toEqual([['veteran', 'special'], j('四(五)(七)')]);
    expect(own('360000', 'newborn_grace_days')).toEqual([90, j('四(四)')]);
    expect(own('360000', 'late_recognition.unenrolled')).toEqual(['assist', j('三(二)')]);
    expect(own('360000', 'late_recognition.in_benefit_period')).toEqual(['no_refund', j('三(二)')]);
    expect(chain('360000').lateRecognition('before_benefit')).toBeNull(); // the document leaves it open
    expect(chain('360000').lateRecognition('benefit_start')).toBeNull();
    expect(own('360000', 'assisted_student_may_choose_region')).toEqual([true, j('四(三)')]);
    expect(own('360000', 'waiting_exempt_after_employee_months')).toEqual([3, j('四(七)')]);
    expect(own('360000', 'suspend_during_employee_insurance')).toEqual([true, j('四(六)')]);
    expect(chain('360000').citation('student_region')?.value).toBe('赣医保发〔2022〕14号 四(三)');
    // Groups the documents do not value in Jiangxi stay absent: a gap, never a guess.
    expect(chain('360100').assistance('sudden_hardship')).toMatchObject({ reason: 'absent', gap: 'assistance.sudden_hardship' });
  });

  it('Ganzhou 360700', () => {
    const g = expect.stringMatching(/^赣市医保字〔2022〕24号 一/);
    expect(own('360700', 'personal_standard.resident.1')).toEqual([35000, g]);
    expect(own('360700', 'collection_window.start')).toEqual(['2022-09-01', g]);
    expect(own('360700', 'collection_window.end')).toEqual(['2022-12-31', g]);
    expect(own('360700', 'collection_window.end_latest')).toEqual(['2022-12-31', g]);
    expect(own('360700', 'collection_window.assisted_end_latest')).toEqual(['2023-03-31', g]);
    expect(chain('360702').value('collection_window.assisted_end')).toBeNull(); // no county decided
    for (const cat of ['severe_disability', 'low_income_minor', 'low_income_elderly']) {
      expect(own('360700', `assistance.${cat}`)).toEqual([{ same_as: 'minimum_living' }, expect.stringMatching(/^赣市医保字〔2022〕24号 二/)]);
      expect(chain('360702').assistance(cat)).toMatchObject({ assisted: true, rule: { value: 32000 }, via: [cat] });
    }
  });
});
