import { describe, expect, it } from 'vitest';
import { describeChain } from '../../src/policy/describe-chain.js';
import { PolicyChain } from '../../src/policy/policy-chain.js';
import type { PolicyFile } from '../../src/policy/policy-file.js';
import { englishWords } from '../helpers/chinese.js';

/**
 * The describer `recon policies` and `recon explain` print with (spec 3, v2: every value, floors,
 * "set_locally" and "none" shown as what they are, every rule key), on a chain of plain v2 files: a county
 * → city → province → national chain in which each leaf comes from its own level.
 */
const national: PolicyFile = {
  region_code: '000000', coverage_year: 2023,
  personal_standard: { resident: { '1': 35000 } },
  assistance: { extreme_poverty: 'full', minimum_living: 'set_locally' },
  citations: { personal_standard: 'N-一', assistance: 'N-三', duplicate_enrollment: 'N-八' },
};
const province: PolicyFile = {
  region_code: '990000', coverage_year: 2023,
  personal_standard: { resident: { '1': { at_least: 35000 } }, student: { '1': 0 } },
  collection_window: { start: '2022-09-01', end: '2022-12-31', end_latest: '2023-03-31' },
  benefit_period: { default: { start: '2023-01-01', end: '2023-12-31' }, student: { start: '2022-09-01', end: '2023-08-31' } },
  assistance: { orphan: { percent: 50 }, edge_of_poverty: { same_as: 'minimum_living' }, sudden_hardship: { same_as: 'orphan' } },
  waiting_days: 90, waiting_exempt: ['veteran', 'special'], newborn_grace_days: 90,
  late_recognition: { unenrolled: 'assist', in_benefit_period: 'no_refund' },
  ended_before_enrollment: { edge_of_poverty: 'does_not_count' },
  assisted_student_may_choose_region: true,
  waiting_exempt_after_employee_months: 3,
  suspend_during_employee_insurance: true,
  citations: {
    'personal_standard.resident': 'P-floor', 'personal_standard.student': 'P-student', collection_window: 'P-window',
    'collection_window.end_latest': 'P-二(三)', benefit_period: 'P-period', assistance: 'P-assist', late_recognition: 'P-三(二)',
    student_region: 'P-四(三)',
  },
};
const city: PolicyFile = {
  region_code: '990100', coverage_year: 2023,
  collection_window: { end_latest: '2022-12-31', assisted_end_latest: '2023-03-31' },
  assistance: { severe_disability: { same_as: 'minimum_living' }, low_income_minor: { same_as: 'no_such' }, temporary_hardship: 'none' } as PolicyFile['assistance'],
  citations: { collection_window: 'C-一' },
};
const county: PolicyFile = {
  region_code: '990102', coverage_year: 2023,
  personal_standard: { resident: { '1': 38000 } },
  assistance: { minimum_living: 32000 },
  late_recognition: { before_benefit: 'refund' },
  citations: { 'personal_standard.resident.1': 'K-一', 'late_recognition.before_benefit': 'K-local' },
};
const text = (levels: PolicyFile[]) => describeChain(new PolicyChain(levels[0]?.region_code ?? '990000', 2023, levels)).join('\n');

describe('describeChain: every leaf of a chain, with the level that set it and its citation', () => {
  it('a floor is shown as a floor; a local standard over it shows the floor above it; tiers absent are gaps', () => {
    const province_ = text([province, national]);
    expect(province_).toContain('resident.1: at least 350.00 (a floor, 不低于: each pooling region sets its own standard; until it does, a row that needs it is a POLICY_GAP)  ← 990000 (P-floor)');
    expect(province_).toContain('student.1: 0.00  ← 990000 (P-student)');
    expect(province_).toContain('student.2: absent (gap)');
    expect(province_).toContain('newborn, veteran, special: not in the chain: the resident standard');
    expect(text([county, city, province, national])).toContain('resident.1: 380.00 (the floor above it: at least 350.00)  ← 990102 (K-一)');
  });

  it('each window field from its own level: an end a region may still extend is an undecided deadline, end_latest equal to end makes it the deadline', () => {
    const p = text([province, national]);
    expect(p).toContain('end: 2022-12-31, a deadline not yet decided: each pooling region may extend the whole window up to end_latest 2023-03-31');
    expect(p).toContain('end_latest: 2023-03-31, the latest date to which a pooling region may extend the whole window (not a deadline by itself)  ← 990000 (P-二(三))');
    const c = text([city, province, national]);
    expect(c).toContain('start: 2022-09-01  ← 990000 (P-window)');
    expect(c).toContain('end: 2022-12-31, the deadline  ← 990000 (P-window)');
    expect(c).toContain('end_latest: 2022-12-31, the latest date to which a pooling region may extend the whole window (not a deadline by itself)  ← 990100 (C-一)');
    expect(c).toContain('assisted_end: absent (gap: not yet decided for persons with fixed-amount assistance: each county may set it up to assisted_end_latest 2023-03-31');
    expect(c).toContain('assisted_end_latest: 2023-03-31, the latest date to which a county may set assisted_end (not a deadline by itself)  ← 990100 (C-一)');
    const decided = text([{ region_code: '990102', coverage_year: 2023, collection_window: { assisted_end: '2023-02-28' } }, city, province, national]);
    expect(decided).toContain('assisted_end: 2023-02-28, the deadline for persons with fixed-amount assistance (定额资助); full assistance keeps end  ← 990102 (no citation)');
    expect(text([national])).toContain('end: absent (gap: no window at all: every row here is a POLICY_GAP)');
  });

  it('benefit periods: default and per category, the coverage year where the chain has none', () => {
    expect(text([province, national])).toContain('student: 2022-09-01 .. 2023-08-31  ← 990000 (P-period)');
    expect(text([province, national])).toContain('resident, vocational_student, newborn, veteran, special, student_unspecified: the default');
    expect(text([national])).toContain('default: absent: the coverage calendar year 2023-01-01 .. 2023-12-31 applies');
  });

  it('every assistance category as what it is; same_as resolved to its value or to the gap, and why', () => {
    const all = text([county, city, province, national]);
    expect(all).toContain("extreme_poverty: full (the person's whole standard)  ← 000000 (N-三)");
    expect(all).toContain('minimum_living: fixed amount 320.00 (capped at the standard)  ← 990102 (no citation)');
    expect(all).toContain('orphan: 50% of the standard (rounded half up to the fen)  ← 990000 (P-assist)');
    expect(all).toContain('edge_of_poverty: same as minimum_living  ← 990000 (P-assist) → minimum_living: fixed amount 320.00 (capped at the standard)  ← 990102 (no citation)');
    expect(all).toContain('sudden_hardship: same as orphan  ← 990000 (P-assist) → orphan: 50% of the standard');
    expect(all).toContain('temporary_hardship: none: not assisted  ← 990100 (no citation)');
    expect(all).toContain('low_income_minor: same as no_such  ← 990100 (no citation) → no_such: absent (gap: POLICY_GAP:assistance.no_such wherever an entry counts)');
    expect(all).toContain('low_income_elderly: absent (gap: POLICY_GAP:assistance.low_income_elderly wherever an entry counts)');
    const city_ = text([city, province, national]);
    expect(city_).toContain('severe_disability: same as minimum_living  ← 990100 (no citation) → minimum_living: set locally (amount not stated: POLICY_GAP)  ← 000000 (N-三)');
    expect(city_).not.toMatch(/ABSENT|same_as via/);
  });

  it('a same_as loop is a gap, not a hang', () => {
    const loop: PolicyFile = { region_code: '990000', coverage_year: 2023, assistance: { orphan: { same_as: 'minimum_living' }, minimum_living: { same_as: 'orphan' } } };
    expect(text([loop])).toContain('orphan: same as minimum_living  ← 990000 (no citation) → minimum_living: same as orphan  ← 990000 (no citation) → orphan: absent (gap: same_as loops back: POLICY_GAP:assistance.orphan)');
  });

  it('waiting, newborns and every rule key, each with its citation; absent rule keys are gaps, the permission is not', () => {
    const all = text([county, city, province, national]);
    expect(all).toContain('waiting_days: 90 days  ← 990000 (no citation)');
    expect(all).toContain('waiting_exempt: veteran, special  ← 990000 (no citation)');
    expect(all).toContain('newborn_grace_days: 90 days  ← 990000 (no citation)');
    expect(all).toContain('late_recognition.unenrolled: assist  ← 990000 (P-三(二))');
    expect(all).toContain('late_recognition.in_benefit_period: no_refund  ← 990000 (P-三(二))');
    expect(all).toContain('late_recognition.before_benefit: refund  ← 990102 (K-local)');
    expect(all).toContain('late_recognition.benefit_start: absent (gap)');
    expect(all).toContain('ended_before_enrollment.edge_of_poverty: does_not_count  ← 990000 (no citation)');
    expect(all).toContain('ended_before_enrollment.minimum_living: absent (gap)');
    expect(all).toContain('assisted_student_may_choose_region: true  ← 990000 (no citation)');
    expect(all).toContain('waiting_exempt_after_employee_months: 3 months  ← 990000 (no citation)');
    expect(all).toContain('suspend_during_employee_insurance: true  ← 990000 (no citation)');
    expect(text([national])).toContain("assisted_student_may_choose_region: absent (a permission: rule 2's student region applies)");
    expect(text([national])).toContain('suspend_during_employee_insurance: absent (gap)');
    expect(text([national])).toContain('late_recognition.before_benefit: absent (gap: the document leaves it to localities)');
  });

  it('the citations rules carry without a value, from the level that states them', () => {
    const all = text([county, city, province, national]);
    expect(all).toContain('duplicate_enrollment: N-八  ← 000000');
    expect(all).toContain('student_region: P-四(三)  ← 990000');
    expect(all).toContain('cross_scheme_duplicate: absent (no citation in the chain)');
  });
});

/**
 * The chain's text in Chinese with the files' own words taken out: every citation (data, as the files write it)
 * and `no_such`, the city's same_as target that no category is (validation refuses it; shown as written).
 */
const zh = (levels: PolicyFile[]) => describeChain(new PolicyChain(levels[0]!.region_code, 2023, levels), 'zh');
const withoutCitations = (lines: string[], levels: PolicyFile[]) => {
  const citations = levels.flatMap((l) => Object.values(l.citations ?? {})).sort((a, b) => b.length - a.length);
  return lines.map((line) => citations.reduce((rest, c) => rest.replaceAll(c, ' '), line).replace(/(?<!\.)no_such/g, ' '));
};

describe("describeChain in Chinese (report.html with --lang zh): the same walk in the notices' terms", () => {
  const all = [county, city, province, national];

  it('every line is Chinese outside the citations and the gap codes in parentheses', () => {
    for (const levels of [all, [city, province, national], [province, national], [national]]) {
      const left = withoutCitations(zh(levels), levels).filter((l) => englishWords(l).length);
      expect(left).toEqual([]);
    }
  });

  it('lists as many lines as the English, in the same order of keys', () => {
    expect(zh(all)).toHaveLength(describeChain(new PolicyChain('990102', 2023, all)).length);
  });

  it("names keys, categories, tiers and values in the documents' words, with who set them and the citation as written", () => {
    const text = zh(all).join('\n');
    expect(text).toContain('个人缴费标准（元/人·年）：');
    expect(text).toContain('普通居民 一档：380.00（上级规定的最低标准：不低于 350.00）  ← 990102（K-一）');
    expect(text).toContain('大学生 二档：未规定：政策缺失 (POLICY_GAP:personal_standard.student.2)');
    expect(text).toContain('大中专学生：未规定：“大中专学生”未说明是高校还是中专学生');
    expect(zh([province, national]).join('\n')).toContain('普通居民 一档：不低于 350.00（最低标准：由各统筹地区确定本地标准；确定之前，需要该标准的行为政策缺失 (POLICY_GAP:personal_standard.resident.1)）  ← 990000（P-floor）');
    expect(text).toContain('集中征缴期：');
    expect(text).toContain('定额资助参保对象截止日期：未规定：定额资助参保对象的缴费期限尚未确定（政策缺失 (POLICY_GAP:collection_window.assisted_end)），各县（市、区）可确定，最迟至 2023-03-31');
    expect(text).toContain('特困人员：全额资助（个人缴费标准全额）  ← 全国 000000（N-三）');
    expect(text).toContain('边缘易致贫人口：同低保对象  ← 990000（P-assist） → 低保对象：定额资助 320.00（不超过个人缴费标准）  ← 990102（未注明依据）');
    expect(text).toContain('孤儿：按个人缴费标准的 50% 资助（四舍五入到分）');
    expect(text).toContain('临时遇困人员：不资助');
    expect(text).toContain('城镇低收入家庭60周岁以上老年人：未规定：凡计入该类别的名单记录均为政策缺失 (POLICY_GAP:assistance.low_income_elderly)');
    expect(zh([city, province, national]).join('\n')).toContain('由统筹地区确定（金额未载明：政策缺失 (POLICY_GAP:assistance.minimum_living)）  ← 全国 000000（N-三）');
    expect(text).toContain('待遇等待期：90 日');
    expect(text).toContain('不设待遇等待期的人员类别：退役军人、其他特殊人员');
    expect(text).toContain('集中征缴期结束后被确定为资助参保对象、已参保且进入待遇享受期的：不再办理退费  ← 990000（P-三(二)）');
    expect(text).toContain('参保前资助身份已终止的边缘易致贫人口：不再享受资助参保政策');
    expect(text).toContain('职工医保中断缴费后免待遇等待期的期限：3 个月');
    expect(text).toContain('重复参保治理：N-八  ← 全国 000000');
    expect(zh([national]).join('\n')).toContain('待遇等待期：未规定：逾期缴费人员的待遇享受起始日未知，政策缺失 (POLICY_GAP:waiting_days)');
  });
});
