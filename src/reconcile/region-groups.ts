import { PaymentTallier } from './payment-tallier.js';
import type { PaymentFact, RegionTally } from './person-facts.js';

/**
 * A person's payments in one region, with what rules 2, 4 and 5 read of them (RegionTally: net personal
 * and net assistance, the student payment, the first and the latest payment).
 */
export type RegionGroup = RegionTally & { payments: PaymentFact[] };

/** Groups payments (already in payment order) by region, regions in code order, summed by PaymentTallier. */
export function groupByRegion(payments: PaymentFact[]): RegionGroup[] {
  const tally = new PaymentTallier<RegionGroup>(withList);
  for (const p of payments) tally.add(p).payments.push(p);
  return tally.regionsInOrder();
}

/** A region's summary that keeps its payments too. */
function withList(summary: RegionTally): RegionGroup {
  const group = summary as RegionGroup;
  group.payments = [];
  return group;
}
