import type { DuplicateEntry, Refund, ResultRow } from './person-facts.js';

/**
 * The results layer's rows as values in the order of the column lists in src/db/table-columns.ts
 * (RESULT_COLUMNS, REFUND_COLUMNS, DUPLICATE_COLUMNS): what the appenders write, and what the reconcile
 * worker sends to the writer (flat arrays clone faster than nested objects).
 */
export function resultValues(year: number, r: ResultRow): unknown[] {
  return [
    year, r.idNumber, r.regionCode, r.name, r.category, r.tier, r.assistanceCategory, r.standard, r.subsidy,
    r.expectedPersonal, r.collectedPersonal, r.expectedAssistance, r.collectedAssistance, r.variance, r.refundDue,
    r.status, r.flags.join(';'), r.benefitStart, r.firstPaidAt, r.lastPaidAt, r.payments, r.isPrimary ? 1 : 0, r.rule.join('; '),
  ];
}

export function refundValues(year: number, f: Refund): unknown[] {
  return [year, f.idNumber, f.regionCode, f.payee, f.name, f.amount, f.reason, f.rule.join('; ')];
}

export function duplicateValues(year: number, d: DuplicateEntry): unknown[] {
  return [year, d.kind, d.idNumber, d.name, d.regionCodes.join(';'), d.txnIds.join(';'), d.otherIdNumber ?? '', d.detail];
}
