import { INSURED_KINDS, parseInsuredKind } from '../normalise/labels.js';
import type { EmployeeRow } from '../db/staging-shapes.js';
import { REQUIRED_EMPLOYEE_COLUMNS, type EmployeeColumn, type HeaderMap } from './header-map.js';
import type { RowReject } from './reason-codes.js';
import { cellsOf, missingFields, parsePeriod, parsePersonRegion } from './row-cells.js';

export type { EmployeeRow } from '../db/staging-shapes.js';

/**
 * Turns one employee-list record (spec 2.5, v2) into a row, or says why it is rejected, with the reason
 * codes the other kinds use and in the roster's order of checks: required fields, ID number, region, dates
 * (insured_to before insured_from is BAD_DATE), then the optional insured_kind: an unknown one is
 * BAD_CATEGORY, since it is the enrollment's category as a roster's category is its.
 */
export function toEmployeeRow(
  record: string[], map: HeaderMap<EmployeeColumn>, today: string,
): { row: EmployeeRow } | { reject: RowReject } {
  const cell = cellsOf(record, map);
  const missing = missingFields(REQUIRED_EMPLOYEE_COLUMNS, cell);
  if (missing) return { reject: missing };
  const who = parsePersonRegion(cell('id_number'), cell('region_code'), today);
  if ('reject' in who) return who;
  const period = parsePeriod('insured_from', cell('insured_from'), 'insured_to', cell('insured_to'));
  if ('reject' in period) return period;
  const kindText = cell('insured_kind');
  const kind = kindText === '' ? null : parseInsuredKind(kindText);
  if (kindText !== '' && !kind) {
    return { reject: { reason: 'BAD_CATEGORY', detail: `insured_kind "${kindText}" is unknown (${INSURED_KINDS.join(', ')})` } };
  }
  return {
    row: {
      idNumber: who.idNumber,
      name: cell('name'),
      regionCode: who.regionCode,
      insuredFrom: period.from,
      insuredTo: period.to,
      insuredKind: kind,
      employer: cell('employer'),
    },
  };
}
