import { describe, expect, it } from 'vitest';
import { groupByRegion } from '../../src/reconcile/region-groups.js';
import {
  choosePrimaryRegion, duplicateEnrollmentEntry, expectedOutsidePrimary, roleOf,
} from '../../src/reconcile/rules/primary-region.js';
import { pay, person } from '../helpers/facts.js';

const regions = (enrollment: { primary: { regionCode: string }; duplicates: { regionCode: string }[] }) =>
  [enrollment.primary.regionCode, enrollment.duplicates.map((g) => g.regionCode)];

describe('rule 2: the primary region and duplicate enrollment', () => {
  it('the earliest payment\'s region is primary; every other region with net payments > 0 is a duplicate', () => {
    const groups = groupByRegion([pay('2022-10-12', 350, { regionCode: '360100' }), pay('2022-09-10', 350), pay('2022-11-01', 350, { regionCode: '500101' })]);
    expect(regions(choosePrimaryRegion(groups))).toEqual(['360702', ['360100', '500101']]);
  });

  it('a student payment makes its region primary (学籍地), however late', () => {
    const groups = groupByRegion([pay('2022-09-10', 350), pay('2022-11-02', 320, { regionCode: '500101', category: 'student' })]);
    expect(regions(choosePrimaryRegion(groups))).toEqual(['500101', ['360702']]);
  });

  it('ties: the payment time, then the lower code', () => {
    const byTime = groupByRegion([pay('2022-10-01', 350, { paidTime: '10:00:00' }), pay('2022-10-01', 350, { regionCode: '500101', paidTime: '09:00:00' })]);
    expect(choosePrimaryRegion(byTime).primary.regionCode).toBe('500101');
    const byCode = groupByRegion([pay('2022-10-01', 350, { regionCode: '500101' }), pay('2022-10-01', 350)]);
    expect(choosePrimaryRegion(byCode).primary.regionCode).toBe('360702');
  });

  it('a region whose payments net to 0 is neither primary nor duplicate while another is above 0; with none above 0 the same order picks one', () => {
    const reversed = groupByRegion([pay('2022-09-01', 350), pay('2022-09-02', -350), pay('2022-10-01', 350, { regionCode: '500101' })]);
    const enrollment = choosePrimaryRegion(reversed);
    expect(regions(enrollment)).toEqual(['500101', []]);
    expect(reversed.map((g) => roleOf(g, enrollment))).toEqual(['secondary', 'primary']);
    const none = groupByRegion([pay('2022-10-01', 350, { regionCode: '500101' }), pay('2022-10-02', -350, { regionCode: '500101' }), pay('2022-11-01', 0)]);
    expect(regions(choosePrimaryRegion(none))).toEqual(['500101', []]);
  });

  it('a duplicate enrollment expects nothing and shows no standard; a secondary region expects 0 of a standard of 0', () => {
    expect(expectedOutsidePrimary('duplicate')).toEqual({ standard: null, subsidy: 0, personal: 0, assistance: 0, gaps: [] });
    expect(expectedOutsidePrimary('secondary')).toEqual({ standard: 0, subsidy: 0, personal: 0, assistance: 0, gaps: [] });
  });

  it('the duplicates.csv entry names every region (sorted) and the duplicates\' payments', () => {
    const p1 = pay('2022-09-10', 350, { name: '甲' });
    const p2 = pay('2022-10-12', 350, { regionCode: '360100' });
    const groups = groupByRegion([p1, p2]);
    expect(duplicateEnrollmentEntry(person([p1, p2]), choosePrimaryRegion(groups))).toEqual({
      kind: 'DUPLICATE_ENROLLMENT', idNumber: 'X', name: '甲', regionCodes: ['360100', '360702'], txnIds: [p2.txnId],
      otherIdNumber: null, detail: 'primary region 360702; refunded in 360100',
    });
  });
});
