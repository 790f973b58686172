import { parseAmountFen } from '../normalise/amount.js';
import { parseDateTime } from '../normalise/dates.js';
import { parsePayerType, parsePaymentCategory, parseTier } from '../normalise/labels.js';
import type { PaymentRow } from '../db/staging-shapes.js';
import { REQUIRED_PAYMENT_COLUMNS, type HeaderMap, type PaymentColumn } from './header-map.js';
import type { RowReject } from './reason-codes.js';
import { cellsOf, missingFields, parsePersonRegion } from './row-cells.js';
import { parseCoverageYear } from './coverage-year.js';

export type { PaymentRow } from '../db/staging-shapes.js';

/**
 * Turns one payments record into a row, or says why it is rejected. Required fields are checked first
 * (`MISSING_FIELD` names every empty one), then each field in column order; the first problem is reported.
 */
export function toPaymentRow(
  record: string[], map: HeaderMap<PaymentColumn>, today: string,
): { row: PaymentRow } | { reject: RowReject } {
  const cell = cellsOf(record, map);
  // Each cell is cleaned once (this runs for every payment line).
  const txnId = cell('txn_id');
  const idText = cell('id_number');
  const name = cell('name');
  const regionText = cell('region_code');
  const yearText = cell('coverage_year');
  const amountText = cell('amount');
  const paidText = cell('paid_at');
  if (txnId === '' || idText === '' || name === '' || regionText === '' || yearText === '' || amountText === '' || paidText === '') {
    return { reject: missingFields(REQUIRED_PAYMENT_COLUMNS, cell)! };
  }

  const who = parsePersonRegion(idText, regionText, today);
  if ('reject' in who) return who;
  const year = parseCoverageYear(yearText);
  if (year === null) return { reject: { reason: 'BAD_YEAR', detail: `coverage_year "${yearText}" is not a year` } };
  const amountFen = parseAmountFen(amountText);
  if (amountFen === null) {
    return { reject: { reason: 'BAD_AMOUNT', detail: `amount "${amountText}" is not yuan with at most 2 decimals` } };
  }
  const paid = parseDateTime(paidText);
  if (!paid) return { reject: { reason: 'BAD_DATE', detail: `paid_at "${paidText}" is not a valid date` } };

  const payerText = cell('payer_type');
  const payerType = payerText === '' ? 'personal' : parsePayerType(payerText);
  if (!payerType) return { reject: { reason: 'BAD_PAYER_TYPE', detail: `payer_type "${payerText}" is unknown` } };
  const categoryText = cell('category');
  const category = categoryText === '' ? 'resident' : parsePaymentCategory(categoryText);
  if (!category) return { reject: { reason: 'BAD_CATEGORY', detail: `category "${categoryText}" is unknown` } };
  const tierText = cell('tier');
  const tier = tierText === '' ? '1' : parseTier(tierText);
  if (!tier) return { reject: { reason: 'BAD_TIER', detail: `tier "${tierText}" is not 1 or 2` } };

  return {
    row: {
      txnId,
      idNumber: who.idNumber,
      name,
      regionCode: who.regionCode,
      coverageYear: year,
      amountFen,
      paidOn: paid.date,
      paidTime: paid.time,
      payerType,
      category,
      tier,
      channel: cell('channel'),
    },
  };
}
