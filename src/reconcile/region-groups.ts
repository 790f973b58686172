import type { PaymentFact } from './person-facts.js';
import { netPaid } from './rules/collected.js';

/** A person's payments in one region, with what rules 2, 4 and 5 read of them. */
export type RegionGroup = {
  regionCode: string;
  payments: PaymentFact[];
  netPersonal: number;
  netAssistance: number;
  hasStudentPayment: boolean;
  /** The earliest positive payment (any payer), or the earliest payment when none is positive. */
  first: PaymentFact;
  /** The latest positive payment (its category and tier apply, rule 4), or the latest payment. */
  latest: PaymentFact;
};

/** Groups payments (already in payment order) by region, regions in code order. */
export function groupByRegion(payments: PaymentFact[]): RegionGroup[] {
  const byRegion = new Map<string, PaymentFact[]>();
  for (const p of payments) {
    const list = byRegion.get(p.regionCode) ?? [];
    list.push(p);
    byRegion.set(p.regionCode, list);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([regionCode, list]) => {
      const positive = list.filter((p) => p.amountFen > 0);
      return {
        regionCode,
        payments: list,
        netPersonal: netPaid(list, 'personal'),
        netAssistance: netPaid(list, 'assistance'),
        hasStudentPayment: list.some((p) => p.category === 'student' && p.amountFen >= 0),
        first: (positive[0] ?? list[0])!,
        latest: (positive[positive.length - 1] ?? list[list.length - 1])!,
      };
    });
}
