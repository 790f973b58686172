import type { PaymentFact, PaymentTally, RegionTally } from './person-facts.js';
import { studiesThere } from './rules/studies-there.js';

/**
 * Sums one person's payments per region as they are read: the region summary the rules read (rule 5's net
 * personal and net assistance, rule 2's first payment and student payment, rule 4's latest payment), and
 * what a result row shows of its payments. The one place these are computed: the rules group a person's
 * payments through it (region-groups.ts, keeping each region's payments), and a person with too many
 * payments to hold (person-stream.ts) is summed by it without keeping any (a few numbers and two payments
 * per region), so the results layer's "collected = payments" invariant holds for those rows too.
 * Payments must come in payment order.
 */
export class PaymentTallier<R extends RegionTally = RegionTally> {
  private readonly regions = new Map<string, R>();
  private payments = 0;
  private name: string | null = null;
  private severalNames = false;

  /** `start`: the summary of a region's first payment, e.g. with a list to keep its payments in (region-groups.ts). */
  constructor(private readonly start: (summary: RegionTally) => R = (summary) => summary as R) {}

  /** Adds the next payment; returns its region's summary. */
  add(p: PaymentFact): R {
    this.payments++;
    if (this.name === null) this.name = p.name;
    else if (p.name !== this.name) this.severalNames = true;
    let r = this.regions.get(p.regionCode);
    if (!r) {
      r = this.start({
        regionCode: p.regionCode, paymentCount: 0, netPersonal: 0, netAssistance: 0, hasStudentPayment: false, hasFiscalPayment: false, reversed: false,
        first: p, latest: p, firstPaidOn: p.paidOn, lastPaidOn: p.paidOn,
      });
      this.regions.set(p.regionCode, r);
    }
    r.paymentCount++;
    if (p.payerType === 'personal') r.netPersonal += p.amountFen;
    else if (p.payerType === 'assistance') r.netAssistance += p.amountFen;
    else r.hasFiscalPayment = true; // in neither C_p nor C_a (rule 5)
    if (studiesThere(p.category) && p.amountFen >= 0) r.hasStudentPayment = true;
    if (p.amountFen < 0) r.reversed = true;
    // In payment order: the first positive payment replaces a non-positive first, every positive one is the latest.
    if (p.amountFen > 0) {
      if (!(r.first.amountFen > 0)) r.first = p;
      r.latest = p;
    } else if (!(r.latest.amountFen > 0)) r.latest = p;
    r.lastPaidOn = p.paidOn;
    return r;
  }

  /** The regions in code order. */
  regionsInOrder(): R[] {
    return [...this.regions.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  }

  result(): PaymentTally {
    return { payments: this.payments, regions: this.regionsInOrder(), severalNames: this.severalNames };
  }
}
