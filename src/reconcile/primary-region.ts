import type { RegionGroup } from './region-groups.js';

/** What rule 2 reads of a region: a person's RegionGroup, or the RegionTally of a person too large to hold. */
export type PrimaryCandidate = Pick<RegionGroup, 'regionCode' | 'netPersonal' | 'netAssistance' | 'hasStudentPayment' | 'first'>;

/**
 * Rule 2: a person with net payments > 0 in two or more regions is enrolled once. The primary region is
 * the one with a student payment (学籍地, 赣医保发〔2022〕14号 四(三)), else the one with the earliest
 * payment, ties to the lower code. Every other region with net payments > 0 is a duplicate enrollment.
 * With no region above zero the same order picks the primary among all (so every row has one primary).
 */
export function choosePrimaryRegion<G extends PrimaryCandidate>(groups: G[]): { primary: G; duplicates: G[] } {
  const positive = groups.filter((g) => g.netPersonal + g.netAssistance > 0);
  const candidates = positive.length ? positive : groups;
  const ordered = [...candidates].sort(
    (a, b) =>
      Number(b.hasStudentPayment) - Number(a.hasStudentPayment) ||
      a.first.paidOn.localeCompare(b.first.paidOn) ||
      (a.first.paidTime ?? '').localeCompare(b.first.paidTime ?? '') ||
      a.regionCode.localeCompare(b.regionCode),
  );
  const primary = ordered[0]!;
  return { primary, duplicates: positive.filter((g) => g !== primary) };
}
