import { PHRASES } from '../normalise/detail-templates.js';
import type { IdNumberResult } from '../normalise/id-number.js';
import { spreadsheetDamage } from '../normalise/spreadsheet-damage.js';
import type { RowReject } from './reason-codes.js';

/**
 * What the sender of a file does about an ID column a spreadsheet took for numbers: the catalogue's phrase
 * (normalise/detail-templates.ts), which also holds its Chinese for `--lang zh`.
 */
export const SAVE_AS_TEXT = PHRASES.save_as_text![0]!.en;

/** How the detail of a spreadsheet-damaged ID number begins: how a file's rejects are told apart (reject-cause.ts). */
const DAMAGED = 'id_number looks damaged by a spreadsheet: ';

/** Whether a stored reject is an ID number a spreadsheet damaged (a BAD_ID_NUMBER whose detail says so). */
export function isSpreadsheetDamage(reason: string, detail: string): boolean {
  return reason === 'BAD_ID_NUMBER' && detail.startsWith(DAMAGED);
}

/**
 * The `BAD_ID_NUMBER` reject of an id_number cell that `parseIdNumber` refused. A cell a spreadsheet damaged
 * (spec 2.3: `3.60702E+17`, `.0`, comma groups, a leading apostrophe, the last digits turned to `000`) gets
 * a detail that says so and how to fix the export; any other keeps parseIdNumber's own detail. Only called
 * for a refused number, so a valid one costs nothing more. The detail never holds the number: it is personal
 * data, and rejects.csv carries the raw line beside the detail anyway.
 */
export function idNumberReject(text: string, refused: IdNumberResult & { ok: false }): RowReject {
  const damage = spreadsheetDamage(text);
  if (!damage) return { reason: 'BAD_ID_NUMBER', detail: refused.detail };
  const digits = damage.undo
    ? `the number is whole ${damage.undo}, but the job does not guess at an ID number`
    : 'its lost digits cannot be read back from this file';
  return { reason: 'BAD_ID_NUMBER', detail: `${DAMAGED}${damage.sign}; ${digits}: ${SAVE_AS_TEXT}` };
}
