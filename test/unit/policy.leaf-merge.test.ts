import { describe, expect, it } from 'vitest';
import { PolicyChain } from '../../src/policy/policy-chain.js';
import type { PolicyFile } from '../../src/policy/policy-file.js';
import { mergePolicy, PolicySet } from '../../src/policy/policy-set.js';

const file = (region_code: string, values: Omit<PolicyFile, 'region_code' | 'coverage_year'>): PolicyFile => ({ region_code, coverage_year: 2023, ...values });
const province = file('360000', {
  personal_standard: { resident: { '1': 35000 }, student: { '1': 0 } },
  collection_window: { start: '2022-09-01', end: '2022-12-31', end_latest: '2023-03-31' },
  assistance: { minimum_living: 32000, orphan: 'full' },
  late_recognition: { unenrolled: 'assist', in_benefit_period: 'no_refund' },
  citations: { collection_window: 'P 二(三)', late_recognition: 'P 三(二)', personal_standard: 'P 二(一)' },
});
const county = file('360781', {
  personal_standard: { resident: { '2': 72500 } },
  collection_window: { end: '2023-02-28' },
  assistance: { orphan: 'none' },
  late_recognition: { before_benefit: 'refund' },
  citations: { 'collection_window.end': 'C 一', 'late_recognition.before_benefit': 'C 二' },
});

describe('leaf merge (spec 3), along the chain', () => {
  const chain = new PolicyChain('360781', 2023, [county, province]);

  it('a county with only collection_window.end keeps the province\'s start and end_latest, each cited by the level that set it', () => {
    const w = chain.window();
    expect('gap' in w ? w : w.value).toEqual({ start: '2022-09-01', end: '2023-02-28', end_latest: '2023-03-31' });
    if ('gap' in w) throw new Error('gap');
    expect([w.fields.start?.region, w.fields.start?.citation, w.fields.end?.region, w.fields.end?.citation]).toEqual(['360000', 'P 二(三)', '360781', 'C 一']);
  });

  it('a county late_recognition.before_benefit adds to the province\'s other fields', () => {
    expect([chain.lateRecognition('unenrolled')?.value, chain.lateRecognition('in_benefit_period')?.value, chain.lateRecognition('before_benefit')])
      .toEqual(['assist', 'no_refund', { value: 'refund', region: '360781', citation: 'C 二' }]);
    expect(chain.lateRecognition('benefit_start')).toBeNull();
  });

  it('a standard per category and tier, an assistance entry per category', () => {
    expect([chain.standard('resident', '1'), chain.standard('resident', '2')]).toEqual([
      { value: 35000, region: '360000', citation: 'P 二(一)' }, { value: 72500, region: '360781', citation: null },
    ]);
    expect(chain.assistance('minimum_living')).toMatchObject({ assisted: true, rule: { value: 32000, region: '360000' } });
    expect(chain.assistance('orphan')).toMatchObject({ assisted: false, rule: { value: 'none', region: '360781' } });
  });
});

describe('leaf merge (spec 3), an override over a shipped file', () => {
  it('merges down to the leaves; a value object replaces what stood there', () => {
    const shipped = file('360700', {
      collection_window: { start: '2022-09-01', end: '2022-12-31', assisted_end_latest: '2023-03-31' },
      assistance: { severe_disability: { same_as: 'minimum_living' } },
      personal_standard: { resident: { '1': { at_least: 35000 } } },
      late_recognition: { unenrolled: 'assist' },
      citations: { collection_window: 'S 一', assistance: 'S 二' },
    });
    const override = file('360700', {
      collection_window: { assisted_end: '2023-02-28' },
      assistance: { severe_disability: 15000 },
      personal_standard: { resident: { '1': 36000, '2': 70000 } },
      late_recognition: { before_benefit: 'no_refund' },
      citations: { 'collection_window.assisted_end': 'O 1' },
    });
    expect(mergePolicy(shipped, override)).toEqual(file('360700', {
      collection_window: { start: '2022-09-01', end: '2022-12-31', assisted_end_latest: '2023-03-31', assisted_end: '2023-02-28' },
      assistance: { severe_disability: 15000 },
      personal_standard: { resident: { '1': 36000, '2': 70000 } },
      late_recognition: { unenrolled: 'assist', before_benefit: 'no_refund' },
      citations: { collection_window: 'S 一', assistance: 'S 二', 'collection_window.assisted_end': 'O 1' },
    }));
    expect(PolicySet.of([shipped, override]).chain('360700', 2023).window()).toMatchObject({ value: { end: '2022-12-31', assisted_end: '2023-02-28' } });
  });
});

describe('the chain API the rules read (spec 3)', () => {
  const national = file('000000', { personal_standard: { resident: { '1': 35000 } }, assistance: { minimum_living: 'set_locally' }, citations: { duplicate_enrollment: 'N 八' } });
  const fujian = file('350000', { personal_standard: { resident: { '1': { at_least: 35000 } } } });

  it('a floor is a gap until a more specific level sets a number', () => {
    expect(new PolicyChain('350100', 2023, [fujian, national]).standard('resident', '1')).toEqual({ gap: 'personal_standard.resident.1' });
    const fuzhou = file('350100', { personal_standard: { resident: { '1': 36000 } } });
    expect(new PolicyChain('350100', 2023, [fuzhou, fujian, national]).standard('resident', '1')).toMatchObject({ value: 36000 });
  });

  it('student_unspecified does not fall back to the resident standard', () => {
    const chain = new PolicyChain('000000', 2023, [national]);
    expect([chain.standard('newborn', '1'), chain.standard('student_unspecified', '1')])
      .toEqual([{ value: 35000, region: '000000', citation: null }, { gap: 'personal_standard.student_unspecified.1' }]);
  });

  it('"set_locally" and a category absent from the whole chain are assisted with a gap; citation-only keys from the chain', () => {
    const chain = new PolicyChain('360702', 2023, [national]);
    expect(chain.assistance('minimum_living')).toMatchObject({ assisted: true, gap: 'assistance.minimum_living', reason: 'set_locally' });
    expect(chain.assistance('orphan')).toEqual({ assisted: true, gap: 'assistance.orphan', reason: 'absent', rule: null, via: [] });
    expect([chain.citation('duplicate_enrollment')?.value, chain.citation('student_region')]).toEqual(['N 八', null]);
  });
});
