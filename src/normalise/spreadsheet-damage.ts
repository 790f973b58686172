import { checkCharacter } from './id-number.js';

/**
 * What gives away an ID number a spreadsheet has changed, and, when its digits survived, what to take off
 * (`without the apostrophe`); `undo` is null when digits are lost and only the source can give them back.
 */
export type SpreadsheetDamage = { sign: string; undo: string | null };

// Compiled once: ingest asks for every ID number it rejects.
const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;
const POINT_ZERO = /^\d{15}(\d{3})?\.0+$/;
const GROUPED = /^\d{1,3}(,\d{3}){4,5}$/;
const ZEROED_TAIL = /^\d{15}000$/;

/**
 * Whether a (cleaned) ID number looks copied out of a spreadsheet that took it for a number (spec 2.3).
 * Excel and WPS keep 15 significant digits: an 18-digit number shows as `3.60702E+17`, or, formatted as a
 * whole number again, ends in `000` (its last three digits gone, so the check character fails); `.0` at the
 * end is a number written back as a decimal; `360,702,…` a number format. A legacy 15-digit number fits in
 * 15 digits and survives with only the decoration to take off. A leading apostrophe is the spreadsheet's
 * own "this is text" mark, copied from the formula bar: the digits after it are intact.
 * Null when the text shows none of these (it may still be a wrong ID number: parseIdNumber says).
 */
export function spreadsheetDamage(text: string): SpreadsheetDamage | null {
  if (text.startsWith("'")) return { sign: 'it starts with an apostrophe, the mark a spreadsheet puts before text', undo: 'without the apostrophe' };
  if (SCIENTIFIC.test(text)) return { sign: 'it is in scientific notation (E+), as a spreadsheet shows a long number', undo: null };
  if (POINT_ZERO.test(text)) {
    return { sign: 'it ends in .0, as a spreadsheet writes a number', undo: lostTail(text.slice(0, text.indexOf('.'))) ? null : 'without the .0' };
  }
  if (GROUPED.test(text)) {
    return { sign: 'its digits are grouped by commas, as a spreadsheet formats a number', undo: lostTail(text.replaceAll(',', '')) ? null : 'without the commas' };
  }
  if (lostTail(text)) return { sign: 'it ends in 000 and its check character is wrong: a spreadsheet keeps only 15 significant digits and turns the rest to 0', undo: null };
  return null;
}

/** 18 digits ending in 000 whose check character fails: what a spreadsheet leaves of an 18-digit number. */
function lostTail(digits: string): boolean {
  return ZEROED_TAIL.test(digits) && checkCharacter(digits) !== '0';
}
