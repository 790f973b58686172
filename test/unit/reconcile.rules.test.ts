import { describe, expect, it } from 'vitest';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { decideStatus } from '../../src/reconcile/rules/status.js';
import { validatePolicyFile, PolicyFileError } from '../../src/policy/policy-file.js';
import { ctx, only, pay, person, roster } from '../helpers/facts.js';

describe('rule 3: entitled assistance and the collection window (Ganzhou 2022-09-01..2022-12-31)', () => {
  it('an entry that ended the day before the window opened does not count; one ending inside it, on or after enrollment, does', () => {
    expect(only(person([pay('2022-10-01', 350)], [roster('minimum_living', '2022-01-01', '2022-08-31')])).subsidy).toBe(0);
    expect(only(person([pay('2022-10-01', 30)], [roster('minimum_living', '2022-01-01', '2022-10-01')])).subsidy).toBe(32000);
  });

  it('recognition on the window\'s last day counts; the day after, for a payer, does not (LATE_RECOGNITION_NO_REFUND)', () => {
    const onLastDay = only(person([pay('2022-10-01', 350)], [roster('minimum_living', '2022-12-31')]));
    expect(onLastDay).toMatchObject({ status: 'REFUND_DUE', refundDue: 32000 });
    const dayAfter = only(person([pay('2022-10-01', 350)], [roster('minimum_living', '2023-01-01')]));
    expect(dayAfter).toMatchObject({ status: 'OK', subsidy: 0 });
    expect(dayAfter.flags).toContain('LATE_RECOGNITION_NO_REFUND');
  });

  it('a person recognised after the window who had not paid is assisted; (v2) paying inside the span Ganzhou\'s counties may still extend for fixed-amount assisted persons, the benefit start is blank and flagged', () => {
    const r = only(person([pay('2023-02-10', 30)], [roster('minimum_living', '2023-02-01')]), '2023-03-01');
    expect(r).toMatchObject({ subsidy: 32000, expectedPersonal: 3000, status: 'OK', benefitStart: null });
    expect(r.flags).toContain('POLICY_GAP:collection_window.assisted_end');
    expect(r.flags).not.toContain('LATE_PAYMENT');
  });

  it('several categories: the highest value wins and MULTIPLE_ASSISTANCE is flagged', () => {
    const r = only(person([pay('2022-10-01', 0)], [roster('minimum_living', '2022-01-01'), roster('extreme_poverty', '2022-02-01')]));
    expect(r).toMatchObject({ subsidy: 35000, assistanceCategory: 'extreme_poverty', expectedPersonal: 0 });
    expect(r.flags).toContain('MULTIPLE_ASSISTANCE');
  });
});

describe('rule 5: duplicate payments and reversals', () => {
  it('a reversal followed by a re-payment is not a duplicate payment', () => {
    const r = only(person([pay('2022-10-01', 350), pay('2022-10-02', -350), pay('2022-10-03', 350)]));
    expect(r.status).toBe('OK');
    expect(r.flags).toEqual(['REVERSED']);
  });

  it('a tier-2 top-up is not a duplicate (Chongqing 350 then 375)', () => {
    const r = only(person([pay('2022-11-01', 350, { regionCode: '500101' }), pay('2022-11-20', 375, { regionCode: '500101', tier: '2' })]), '2023-02-01');
    expect(r).toMatchObject({ tier: '2', expectedPersonal: 72500, collectedPersonal: 72500, status: 'OK' });
    expect(r.flags).not.toContain('DUPLICATE_PAYMENT');
  });

  it('two full payments are a duplicate payment and the excess is refunded', () => {
    const r = only(person([pay('2022-10-01', 350), pay('2022-10-05', 350)]));
    expect(r).toMatchObject({ status: 'OVERPAID', refundDue: 35000 });
    expect(r.flags).toContain('DUPLICATE_PAYMENT');
  });
});

describe('rule 2: two regions', () => {
  it('without a student payment the earliest is primary; with one, the student\'s region is', () => {
    const a = reconcilePerson(person([pay('2022-09-10', 350), pay('2022-10-12', 350, { regionCode: '360100' })]), ctx()).rows;
    expect(a.map((r) => [r.regionCode, r.status])).toEqual([['360100', 'DUPLICATE_ENROLLMENT'], ['360702', 'OK']]);
    const b = reconcilePerson(person([pay('2022-09-10', 350), pay('2022-11-02', 320, { regionCode: '500101', category: 'student' })]), ctx()).rows;
    expect(b.map((r) => [r.regionCode, r.status, r.isPrimary])).toEqual([['360702', 'DUPLICATE_ENROLLMENT', false], ['500101', 'OK', true]]);
  });
});

describe('rule 7: newborns and the grace period', () => {
  const born = '2022-11-20';
  it('paying on day 90 is covered from the period start; on day 91 waits 90 days', () => {
    const day90 = only(person([pay('2023-02-18', 350, { category: 'newborn' })], [], born));
    expect(day90.benefitStart).toBe('2023-01-01');
    const day91 = only(person([pay('2023-02-19', 350, { category: 'newborn' })], [], born));
    expect(day91.benefitStart).toBe('2023-05-20');
  });
});

describe('rule 6: statuses and the as-of date', () => {
  it('PENDING on the deadline, UNPAID/UNDERPAID after it', () => {
    const base = { duplicateEnrollment: false, policyGap: false, expectedPersonal: 35000, collectedAssistance: 0, subsidy: 0, paidBeforeRecognition: false, deadline: { date: '2022-12-31', latest: null, gap: null }, hasPayments: true, entitled: false };
    expect(decideStatus({ ...base, collectedPersonal: 0, asOf: '2022-12-31' })).toBe('PENDING');
    expect(decideStatus({ ...base, collectedPersonal: 0, asOf: '2023-01-01' })).toBe('UNPAID');
    expect(decideStatus({ ...base, collectedPersonal: 100, asOf: '2023-01-01' })).toBe('UNDERPAID');
    expect(decideStatus({ ...base, collectedPersonal: 0, asOf: '2023-01-01', hasPayments: false, entitled: true })).toBe('NOT_ENROLLED');
  });

  it('a region with no policy file of its own inherits its province and the national values', () => {
    const r = only(person([pay('2022-10-01', 350, { regionCode: '360799' })]));
    expect(r).toMatchObject({ standard: 35000, status: 'OK' }); // 360799 → 360700 → 360000 → 000000
  });

  it('an absent value is a POLICY_GAP naming the key, never a guess', () => {
    const r = only(person([pay('2022-10-01', 350, { regionCode: '410800' })], [roster('minimum_living', '2022-01-01', null, '410800')]));
    expect(r).toMatchObject({ status: 'POLICY_GAP', expectedPersonal: null });
    expect(r.flags).toContain('POLICY_GAP:collection_window');
  });
});

describe('policy file validation', () => {
  it('names the file, key and problem', () => {
    expect(() => validatePolicyFile('360700-2023.json', { region_code: '360700', coverage_year: 2023, assistance: { minimum_living: -5 } })).toThrow(PolicyFileError);
    expect(() => validatePolicyFile('360700-2023.json', { region_code: '360700', coverage_year: 2023, assistance: { minimum_living: -5 } })).toThrow('assistance.minimum_living');
    expect(() => validatePolicyFile('360700-2023.json', { region_code: '360100', coverage_year: 2023 })).toThrow('region_code');
  });
});
