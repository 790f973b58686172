import { parseDateTime } from '../normalise/dates.js';
import { parseIdNumber } from '../normalise/id-number.js';
import { cleanCell } from '../normalise/text.js';
import type { HeaderMap } from './header-map.js';
import { idNumberReject } from './id-number-reject.js';
import type { RowReject } from './reason-codes.js';
import { parseRegionCode } from './region-code.js';

/**
 * What the row validators of every kind (payment-row.ts, roster-row.ts, employee-row.ts) read the same way,
 * so that a reason code means the same in every file: the cells by canonical column, the required ones, the
 * person and region, and a period of two dates.
 */

/** A record's cells by canonical column: cleaned text, '' for a column the header lacks. */
export function cellsOf<C extends string>(record: string[], map: HeaderMap<C>): (c: C) => string {
  return (c) => {
    const i = map.index[c];
    return i === undefined ? '' : cleanCell(record[i]);
  };
}

/** MISSING_FIELD naming every required column left empty, or null when none is. */
export function missingFields<C extends string>(required: readonly C[], cell: (c: C) => string): RowReject | null {
  const missing = required.filter((c) => cell(c) === '');
  return missing.length ? { reason: 'MISSING_FIELD', detail: `empty: ${missing.join(', ')}` } : null;
}

/** The ID number (BAD_ID_NUMBER, with the spreadsheet-damage detail) and then the region (BAD_REGION_CODE). */
export function parsePersonRegion(
  idText: string, regionText: string, today: string,
): { idNumber: string; regionCode: string } | { reject: RowReject } {
  const id = parseIdNumber(idText, today);
  if (!id.ok) return { reject: idNumberReject(idText, id) };
  const region = parseRegionCode(regionText);
  if (!region.ok) return { reject: { reason: 'BAD_REGION_CODE', detail: region.detail } };
  return { idNumber: id.idNumber, regionCode: region.code };
}

/**
 * A period from two columns: `from` a date, `to` a date or blank (open). Either not a date, or `to` before
 * `from`, is BAD_DATE naming the column(s).
 */
export function parsePeriod(
  fromColumn: string, fromText: string, toColumn: string, toText: string,
): { from: string; to: string | null } | { reject: RowReject } {
  const from = parseDateTime(fromText);
  if (!from) return { reject: { reason: 'BAD_DATE', detail: `${fromColumn} "${fromText}" is not a valid date` } };
  const to = toText === '' ? null : parseDateTime(toText);
  if (toText !== '' && !to) return { reject: { reason: 'BAD_DATE', detail: `${toColumn} "${toText}" is not a valid date` } };
  if (to && to.date < from.date) return { reject: { reason: 'BAD_DATE', detail: `${toColumn} ${to.date} is before ${fromColumn} ${from.date}` } };
  return { from: from.date, to: to ? to.date : null };
}
