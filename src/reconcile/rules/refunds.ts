import type { Refund, ResultRow } from '../person-facts.js';

/** The clause REFUND_DUE's refund cites beyond the row's own (moves to the policy data in a later issue). */
const RULE_RECOGNISED_AFTER_PAYMENT = '赣医保发〔2022〕14号 三(二)';

/**
 * Every refund a row gives rise to, in one place (rules 2 and 6); a row's refund_due is their sum.
 * - DUPLICATE_ENROLLMENT: the whole net collection, personal part to the person, assistance part to the fund;
 * - REFUND_DUE (assistance recognised after paying): C_p − E to the person;
 * - OVERPAID: C_p − E to the person;
 * - C_a > A, whatever the status: C_a − A to the assistance fund.
 * A row whose money is unknown (a policy gap) refunds nothing.
 */
export function refundsOf(row: ResultRow): Refund[] {
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
      rule: [...row.rule, RULE_RECOGNISED_AFTER_PAYMENT],
    });
  }
  if (row.status === 'OVERPAID') out.push({ ...base, payee: 'person', amount: row.collectedPersonal - row.expectedPersonal, reason: 'OVERPAID' });
  if (row.collectedAssistance > row.expectedAssistance) {
    out.push({ ...base, payee: 'assistance_fund', amount: row.collectedAssistance - row.expectedAssistance, reason: 'ASSISTANCE_OVERPAID' });
  }
  return out;
}
