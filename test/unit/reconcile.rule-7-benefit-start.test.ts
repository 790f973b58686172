import { describe, expect, it } from 'vitest';
import { benefitStart, obligationMetOn } from '../../src/reconcile/rules/benefit-start.js';
import { chainOf, pay } from '../helpers/facts.js';

const chain = chainOf({
  waiting_days: 90, waiting_exempt: ['veteran'], newborn_grace_days: 90,
  late_recognition: { unenrolled: 'assist' },
  citations: { waiting_days: '四(一)', waiting_exempt: '四(五)(七)', newborn_grace_days: '四(四)', late_recognition: '三(二)' },
});
const start = (payments: ReturnType<typeof pay>[], more: Partial<Parameters<typeof benefitStart>[0]> = {}) => benefitStart({
  payments, collectedPersonal: payments.reduce((s, p) => s + (p.payerType === 'personal' ? p.amountFen : 0), 0),
  collectedAssistance: payments.reduce((s, p) => s + (p.payerType === 'assistance' ? p.amountFen : 0), 0),
  expectedPersonal: 35000, expectedAssistance: 0, deadline: { date: '2022-12-31', latest: null, gap: null }, chain, category: 'resident',
  birthDate: '1980-01-01', recognisedAfterWindow: false, ...more,
});

describe('rule 7: the benefit start', () => {
  it('T is the date the cumulative payments first met the obligation (the assistance\'s when E = 0)', () => {
    expect(obligationMetOn([pay('2022-10-01', 100), pay('2022-10-05', 250)], 35000, 0)).toBe('2022-10-05');
    expect(obligationMetOn([pay('2022-10-01', 350, { payerType: 'assistance' })], 0, 35000)).toBe('2022-10-01');
    expect(obligationMetOn([pay('2022-10-01', 100)], 35000, 0)).toBeNull();
  });

  it('fiscal money meets neither obligation (spec 2.1 v2, rule 5)', () => {
    const fiscal = pay('2022-10-01', 350, { payerType: 'fiscal' });
    expect(obligationMetOn([fiscal], 0, 35000)).toBeNull();
    expect(obligationMetOn([fiscal, pay('2022-10-03', 350, { payerType: 'assistance' })], 0, 35000)).toBe('2022-10-03');
  });

  it('none while the obligation is not met, or for a row with no payments', () => {
    expect(start([pay('2022-10-01', 100)])).toBeNull();
    expect(start([pay('2022-10-01', 350, { payerType: 'assistance' })], { expectedPersonal: 0, expectedAssistance: 35000, collectedAssistance: 30000 })).toBeNull();
    expect(start([], { expectedPersonal: 0 })).toBeNull();
  });

  it('T on or before the deadline: the benefit period start', () => {
    expect(start([pay('2022-12-31', 350)])).toEqual({ date: '2023-01-01', flags: [], citations: [] });
  });

  it('T after it: LATE_PAYMENT, and T + 90 days; T + 1 for a veteran', () => {
    expect(start([pay('2023-01-20', 350)])).toEqual({ date: '2023-04-20', flags: ['LATE_PAYMENT'], citations: ['四(一)'] });
    expect(start([pay('2023-02-10', 350)], { category: 'veteran' })).toEqual({ date: '2023-02-11', flags: ['LATE_PAYMENT'], citations: ['四(五)(七)'] });
  });

  it('(v2) case 6, assisted through late_recognition unenrolled: as late_recognition.benefit_start says, else blank and POLICY_GAP:benefit_start (never T + 1)', () => {
    const late = { expectedPersonal: 3000, recognisedAfterWindow: true };
    expect(start([pay('2023-02-10', 30)], late)).toEqual({ date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:benefit_start'], citations: [] });
    const decided = (benefit_start: 'period_start' | 'waiting', more: object = {}) => chainOf({
      waiting_days: 90, late_recognition: { unenrolled: 'assist', benefit_start }, citations: { waiting_days: '四(一)', late_recognition: '三(二)' }, ...more,
    });
    expect(start([pay('2023-02-10', 30)], { ...late, chain: decided('period_start') })).toEqual({ date: '2023-01-01', flags: ['LATE_PAYMENT'], citations: ['三(二)'] });
    expect(start([pay('2023-02-10', 30)], { ...late, chain: decided('waiting') })).toEqual({ date: '2023-05-11', flags: ['LATE_PAYMENT'], citations: ['三(二)', '四(一)'] });
    // a waiting-exempt category keeps its own case (4), before case 6
    expect(start([pay('2023-02-10', 30)], { ...late, category: 'veteran' })?.date).toBe('2023-02-11');
  });

  it('(v2) the deadline undecided: T up to the certain date starts the period; up to the latest date, blank and flagged, no LATE_PAYMENT', () => {
    const deadline = { date: '2022-12-31', latest: '2023-03-31', gap: 'collection_window.assisted_end' as const };
    expect(start([pay('2022-12-31', 350)], { deadline })?.date).toBe('2023-01-01');
    expect(start([pay('2023-03-31', 350)], { deadline })).toEqual({ date: null, flags: ['POLICY_GAP:collection_window.assisted_end'], citations: [] });
    expect(start([pay('2023-04-01', 350)], { deadline })).toEqual({ date: '2023-06-30', flags: ['LATE_PAYMENT'], citations: ['四(一)'] });
  });

  it('a newborn paying within the grace days: the later of birth and the period start', () => {
    expect(start([pay('2023-02-18', 350)], { category: 'newborn', birthDate: '2022-11-20' })?.date).toBe('2023-01-01');
    expect(start([pay('2023-03-01', 350)], { category: 'newborn', birthDate: '2023-01-15' })?.date).toBe('2023-01-15');
    expect(start([pay('2023-02-19', 350)], { category: 'newborn', birthDate: '2022-11-20' })?.date).toBe('2023-05-20');
  });

  it('waiting_days absent: blank, POLICY_GAP:waiting_days', () => {
    expect(start([pay('2023-01-20', 350)], { chain: chainOf({}) })).toEqual({ date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:waiting_days'], citations: [] });
  });
});
