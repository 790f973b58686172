import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { tmp } from '../helpers/files.js';

/**
 * `recon policies --policies DIR` on an operator's override that uses every v2 form (a floor, "none",
 * "set_locally", end_latest, assisted_end_latest, each rule key): each printed as what it is, with the level
 * that set it. Needs the v2 policy validation (h16-policy branch): the v1 validator refuses these forms.
 */
describe('recon policies: an override in every v2 form', () => {
  let out = '';
  const j = (code: string) => out.slice(out.indexOf(`\n${code} `), out.indexOf('\n\n', out.indexOf(`\n${code} `) + 1));
  beforeAll(() => {
    const dir = tmp();
    const file = (name: string, body: object) => writeFileSync(join(dir, name), JSON.stringify(body));
    file('430000-2023.json', {
      region_code: '430000', coverage_year: 2023,
      personal_standard: { resident: { '1': { at_least: 35000 } } },
      collection_window: { start: '2022-09-01', end: '2022-12-31', end_latest: '2023-03-31' },
      assistance: { severe_disability: 'set_locally', sudden_hardship: 'none', edge_of_poverty: { same_as: 'minimum_living' } },
      late_recognition: { unenrolled: 'assist', in_benefit_period: 'no_refund' },
      ended_before_enrollment: { edge_of_poverty: 'does_not_count' },
      assisted_student_may_choose_region: true, waiting_exempt_after_employee_months: 3, suspend_during_employee_insurance: true,
      citations: { personal_standard: 'TEST floor', collection_window: 'TEST window', late_recognition: 'TEST late' },
    });
    file('430100-2023.json', {
      region_code: '430100', coverage_year: 2023,
      personal_standard: { resident: { '1': 38000 } },
      collection_window: { end_latest: '2022-12-31', assisted_end_latest: '2023-03-31' },
      late_recognition: { before_benefit: 'refund', benefit_start: 'waiting' },
      suspend_during_employee_insurance: false,
      citations: { 'personal_standard.resident.1': 'TEST city standard', 'collection_window.assisted_end_latest': 'TEST city assisted' },
    });
    const r = recon(['policies', '--year', '2023', '--policies', dir]);
    expect(r.code, r.stderr).toBe(0);
    out = r.stdout;
  });

  it('the province: a floor, an undecided end, set_locally, none, every rule key', () => {
    const p = j('430000');
    expect(p).toMatch(/resident\.1: at least 350\.00 \(a floor, 不低于[^\n]*← 430000 \(TEST floor\)/);
    expect(p).toMatch(/end: 2022-12-31, a deadline not yet decided: each pooling region may extend the whole window up to end_latest 2023-03-31/);
    expect(p).toMatch(/severe_disability: set locally \(amount not stated: POLICY_GAP\) +← 430000/);
    expect(p).toMatch(/sudden_hardship: none: not assisted +← 430000/);
    expect(p).toMatch(/edge_of_poverty: same as minimum_living +← 430000[^\n]*→ minimum_living: set locally \(amount not stated: POLICY_GAP\) +← 000000/);
    expect(p).toMatch(/late_recognition\.unenrolled: assist +← 430000 \(TEST late\)/);
    expect(p).toMatch(/ended_before_enrollment\.edge_of_poverty: does_not_count +← 430000/);
    expect(p).toMatch(/assisted_student_may_choose_region: true +← 430000/);
    expect(p).toMatch(/waiting_exempt_after_employee_months: 3 months +← 430000/);
    expect(p).toMatch(/suspend_during_employee_insurance: true +← 430000/);
  });

  it('the city: its standard over the floor, end decided by end_latest, assisted_end undecided up to assisted_end_latest, its own rule leaves', () => {
    const c = j('430100');
    expect(c).toMatch(/resident\.1: 380\.00 \(the floor above it: at least 350\.00\) +← 430100 \(TEST city standard\)/);
    expect(c).toMatch(/end: 2022-12-31, the deadline +← 430000 \(TEST window\)/);
    expect(c).toMatch(/assisted_end: absent \(gap: not yet decided for persons with fixed-amount assistance: each county may set it up to assisted_end_latest 2023-03-31/);
    expect(c).toMatch(/assisted_end_latest: 2023-03-31, [^\n]*← 430100 \(TEST city assisted\)/);
    expect(c).toMatch(/late_recognition\.unenrolled: assist +← 430000 \(TEST late\)/);
    expect(c).toMatch(/late_recognition\.before_benefit: refund +← 430100/);
    expect(c).toMatch(/late_recognition\.benefit_start: waiting +← 430100/);
    expect(c).toMatch(/suspend_during_employee_insurance: false +← 430100/);
  });
});
