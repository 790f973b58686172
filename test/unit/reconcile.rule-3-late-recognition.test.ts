import { describe, expect, it } from 'vitest';
import type { LateRecognition } from '../../src/policy/policy-file.js';
import { entitledAssistance, type StartWithoutLate } from '../../src/reconcile/rules/entitled-assistance.js';
import { chainOf, only, pay, person, roster } from '../helpers/facts.js';

const window = { start: '2022-09-01', end: '2022-12-31' };
const chainWith = (late_recognition?: LateRecognition) => chainOf({ assistance: { minimum_living: 32000 }, ...(late_recognition ? { late_recognition } : {}) });
/** A 低保 recognised 2023-03-01 (after the window), as of 2023-05-01. */
const assess = (chain: ReturnType<typeof chainOf>, payments: ReturnType<typeof pay>[], start: StartWithoutLate = { kind: 'date', date: '2023-01-01' }) => {
  let asked = 0;
  const r = entitledAssistance({
    roster: [roster('minimum_living', '2023-03-01')], regionCode: '360702', chain, window, standard: 35000, asOf: '2023-05-01', payments,
    startWithoutLate: () => (asked++, start),
  });
  return { ...r, asked };
};
const JIANGXI = { unenrolled: 'assist', in_benefit_period: 'no_refund' } as const;

describe('rule 3 (v2): a recognition after the window, as the chain\'s late_recognition decides (三(二))', () => {
  it('unenrolled (net of payments before effective_from not above 0): assist, counted as late; the benefit start is not asked', () => {
    expect(assess(chainWith(JIANGXI), [pay('2023-03-10', 30)])).toMatchObject({ subsidy: 32000, giving: { late: true }, asked: 0 });
    // paid and fully reversed before the recognition: not enrolled
    expect(assess(chainWith(JIANGXI), [pay('2022-10-01', 350), pay('2022-11-01', -350), pay('2023-03-10', 30)]).subsidy).toBe(32000);
  });

  it('unenrolled, undecided: POLICY_GAP:late_recognition', () => {
    expect(assess(chainWith(), [pay('2023-03-10', 30)])).toMatchObject({ subsidy: 0, gaps: ['late_recognition'] });
  });

  it('in the benefit period (the start without this entry on or before effective_from): no_refund flags and does not count; refund counts', () => {
    expect(assess(chainWith(JIANGXI), [pay('2022-10-01', 350)])).toMatchObject({ subsidy: 0, counted: [], flags: ['LATE_RECOGNITION_NO_REFUND'], asked: 1 });
    expect(assess(chainWith(JIANGXI), [pay('2022-10-01', 350)], { kind: 'date', date: '2023-03-01' }).flags).toEqual(['LATE_RECOGNITION_NO_REFUND']);
    expect(assess(chainWith({ in_benefit_period: 'refund' }), [pay('2022-10-01', 350)])).toMatchObject({ subsidy: 32000, giving: { late: false }, flags: [] });
    expect(assess(chainWith({ unenrolled: 'assist' }), [pay('2022-10-01', 350)])).toMatchObject({ subsidy: 0, gaps: ['late_recognition'] });
  });

  it('enrolled, benefits not yet started (a later start, or the obligation not met): before_benefit decides, else a gap', () => {
    const later: StartWithoutLate = { kind: 'date', date: '2023-04-20' };
    expect(assess(chainWith(JIANGXI), [pay('2023-01-20', 350)], later)).toMatchObject({ subsidy: 0, gaps: ['late_recognition'], flags: [] });
    expect(assess(chainWith(JIANGXI), [pay('2022-10-01', 100)], { kind: 'not_started' })).toMatchObject({ gaps: ['late_recognition'] });
    expect(assess(chainWith({ ...JIANGXI, before_benefit: 'refund' }), [pay('2023-01-20', 350)], later)).toMatchObject({ subsidy: 32000, gaps: [] });
    expect(assess(chainWith({ ...JIANGXI, before_benefit: 'no_refund' }), [pay('2023-01-20', 350)], later))
      .toMatchObject({ subsidy: 0, gaps: [], flags: ['LATE_RECOGNITION_NO_REFUND'] });
  });

  it('the start without this entry unknown (rule 7 left it blank): decided only where both keys say the same', () => {
    const unknown: StartWithoutLate = { kind: 'unknown' };
    expect(assess(chainWith(JIANGXI), [pay('2023-01-20', 350)], unknown).gaps).toEqual(['late_recognition']);
    expect(assess(chainWith({ ...JIANGXI, before_benefit: 'no_refund' }), [pay('2023-01-20', 350)], unknown).flags).toEqual(['LATE_RECOGNITION_NO_REFUND']);
  });

  it('recognitions starting after D are ignored', () => {
    const r = entitledAssistance({
      roster: [roster('minimum_living', '2023-05-02')], regionCode: '360702', chain: chainWith(), window, standard: 35000, asOf: '2023-05-01',
      payments: [pay('2022-10-01', 350)], startWithoutLate: () => ({ kind: 'unknown' }),
    });
    expect(r).toMatchObject({ subsidy: 0, gaps: [], flags: [] });
  });

  it('with the shipped policies: the benefit start without the late entry is rule 7 with S from the in-window entries only', () => {
    // Ganzhou, paid 2023-01-20: late, benefits from 2023-04-20; recognised 03-01: before the benefits (spec 7.9), a gap
    const ex9 = only(person([pay('2023-01-20', 350)], [roster('minimum_living', '2023-03-01')]), '2023-05-01');
    expect(ex9).toMatchObject({ status: 'POLICY_GAP', benefitStart: null, flags: ['POLICY_GAP:late_recognition'] });
    // recognised 2023-04-21: in the benefit period since 04-20: no refund
    const after = only(person([pay('2023-01-20', 350)], [roster('minimum_living', '2023-04-21')]), '2023-05-01');
    expect(after).toMatchObject({ status: 'OK', subsidy: 0, benefitStart: '2023-04-20', flags: ['LATE_PAYMENT', 'LATE_RECOGNITION_NO_REFUND'] });
    // an in-window 低保 (fixed amount, E 30) met in the window: benefits from 01-01, so a late 特困 finds the person in the benefit period
    const two = only(person([pay('2022-10-01', 30), pay('2022-10-01', 320, { payerType: 'assistance' })],
      [roster('minimum_living', '2022-01-01'), roster('extreme_poverty', '2023-02-01')]), '2023-05-01');
    expect(two).toMatchObject({ status: 'OK', subsidy: 32000, assistanceCategory: 'minimum_living', flags: ['LATE_RECOGNITION_NO_REFUND'] });
  });
});
