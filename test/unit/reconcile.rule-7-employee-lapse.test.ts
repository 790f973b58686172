import { describe, expect, it } from 'vitest';
import { benefitStartOn } from '../../src/reconcile/rules/benefit-start.js';
import { chainOf, employment, only, pay, person } from '../helpers/facts.js';

const jiangxi = chainOf({
  waiting_days: 90, waiting_exempt_after_employee_months: 3,
  citations: { waiting_days: '四(一)', waiting_exempt_after_employee_months: '四(七)' },
});
const withoutKey = chainOf({ waiting_days: 90, citations: { waiting_days: '四(一)' } });
const at = (metOn: string, ended: string | null, chain = jiangxi) => benefitStartOn({
  metOn, deadline: { date: '2022-12-31', latest: null, gap: null }, chain, category: 'resident', birthDate: '1980-01-01',
  recognisedAfterWindow: false, employeeEnrollments: [employment('2019-01-01', ended)],
});

describe('rule 7 case 5 (v2): an employee-insurance lapse of at most waiting_exempt_after_employee_months', () => {
  it('spec 7.13: pays 350.00 on 2023-02-10 (late), employee insurance ended 2022-12-20: benefits from 2023-02-11', () => {
    const row = only(person([pay('2023-02-10', 350)], [], '1980-01-01', [employment('2021-03-01', '2022-12-20')]), '2023-06-01');
    expect(row).toMatchObject({ status: 'OK', benefitStart: '2023-02-11', flags: ['EMPLOYEE_LAPSE_EXEMPT', 'LATE_PAYMENT'], actions: [] });
    expect(row.rule).toContain('赣医保发〔2022〕14号 四(七)');
  });

  it('just inside 3 months: ended on T minus 3 months; just outside: the day before it', () => {
    expect(at('2023-02-10', '2022-11-10')).toEqual({ date: '2023-02-11', flags: ['LATE_PAYMENT', 'EMPLOYEE_LAPSE_EXEMPT'], citations: ['四(七)'] });
    expect(at('2023-02-10', '2022-11-09')).toEqual({ date: '2023-05-11', flags: ['LATE_PAYMENT'], citations: ['四(一)'] });
  });

  it('month ends: T 2023-05-31 reaches back to 2023-02-28 (February has no 31st)', () => {
    expect(at('2023-05-31', '2023-02-28')?.date).toBe('2023-06-01');
    expect(at('2023-05-31', '2023-02-27')?.date).toBe('2023-08-29');
  });

  it('not a lapse: ended on T itself or later, or still insured', () => {
    expect(at('2023-02-10', '2023-02-10')?.flags).toEqual(['LATE_PAYMENT']);
    expect(at('2023-02-10', null)?.flags).toEqual(['LATE_PAYMENT']);
  });

  it('the chain lacking the key while a lapse exists: blank, POLICY_GAP:waiting_exempt_after_employee_months; no lapse: waiting days as before', () => {
    expect(at('2023-02-10', '2022-12-20', withoutKey)).toEqual({
      date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:waiting_exempt_after_employee_months'], citations: [],
    });
    expect(at('2023-02-10', null, withoutKey)?.date).toBe('2023-05-11');
  });

  it('a payment in time is untouched by any lapse (case 1 comes first)', () => {
    expect(at('2022-12-01', '2022-11-30')).toEqual({ date: '2023-01-01', flags: [], citations: [] });
  });
});
