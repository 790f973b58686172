import type { PaymentFact, ResultRow, RosterFact } from '../person-facts.js';
import type { RegionGroup } from '../region-groups.js';

/**
 * A row's place in rule 2: the region where the person is enrolled (`primary`; a roster-only row is one),
 * another region with net payments > 0 (`duplicate`), or another region whose net is 0 or less
 * (`secondary`: listed so that every payment appears in some row).
 */
export type RowRole = 'primary' | 'duplicate' | 'secondary';

/** What one result row is reconciled from: plain data, the same for a region with payments and a roster-only row. */
export type RowFacts = {
  regionCode: string;
  role: RowRole;
  /** The latest positive payment's name, or the roster entry's. */
  name: string;
  /** Of the latest positive payment in the region (rule 4); `resident`, tier 1 for a roster-only row. */
  category: string;
  tier: string;
  /** The region's payments, in payment order; none for a roster-only row. */
  payments: PaymentFact[];
  /** C_p and C_a (rule 5). */
  netPersonal: number;
  netAssistance: number;
  firstPaidAt: string | null;
  lastPaidAt: string | null;
  /** The roster entries rule 3 reads: all the person's, or the one entry of a roster-only candidate. */
  roster: RosterFact[];
};

/** Rule 1: the row of a region where the person has payments for the year. */
export function regionRow(group: RegionGroup, role: RowRole, roster: RosterFact[]): RowFacts {
  let first = group.payments[0]!.paidOn;
  let last = first;
  for (const p of group.payments) {
    if (p.paidOn < first) first = p.paidOn;
    if (p.paidOn > last) last = p.paidOn;
  }
  return {
    regionCode: group.regionCode, role, name: group.latest.name, category: group.latest.category, tier: group.latest.tier,
    payments: group.payments, netPersonal: group.netPersonal, netAssistance: group.netAssistance,
    firstPaidAt: first, lastPaidAt: last, roster,
  };
}

/**
 * Rule 1 for a person with no payments: one candidate row per roster entry (in region-code order), a
 * `resident` of tier 1 assessed on that entry alone; chooseRosterOnlyRow keeps one.
 */
export function rosterOnlyCandidates(roster: RosterFact[]): RowFacts[] {
  return [...roster].sort((a, b) => a.regionCode.localeCompare(b.regionCode)).map((entry) => ({
    regionCode: entry.regionCode, role: 'primary', name: entry.name, category: 'resident', tier: '1',
    payments: [], netPersonal: 0, netAssistance: 0, firstPaidAt: null, lastPaidAt: null, roster: [entry],
  }));
}

/**
 * Rule 1: the roster-only row is the candidate whose entry gives the highest value (the first among equals,
 * so the lower region code); an entry giving nothing is no row. A POLICY_GAP candidate is kept (value 0):
 * entitlement cannot be decided there, and an auditor should see the person rather than lose them.
 */
export function chooseRosterOnlyRow<C extends { row: ResultRow }>(candidates: C[]): C | null {
  let best: { candidate: C; value: number } | null = null;
  for (const candidate of candidates) {
    const value = candidate.row.subsidy ?? 0;
    if (value === 0 && candidate.row.status !== 'POLICY_GAP') continue;
    if (!best || value > best.value) best = { candidate, value };
  }
  return best?.candidate ?? null;
}
