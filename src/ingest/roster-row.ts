import { parseRosterCategory, WIDER_THAN_A_CATEGORY } from '../normalise/labels.js';
import type { RosterRow } from '../db/staging-shapes.js';
import { REQUIRED_ROSTER_COLUMNS, type HeaderMap, type RosterColumn } from './header-map.js';
import type { RowReject } from './reason-codes.js';
import { cellsOf, missingFields, parsePeriod, parsePersonRegion } from './row-cells.js';

export type { RosterRow } from '../db/staging-shapes.js';

/** Turns one roster record into a row, or says why it is rejected (same order of checks as payments). */
export function toRosterRow(
  record: string[], map: HeaderMap<RosterColumn>, today: string,
): { row: RosterRow } | { reject: RowReject } {
  const cell = cellsOf(record, map);
  const missing = missingFields(REQUIRED_ROSTER_COLUMNS, cell);
  if (missing) return { reject: missing };
  const who = parsePersonRegion(cell('id_number'), cell('region_code'), today);
  if ('reject' in who) return who;
  const category = parseRosterCategory(cell('category'));
  if (!category) {
    const wider = WIDER_THAN_A_CATEGORY.get(cell('category'));
    return { reject: { reason: 'BAD_CATEGORY', detail: wider ?? `category "${cell('category')}" is unknown` } };
  }
  const period = parsePeriod('effective_from', cell('effective_from'), 'effective_to', cell('effective_to'));
  if ('reject' in period) return period;
  return {
    row: {
      idNumber: who.idNumber,
      name: cell('name'),
      regionCode: who.regionCode,
      category,
      effectiveFrom: period.from,
      effectiveTo: period.to,
      sourceDept: cell('source_dept'),
    },
  };
}
