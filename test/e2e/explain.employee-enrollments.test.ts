import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { idNumber } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * `recon explain ID` lists the person's employee-insurance enrollments (spec 2.5, v2) in their own section:
 * region, from, to, kind, the file and line, and what the reconcile read of each on its as-of date (later
 * starts left out, later ends read as still insured: spec 4 preamble).
 */
describe('recon explain: employee-insurance enrollments', () => {
  const n = night();
  // From scripts/make-fixtures.mjs: the 7.1 resident, the 7.13 late payer, the roster-only 低保 retiree.
  const okResident = idNumber('360702', '19800101', '901');
  const latePayer = idNumber('360702', '19910210', '943');
  const retiree = idNumber('360702', '19520303', '944');
  const twoRegions = idNumber('360702', '19920412', '908');
  beforeAll(() => {
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
  });
  const section = (id: string) => {
    const r = recon(['explain', id, '--db', n.db]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.split('\n\n').find((s) => s.startsWith('Employee-insurance enrollments'))!;
  };

  it('an enrollment ending after the as-of date; one whose end a later snapshot set names that file and line', () => {
    expect(section(okResident)).toBe([
      'Employee-insurance enrollments 职工医保 (1):',
      '  360702 2023-03-01 .. 2023-06-30 employee  陈某己  [employees-ganzhou-2023-07.csv:6]  (ends after the as-of date: read as still insured)',
    ].join('\n'));
    // An employee with no payment nor roster entry (no result row): explain still lists what is held of them.
    expect(section(idNumber('360702', '19920303', '942'))).toBe([
      'Employee-insurance enrollments 职工医保 (1):',
      '  360702 2022-06-01 .. 2023-04-30 flexible  司马某乙  [employees-ganzhou-2023-02.csv:5, insured_to from employees-ganzhou-2023-07.csv:5]  (ends after the as-of date: read as still insured)',
    ].join('\n'));
  });

  it('an enrollment that ended before the as-of date, and an open one with its kind', () => {
    expect(section(latePayer)).toBe([
      'Employee-insurance enrollments 职工医保 (1):',
      '  360702 2021-03-01 .. 2022-12-20 employee  柏某丁  [employees-ganzhou-2023-02.csv:2]',
    ].join('\n'));
    expect(section(retiree)).toBe([
      'Employee-insurance enrollments 职工医保 (1):',
      '  360702 2013-01-01 .. open       retiree   窦某己  [employees-ganzhou-2023-02.csv:3]',
    ].join('\n'));
  });

  /** The lines of the person's result that say what the employee enrollments changed. */
  const effects = (id: string) => {
    const r = recon(['explain', id, '--db', n.db]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.split('\n').filter((l) => /^ {2}(employee insurance|benefits suspended)/.test(l));
  };

  it('says what they changed: the overlap and its suspension, the overlap to review, the lapse exemption, insured as an employee', () => {
    expect(effects(okResident)).toEqual([
      '  employee insurance overlaps the resident benefit period (rule 9): resident 360702 from 2023-01-01; employee 360702 2023-03-01 .. open; '
        + 'overlap 2023-03-01 .. 2023-12-31 (still insured); resident benefits suspended from 2023-03-01 while insured',
      '  benefits suspended from 2023-03-01, until the employee insurance ends (employee insurance in 360702; 赣医保发〔2022〕14号 四(六))',
    ]);
    expect(effects(idNumber('360702', '19840404', '945'))).toEqual([
      '  employee insurance overlaps the resident benefit period (rule 9): resident 360702 from 2023-01-01; employee 360702 2020-01-01 .. open; '
        + 'overlap 2023-01-01 .. 2023-12-31 (still insured); already employee-insured when the resident benefits start: review',
    ]);
    expect(effects(latePayer)).toEqual([
      '  employee insurance: ended within waiting_exempt_after_employee_months before the payment (rule 7 case 5): benefits from the day after it, 2023-02-11, no waiting period',
    ]);
    expect(effects(retiree)).toEqual([
      '  employee insurance: insured in the employee scheme for the whole benefit period (rule 6): nothing is expected in the resident scheme, not a 应保尽保 gap',
    ]);
    expect(effects(twoRegions)).toEqual([]);
  });

  it('a person with none says so', () => {
    expect(section(twoRegions)).toBe('Employee-insurance enrollments 职工医保 (0):');
  });
});
