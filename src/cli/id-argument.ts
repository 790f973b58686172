import { checkCharacter, parseIdNumber } from '../normalise/id-number.js';
import { spreadsheetDamage } from '../normalise/spreadsheet-damage.js';
import { cleanCell } from '../normalise/text.js';
import { UsageError } from '../base/recon-error.js';

const AS_TEXT =
  'the digits it lost cannot be read back from that cell: copy the ID number from the CSV opened in a text editor, or open ' +
  'the CSV with its ID column typed as Text (Excel: Data → From Text/CSV → Transform Data, column type Text; ' +
  'WPS: 数据 → 导入数据, 列数据类型 文本), or from the workbook, where ID numbers are text';

/**
 * The ID_NUMBER an operator gives `recon explain`, normalised as ingest normalises a cell (full-width
 * digits folded, blanks trimmed, a lowercase x upper-cased, a legacy 15-digit number converted to 18), and
 * checked: an ID number that could not have been ingested would only find "no result row", which reads as
 * "this person paid nothing" when the number is wrong. A wrong one is a usage error (exit 2, spec 6) that
 * says what is wrong, and what to do when a spreadsheet damaged it. The messages show the number masked
 * (first 6 and last 4 characters): stderr may end up in a terminal log, and no log carries an ID number.
 */
export function idArgument(raw: string, today: string): string {
  const text = cleanCell(raw);
  const shown = masked(text);
  const damage = spreadsheetDamage(text);
  if (damage) {
    throw new UsageError(`${shown} looks damaged by a spreadsheet: ${damage.sign}; ${damage.undo ? `give it ${damage.undo}` : AS_TEXT}`);
  }
  const id = parseIdNumber(text, today);
  if (id.ok) return id.idNumber;
  const problem = {
    check_character: () => `its check character (the last) should be ${checkCharacter(text)}: one of its characters is mistyped or miscopied`,
    length: () => `it has ${text.length} characters; an ID number has 18 (or 15, the old form)`,
    characters: () => 'an ID number is digits only, with X allowed as the last character',
    region: () => `it starts with ${text.slice(0, 2)}, which is no province's code`,
    birth_date: () => 'its birth date (characters 7 to 14) is not a possible date',
  }[id.problem]();
  throw new UsageError(`${shown} is not a valid ID number: ${problem}`);
}

/** The first 6 and last 4 characters, the rest as `*`; text too short to be an ID number is shown as it is. */
export function masked(text: string): string {
  return text.length <= 10 ? text : text.slice(0, 6) + '*'.repeat(text.length - 10) + text.slice(-4);
}
