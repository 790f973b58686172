import type { Refund, ResultRow } from '../person-facts.js';

/**
 * Every refund a row gives rise to, in one place (rules 2 and 6); a row's refund_due is their sum.
 * - DUPLICATE_ENROLLMENT: the whole net collection, personal part to the person, assistance part to the fund;
 * - REFUND_DUE (assistance recognised after paying): C_p − E to the person;
 * - OVERPAID: C_p − E to the person;
 * - C_a > A, whatever the status: C_a − A to the assistance fund.
 * A row whose money is unknown (a policy gap) refunds nothing. A REFUND_DUE refund cites the row's clauses
 * (its assistance clause among them) and `lateRecognitionClause`, the chain's clause on recognitions after
 * payment (赣医保发〔2022〕14号 三(二) in Jiangxi), where the row's chain carries one.
 */
export function refundsOf(row: ResultRow, lateRecognitionClause: string | null = null): Refund[] {
  const base = { idNumber: row.idNumber, name: row.name, regionCode: row.regionCode, rule: row.rule };
  const out: Refund[] = [];
  if (row.status === 'DUPLICATE_ENROLLMENT') {
    if (row.collectedPersonal > 0) out.push({ ...base, payee: 'person', amount: row.collectedPersonal, reason: 'DUPLICATE_ENROLLMENT' });
    if (row.collectedAssistance > 0) out.push({ ...base, payee: 'assistance_fund', amount: row.collectedAssistance, reason: 'DUPLICATE_ENROLLMENT' });
    return out;
  }
  if (row.expectedPersonal === null || row.expectedAssistance === null) return out;
  if (row.status === 'REFUND_DUE') {
    out.push({
      ...base, payee: 'person', amount: row.collectedPersonal - row.expectedPersonal, reason: 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT',
      rule: lateRecognitionClause ? [...row.rule, lateRecognitionClause] : row.rule,
    });
  }
  if (row.status === 'OVERPAID') out.push({ ...base, payee: 'person', amount: row.collectedPersonal - row.expectedPersonal, reason: 'OVERPAID' });
  if (row.collectedAssistance > row.expectedAssistance) {
    out.push({ ...base, payee: 'assistance_fund', amount: row.collectedAssistance - row.expectedAssistance, reason: 'ASSISTANCE_OVERPAID' });
  }
  return out;
}
