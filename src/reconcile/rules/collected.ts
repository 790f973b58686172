import type { DuplicateEntry, PaymentFact, ResultRow } from '../person-facts.js';

/**
 * Rule 5: C_p and C_a, the net payments of one payer type in a region. (A person with too many payments
 * to hold is summed the same way as the payments are read: payment-tallier.ts.)
 */
export function netPaid(payments: PaymentFact[], payer: PaymentFact['payerType']): number {
  let sum = 0;
  for (const p of payments) if (p.payerType === payer) sum += p.amountFen;
  return sum;
}

/** Spec 2.1 (v2): FISCAL_PAID when public money (`fiscal`) paid in the region; it is in neither C_p nor C_a. */
export function isFiscalPaid(payments: PaymentFact[]): boolean {
  return payments.some((p) => p.payerType === 'fiscal');
}

/** Rule 5: REVERSED when any payment in the region is negative. */
export function isReversed(payments: PaymentFact[]): boolean {
  return payments.some((p) => p.amountFen < 0);
}

/**
 * Rule 5: DUPLICATE_PAYMENT when C_p > E and the positive personal payments outnumber the negative ones by
 * two or more (a reversal and its re-payment, or a top-up to tier 2, is not a duplicate).
 */
export function isDuplicatePayment(payments: PaymentFact[], collectedPersonal: number, expectedPersonal: number): boolean {
  if (collectedPersonal <= expectedPersonal) return false;
  let surplus = 0;
  for (const p of payments) {
    if (p.payerType !== 'personal') continue;
    if (p.amountFen > 0) surplus++;
    else if (p.amountFen < 0) surplus--;
  }
  return surplus >= 2;
}

/** The duplicates.csv entry of a DUPLICATE_PAYMENT row: its positive personal payments. */
export function duplicatePaymentEntry(row: ResultRow, payments: PaymentFact[]): DuplicateEntry {
  const positives = payments.filter((p) => p.payerType === 'personal' && p.amountFen > 0);
  return {
    kind: 'DUPLICATE_PAYMENT', idNumber: row.idNumber, name: row.name, regionCodes: [row.regionCode],
    txnIds: positives.map((p) => p.txnId), otherIdNumber: null,
    detail: `${positives.length} personal payments for one enrollment`,
  };
}
