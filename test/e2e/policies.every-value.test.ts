import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { tmp } from '../helpers/files.js';

/**
 * `recon policies --year Y` lists every value of every jurisdiction's chain (spec 3, v2), not only the
 * resident tier-1 standard and the default benefit period as it used to (issue 16: Chongqing's 725/320/695,
 * its student year and Jiangxi's student 0 never showed), and needs no database.
 * The values checked here are the shipped ones that the v1 and v2 files state alike; every shipped value of
 * the spec's table is checked in policies.shipped-values.test.ts.
 */
describe('recon policies --year 2023: every value of the shipped files', () => {
  let out = '';
  let cwd = '';
  const jurisdiction = (code: string) => {
    const start = out.indexOf(`\n${code} `);
    const end = out.indexOf('\n\n', start + 1);
    return out.slice(start, end < 0 ? undefined : end);
  };

  beforeAll(() => {
    cwd = tmp();
    const r = recon(['policies', '--year', '2023'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    out = r.stdout;
  });

  it('needs no database and creates none', () => {
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it("Chongqing: both tiers of the resident and student standards, and the students' benefit year", () => {
    const cq = jurisdiction('500000');
    expect(cq).toMatch(/resident\.1: 350\.00 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/resident\.2: 725\.00 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/student\.1: 320\.00 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/student\.2: 695\.00 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/student: 2022-09-01 \.\. 2023-08-31 +← 500000 \(渝医保发〔2022〕25号 一/);
    expect(cq).toMatch(/start: 2022-10-25 +← 500000/);
    expect(cq).toMatch(/end: 2022-12-31, the deadline +← 500000/);
  });

  it("Jiangxi's student standard 0 and its values, inherited by Ganzhou from the level that set them", () => {
    for (const code of ['360000', '360700']) {
      const jx = jurisdiction(code);
      expect(jx).toMatch(/student\.1: 0\.00 +← 360000 \(赣医保发〔2022〕14号 三\(三\)\)/);
      expect(jx).toMatch(/default: 2023-01-01 \.\. 2023-12-31 +← 360000/);
      expect(jx).toMatch(/waiting_days: 90 days +← 360000/);
      expect(jx).toMatch(/waiting_exempt: veteran, special +← 360000/);
      expect(jx).toMatch(/newborn_grace_days: 90 days +← 360000/);
      expect(jx).toMatch(/extreme_poverty: full \(the person's whole standard\) +← 360000/);
      expect(jx).toMatch(/orphan: full \(the person's whole standard\) +← 360000/);
      for (const cat of ['minimum_living', 'returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty']) {
        expect(jx).toMatch(new RegExp(`${cat}: fixed amount 320\\.00 \\(capped at the standard\\) +← 360000`));
      }
    }
  });

  it("Henan's same_as is shown resolved (never 'amount ABSENT (same_as via …)'), in Jiaozuo too", () => {
    for (const code of ['410000', '410800']) {
      const hn = jurisdiction(code);
      for (const cat of ['unstable_out_of_poverty', 'edge_of_poverty', 'sudden_hardship']) {
        expect(hn).toMatch(new RegExp(`${cat}: same as minimum_living +← 410000 \\(豫医保〔2022〕5号 三[^\\n]*→ minimum_living: set locally \\(amount not stated: POLICY_GAP\\) +← 000000`));
      }
      expect(hn).toMatch(/resident\.1: 350\.00 +← 410000 \(豫医保〔2022〕5号 一/);
    }
    expect(out).not.toMatch(/ABSENT|same_as via/);
  });

  it('every jurisdiction lists every key, absent ones as absent', () => {
    for (const code of ['000000', '350000', '360000', '360700', '410000', '410800', '500000']) {
      const j = jurisdiction(code);
      for (const key of ['resident.2', 'start:', 'end:', 'end_latest:', 'assisted_end:', 'assisted_end_latest:', 'default:',
        'low_income_elderly:', 'waiting_days:', 'waiting_exempt:', 'newborn_grace_days:', 'late_recognition.unenrolled:',
        'late_recognition.in_benefit_period:', 'late_recognition.before_benefit:', 'late_recognition.benefit_start:',
        'ended_before_enrollment.edge_of_poverty:', 'assisted_student_may_choose_region:', 'waiting_exempt_after_employee_months:',
        'suspend_during_employee_insurance:', 'duplicate_enrollment:', 'cross_scheme_duplicate:', 'student_region:']) {
        expect(j, `${code} ${key}`).toContain(key);
      }
    }
    expect(jurisdiction('500000')).toMatch(/waiting_days: absent \(gap/);
  });
});
