import type { PaymentFact, PaymentTally, RegionTally } from './person-facts.js';

/**
 * Sums one person's payments per region as they are read, holding nothing per payment: a few numbers and
 * two payments per region. For a person with too many payments to hold (person-stream.ts), whose result
 * rows show what was collected without the rules being applied. The sums are the rules' own (rule 5, as
 * region-groups.ts counts them): net personal and net assistance by payer type, so the results layer's
 * "collected = payments" invariant holds for these rows too. Payments must come in payment order.
 */
export class PaymentTallier {
  private readonly regions = new Map<string, RegionTally>();
  private payments = 0;
  private name: string | null = null;
  private severalNames = false;

  add(p: PaymentFact): void {
    this.payments++;
    if (this.name === null) this.name = p.name;
    else if (p.name !== this.name) this.severalNames = true;
    let r = this.regions.get(p.regionCode);
    if (!r) {
      r = {
        regionCode: p.regionCode, payments: 0, netPersonal: 0, netAssistance: 0, hasStudentPayment: false, reversed: false,
        first: p, latest: p, firstPaidOn: p.paidOn, lastPaidOn: p.paidOn,
      };
      this.regions.set(p.regionCode, r);
    }
    r.payments++;
    if (p.payerType === 'personal') r.netPersonal += p.amountFen;
    else if (p.payerType === 'assistance') r.netAssistance += p.amountFen;
    if (p.category === 'student' && p.amountFen >= 0) r.hasStudentPayment = true;
    if (p.amountFen < 0) r.reversed = true;
    // In payment order: the first positive payment replaces a non-positive first, every positive one is the latest.
    if (p.amountFen > 0) {
      if (!(r.first.amountFen > 0)) r.first = p;
      r.latest = p;
    } else if (!(r.latest.amountFen > 0)) r.latest = p;
    r.lastPaidOn = p.paidOn;
  }

  result(): PaymentTally {
    const regions = [...this.regions.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
    return { payments: this.payments, regions, severalNames: this.severalNames };
  }
}
