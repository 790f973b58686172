import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';

/**
 * Every value of SPEC v2 §3's table of shipped values for 2023, as `recon policies --year 2023` prints it
 * (issue 16: "recon policies output is checked for every shipped value"). Written from the spec's table
 * before the v2 policy data (floors, set_locally, end_latest, assisted_end_latest, rule keys) was shipped:
 * it passes once the policy files of the h16-policy branch are merged, and fails on the v1 files.
 */
describe('recon policies --year 2023 prints every value SPEC §3 says is shipped', () => {
  let out = '';
  const j = (code: string) => {
    const start = out.indexOf(`\n${code} `);
    expect(start, `${code} listed`).toBeGreaterThanOrEqual(0);
    const end = out.indexOf('\n\n', start + 1);
    return out.slice(start, end < 0 ? undefined : end);
  };
  const SET_LOCALLY = 'set locally \\(amount not stated: POLICY_GAP\\)';
  const FULL = "full \\(the person's whole standard\\)";
  const FIXED_320 = 'fixed amount 320\\.00 \\(capped at the standard\\)';
  beforeAll(() => {
    const r = recon(['policies', '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    out = r.stdout;
  });

  it('000000 national: resident 350; extreme_poverty full; minimum_living and returned_to_poverty set locally; duplicate and cross-scheme citations', () => {
    const n = j('000000');
    expect(n).toMatch(/resident\.1: 350\.00 +← 000000 \(医保发〔2022〕20号 一/);
    expect(n).toMatch(new RegExp(`extreme_poverty: ${FULL} +← 000000 \\(医保发〔2022〕20号 三`));
    expect(n).toMatch(new RegExp(`minimum_living: ${SET_LOCALLY} +← 000000 \\(医保发〔2022〕20号 三`));
    expect(n).toMatch(new RegExp(`returned_to_poverty: ${SET_LOCALLY} +← 000000 \\(医保发〔2022〕20号 三`));
    expect(n).toMatch(/duplicate_enrollment: 医保发〔2022〕20号 八 +← 000000/);
    expect(n).toMatch(/cross_scheme_duplicate: 医保发〔2022〕20号 八 +← 000000/);
    expect(n).toMatch(/orphan: absent \(gap: POLICY_GAP:assistance\.orphan/);
  });

  it('350000 Fujian: resident at least 350 (a floor: each pooling region sets its own)', () => {
    expect(j('350000')).toMatch(/resident\.1: at least 350\.00 \(a floor, 不低于: each pooling region sets its own standard[^\n]*← 350000 \(闽医保〔2022〕93号 一/);
  });

  it('500000 Chongqing: resident 350/725, student 320/695, student benefit year, window 2022-10-25..2022-12-31', () => {
    const cq = j('500000');
    for (const [key, v] of [['resident.1', '350'], ['resident.2', '725'], ['student.1', '320'], ['student.2', '695']] as const) {
      expect(cq).toMatch(new RegExp(`${key.replace('.', '\\.')}: ${v}\\.00 +← 500000 \\(渝医保发〔2022〕25号 一`));
    }
    expect(cq).toMatch(/student: 2022-09-01 \.\. 2023-08-31 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/start: 2022-10-25 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/end: 2022-12-31, the deadline +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).not.toMatch(/赣医保发/);
  });

  it('410000 Henan and 410800 Jiaozuo (inherits): resident 350; three groups same_as minimum_living, resolved to its amount absent', () => {
    for (const code of ['410000', '410800']) {
      const hn = j(code);
      expect(hn).toMatch(/resident\.1: 350\.00 +← 410000 \(豫医保〔2022〕5号 一/);
      for (const cat of ['unstable_out_of_poverty', 'edge_of_poverty', 'sudden_hardship']) {
        expect(hn).toMatch(new RegExp(`${cat}: same as minimum_living +← 410000 \\(豫医保〔2022〕5号 三[^\\n]*→ minimum_living: ${SET_LOCALLY} +← 000000`));
      }
    }
  });

  it('360000 Jiangxi: standards, window with end_latest, assistance, ended_before_enrollment, waiting, newborns, benefit period, rule keys, student region', () => {
    const jx = j('360000');
    const cite = '\\(赣医保发〔2022〕14号';
    expect(jx).toMatch(new RegExp(`resident\\.1: 350\\.00 +← 360000 ${cite}`));
    expect(jx).toMatch(new RegExp(`student\\.1: 0\\.00 +← 360000 ${cite}`));
    expect(jx).toMatch(/start: 2022-09-01 +← 360000/);
    expect(jx).toMatch(/end: 2022-12-31, a deadline not yet decided: each pooling region may extend the whole window up to end_latest 2023-03-31/);
    expect(jx).toMatch(new RegExp(`end_latest: 2023-03-31, the latest date[^\\n]*← 360000 ${cite} 二\\(三\\)`));
    for (const cat of ['extreme_poverty', 'orphan']) expect(jx).toMatch(new RegExp(`${cat}: ${FULL} +← 360000 ${cite}`));
    for (const cat of ['minimum_living', 'returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty']) {
      expect(jx).toMatch(new RegExp(`${cat}: ${FIXED_320} +← 360000 ${cite}`));
    }
    for (const cat of ['severe_disability', 'low_income_minor', 'low_income_elderly']) {
      expect(jx).toMatch(new RegExp(`${cat}: ${SET_LOCALLY} +← 360000 ${cite}`));
    }
    for (const cat of ['returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty']) {
      expect(jx).toMatch(new RegExp(`ended_before_enrollment\\.${cat}: does_not_count +← 360000 ${cite}`));
    }
    expect(jx).toMatch(/ended_before_enrollment\.extreme_poverty: absent \(gap\)/);
    expect(jx).toMatch(new RegExp(`waiting_days: 90 days +← 360000 ${cite}`));
    expect(jx).toMatch(new RegExp(`waiting_exempt: veteran, special +← 360000 ${cite}`));
    expect(jx).toMatch(new RegExp(`newborn_grace_days: 90 days +← 360000 ${cite}`));
    expect(jx).toMatch(new RegExp(`default: 2023-01-01 \\.\\. 2023-12-31 +← 360000 ${cite}`));
    expect(jx).toMatch(new RegExp(`late_recognition\\.unenrolled: assist +← 360000 ${cite} 三\\(二\\)`));
    expect(jx).toMatch(new RegExp(`late_recognition\\.in_benefit_period: no_refund +← 360000 ${cite} 三\\(二\\)`));
    expect(jx).toMatch(/late_recognition\.before_benefit: absent \(gap: the document leaves it to localities\)/);
    expect(jx).toMatch(new RegExp(`assisted_student_may_choose_region: true +← 360000 ${cite} 四\\(三\\)`));
    expect(jx).toMatch(new RegExp(`waiting_exempt_after_employee_months: 3 months +← 360000 ${cite} 四\\(七\\)`));
    expect(jx).toMatch(new RegExp(`suspend_during_employee_insurance: true +← 360000 ${cite} 四\\(六\\)`));
    expect(jx).toMatch(/student_region: 赣医保发〔2022〕14号 四\(三\)[^\n]*← 360000/);
  });

  it('360700 Ganzhou: window 09-01..12-31 with end_latest 12-31 and assisted_end_latest 2023-03-31; resident 350; three groups same_as minimum_living (320)', () => {
    const gz = j('360700');
    const cite = '\\(赣市医保字〔2022〕24号';
    expect(gz).toMatch(new RegExp(`start: 2022-09-01 +← 360700 ${cite}`));
    expect(gz).toMatch(/end: 2022-12-31, the deadline +← 360/);
    expect(gz).toMatch(new RegExp(`end_latest: 2022-12-31, the latest date[^\\n]*← 360700 ${cite}`));
    expect(gz).toMatch(/assisted_end: absent \(gap: not yet decided for persons with fixed-amount assistance: each county may set it up to assisted_end_latest 2023-03-31/);
    expect(gz).toMatch(new RegExp(`assisted_end_latest: 2023-03-31, the latest date to which a county may set assisted_end[^\\n]*← 360700 ${cite}`));
    expect(gz).toMatch(new RegExp(`resident\\.1: 350\\.00 +← 360700 ${cite}`));
    for (const cat of ['severe_disability', 'low_income_minor', 'low_income_elderly']) {
      expect(gz).toMatch(new RegExp(`${cat}: same as minimum_living +← 360700 ${cite}[^\\n]*→ minimum_living: ${FIXED_320} +← 360000`));
    }
    expect(gz).toMatch(/suspend_during_employee_insurance: true +← 360000/);
  });
});
