import { describe, expect, it } from 'vitest';
import { benefitStartOn } from '../../src/reconcile/rules/benefit-start.js';
import type { Deadline } from '../../src/reconcile/rules/status.js';
import { chainOf, only, pay, person } from '../helpers/facts.js';

const chain = chainOf({
  waiting_days: 90, waiting_exempt: ['veteran', 'newborn'], newborn_grace_days: 90,
  late_recognition: { unenrolled: 'assist' },
  citations: { waiting_days: '四(一)', waiting_exempt: '四(五)(七)', newborn_grace_days: '四(四)', late_recognition: '三(二)' },
});
const decided: Deadline = { date: '2022-12-31', latest: null, gap: null };
const undecided: Deadline = { date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.end' };
const at = (metOn: string, more: Partial<Parameters<typeof benefitStartOn>[0]> = {}) =>
  benefitStartOn({ metOn, deadline: decided, chain, category: 'resident', birthDate: '1980-01-01', recognisedAfterWindow: false, ...more });

/** Rule 7's cases apply in their listed order (spec 4 v2): the first that applies decides. */
describe('rule 7 (v2): the cases in their listed order', () => {
  it('1 before the others: T by the deadline starts the period, whatever the category or the recognition', () => {
    for (const more of [{ category: 'veteran' }, { category: 'newborn', birthDate: '2022-11-01' }, { recognisedAfterWindow: true }]) {
      expect(at('2022-12-31', more)).toEqual({ date: '2023-01-01', flags: [], citations: [] });
    }
  });

  it('2 before 3-7: an undecided deadline and T up to its latest date: blank, the gap flag, no LATE_PAYMENT, even for a veteran', () => {
    expect(at('2023-01-20', { deadline: undecided, category: 'veteran' })).toEqual({ date: null, flags: ['POLICY_GAP:collection_window.end'], citations: [] });
    expect(at('2023-03-31', { deadline: undecided })).toEqual({ date: null, flags: ['POLICY_GAP:collection_window.end'], citations: [] });
    // After the latest date the deadline has certainly passed: LATE_PAYMENT and the later cases.
    expect(at('2023-04-01', { deadline: undecided })).toEqual({ date: '2023-06-30', flags: ['LATE_PAYMENT'], citations: ['四(一)'] });
    expect(at('2023-04-01', { deadline: undecided, category: 'veteran' })).toEqual({ date: '2023-04-02', flags: ['LATE_PAYMENT'], citations: ['四(五)(七)'] });
  });

  it('3 before 4 and 6: a newborn within the grace days is covered from birth, even if exempt or recognised late', () => {
    const newborn = { category: 'newborn', birthDate: '2023-01-15' };
    expect(at('2023-03-01', newborn)).toEqual({ date: '2023-01-15', flags: ['LATE_PAYMENT'], citations: ['四(四)'] });
    expect(at('2023-03-01', { ...newborn, recognisedAfterWindow: true })).toEqual({ date: '2023-01-15', flags: ['LATE_PAYMENT'], citations: ['四(四)'] });
    // Past the grace days, case 4 (newborn is exempt in this chain): T + 1.
    expect(at('2023-04-16', newborn)).toEqual({ date: '2023-04-17', flags: ['LATE_PAYMENT'], citations: ['四(五)(七)'] });
  });

  it('4 before 6: an exempt category recognised after the window starts the next day under its own clause', () => {
    expect(at('2023-02-10', { category: 'veteran', recognisedAfterWindow: true })).toEqual({ date: '2023-02-11', flags: ['LATE_PAYMENT'], citations: ['四(五)(七)'] });
  });

  it('7: otherwise T + waiting_days; absent, blank and POLICY_GAP:waiting_days', () => {
    expect(at('2023-01-20')).toEqual({ date: '2023-04-20', flags: ['LATE_PAYMENT'], citations: ['四(一)'] });
    expect(at('2023-01-20', { chain: chainOf({}) })).toEqual({ date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:waiting_days'], citations: [] });
  });
});

/** The undecided deadline through the rules: Jiangxi (360102 inherits end_latest 2023-03-31), as of before and after it. */
describe('rule 7 (v2): an undecided deadline, before and after its latest date', () => {
  it('T inside the undecided span: blank and flagged, no LATE_PAYMENT, as of a date before the latest and after it', () => {
    for (const asOf of ['2023-03-01', '2023-06-01']) {
      const row = only(person([pay('2023-02-01', 350, { regionCode: '360102' })]), asOf);
      expect(row, asOf).toMatchObject({ status: 'OK', benefitStart: null, flags: ['POLICY_GAP:collection_window.end'] });
    }
  });

  it('T after the latest date: LATE_PAYMENT and T + 90', () => {
    expect(only(person([pay('2023-04-02', 350, { regionCode: '360102' })]), '2023-06-01')).toMatchObject({ status: 'OK', benefitStart: '2023-07-01', flags: ['LATE_PAYMENT'] });
  });

  it('T after a reversal moves into the undecided span: blank, not the period start', () => {
    const payments = [pay('2022-10-01', 350, { regionCode: '360102' }), pay('2023-01-05', -350, { regionCode: '360102' }), pay('2023-02-01', 350, { regionCode: '360102' })];
    const row = only(person(payments), '2023-06-01');
    expect(row).toMatchObject({ status: 'OK', benefitStart: null });
    expect([...row.flags].sort()).toEqual(['POLICY_GAP:collection_window.end', 'REVERSED']);
  });
});
