import { parseDateTime } from '../normalise/dates.js';
import { parseIdNumber } from '../normalise/id-number.js';
import { parseRosterCategory, WIDER_THAN_A_CATEGORY } from '../normalise/labels.js';
import { cleanCell } from '../normalise/text.js';
import type { RosterRow } from '../db/staging-shapes.js';
import { REQUIRED_ROSTER_COLUMNS, type HeaderMap, type RosterColumn } from './header-map.js';
import { idNumberReject } from './id-number-reject.js';
import type { RowReject } from './reason-codes.js';
import { parseRegionCode } from './region-code.js';

export type { RosterRow } from '../db/staging-shapes.js';

/** Turns one roster record into a row, or says why it is rejected (same order of checks as payments). */
export function toRosterRow(
  record: string[], map: HeaderMap<RosterColumn>, today: string,
): { row: RosterRow } | { reject: RowReject } {
  const cell = (c: RosterColumn) => {
    const i = map.index[c];
    return i === undefined ? '' : cleanCell(record[i]);
  };
  const missing = REQUIRED_ROSTER_COLUMNS.filter((c) => cell(c) === '');
  if (missing.length) return { reject: { reason: 'MISSING_FIELD', detail: `empty: ${missing.join(', ')}` } };

  const idText = cell('id_number');
  const id = parseIdNumber(idText, today);
  if (!id.ok) return { reject: idNumberReject(idText, id) };
  const region = parseRegionCode(cell('region_code'));
  if (!region.ok) return { reject: { reason: 'BAD_REGION_CODE', detail: region.detail } };
  const category = parseRosterCategory(cell('category'));
  if (!category) {
    const wider = WIDER_THAN_A_CATEGORY.get(cell('category'));
    return { reject: { reason: 'BAD_CATEGORY', detail: wider ?? `category "${cell('category')}" is unknown` } };
  }
  const from = parseDateTime(cell('effective_from'));
  if (!from) return { reject: { reason: 'BAD_DATE', detail: `effective_from "${cell('effective_from')}" is not a valid date` } };
  const toText = cell('effective_to');
  const to = toText === '' ? null : parseDateTime(toText);
  if (toText !== '' && !to) {
    return { reject: { reason: 'BAD_DATE', detail: `effective_to "${toText}" is not a valid date` } };
  }
  if (to && to.date < from.date) {
    return { reject: { reason: 'BAD_DATE', detail: `effective_to ${to.date} is before effective_from ${from.date}` } };
  }
  return {
    row: {
      idNumber: id.idNumber,
      name: cell('name'),
      regionCode: region.code,
      category,
      effectiveFrom: from.date,
      effectiveTo: to ? to.date : null,
      sourceDept: cell('source_dept'),
    },
  };
}
