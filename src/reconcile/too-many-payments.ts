import type { Flag, PaymentTally, PersonFacts, PersonResult, ResultRow } from './person-facts.js';
import { actionsOf } from './rules/actions.js';
import { choosePrimaryRegion } from './rules/primary-region.js';

/**
 * The result of a person with more payments than the rules may hold (MAX_PAYMENTS_PER_PERSON,
 * person-stream.ts): one row per region with payments, as rule 1 has it, showing what was collected there
 * (net personal and net assistance, the payments, the first and last payment dates), but none of the rules
 * applied. Such a file is almost certainly not one person's real payments (a test load, a migration, a
 * placeholder ID number), so nothing is decided from it: status POLICY_GAP (money unknown: expected,
 * variance and refund blank, no benefit start, for review), flag TOO_MANY_PAYMENTS naming why, and no
 * refund, duplicate enrollment or DUPLICATE_PAYMENT entry. The primary row is the region rule 2 would pick,
 * so that the person still has exactly one. NAME_MISMATCH and REVERSED are shown as for any row.
 */
export function tooManyPaymentsResult(person: PersonFacts, tally: PaymentTally, year: number): PersonResult {
  const { primary } = choosePrimaryRegion(tally.regions);
  const name = tally.regions[0]!.first.name;
  const nameMismatch = tally.severalNames || person.roster.some((r) => r.name !== name);
  const rows = tally.regions.map((r): ResultRow => {
    const flags: Flag[] = ['TOO_MANY_PAYMENTS'];
    if (r.reversed) flags.push('REVERSED');
    if (r.hasFiscalPayment) flags.push('FISCAL_PAID');
    if (nameMismatch) flags.push('NAME_MISMATCH');
    const row: ResultRow = {
      idNumber: person.idNumber, name: r.latest.name, regionCode: r.regionCode, coverageYear: year,
      category: r.latest.category, tier: r.latest.tier, assistanceCategory: null, standard: null, subsidy: null,
      expectedPersonal: null, collectedPersonal: r.netPersonal, expectedAssistance: null, collectedAssistance: r.netAssistance,
      variance: null, assistanceVariance: null, refundDue: 0, status: 'POLICY_GAP', flags: flags.sort(), actions: [], benefitStart: null,
      firstPaidAt: r.firstPaidOn, lastPaidAt: r.lastPaidOn, payments: r.paymentCount, isPrimary: r === primary, rule: [], holdsUntil: null,
    };
    // Rule 10 as for any row: a POLICY_GAP status asks for a review; nothing is refunded or collected from it.
    row.actions = actionsOf({ ...row, refunds: [], deadline: null, asOf: '' });
    return row;
  });
  return { rows, refunds: [], duplicates: [], suspensions: [], holdsUntil: null }; // no rule reads the as-of date
}
