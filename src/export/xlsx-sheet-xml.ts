import { parseAmountFen } from '../normalise/amount.js';
import type { CellKind } from './cell-kinds.js';

/**
 * A worksheet's XML (SpreadsheetML, ECMA-376 part 1, 18.3), built as strings a row at a time, so that a
 * sheet is never held in memory: `sheetXmlStart` before the rows, `sheetRowXml` for each row, `sheetXmlEnd`
 * after them. The cells are written as exceljs 4.4 wrote them (the writer this one replaced; docs/workbook.md):
 * - a text cell `<c r="A2" t="str"><v>…</v></c>`, never a number, so an 18-digit ID number keeps its digits;
 * - a number `<c r="E2"><v>2023</v></c>` (a count), with `s` the cell format of its column's kind: amounts
 *   (yuan, fen / 100) `0.00`, dates (day serials) `yyyy-mm-dd`, rates `0.0000` (xlsx-package-xml.ts);
 * - an empty cell is not written at all;
 * - a text longer than Excel's 32,767 characters is cut to them (CELL_CHARS).
 * A cell of a money, date or rate column that is not a well-formed value of its kind stays the text it is,
 * with its column's format, as before. The header row is text without a format.
 */

/**
 * The cell formats (`s` of a cell: its index in styles.xml's cellXfs, xlsx-package-xml.ts) of the kinds shown
 * with a number format: an amount `0.00` (built-in format 2), a rate `0.0000`, a date `yyyy-mm-dd`. Index 0
 * is the default (General), for text and counts. The indexes exceljs gave them.
 */
export const FORMATTED_STYLE = { money: 1, rate: 2, date: 3 } as const;

/** A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The start of a sheet, up to its first row: the header row frozen (a pane below row 1, as Excel writes a
 * frozen row), each column's width, and `<sheetData>`.
 */
export function sheetXmlStart(widths: readonly number[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    + `<cols>${cols}</cols><sheetData>`;
}

/** The end of a sheet: the filter on its header over rows 1 to `lastRow`, and the page margins Excel expects. */
export function sheetXmlEnd(filterRef: string): string {
  return `</sheetData><autoFilter ref="${filterRef}"/>`
    + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

/** The range a sheet's filter covers: its columns, rows 1 to `lastRow` (`A1:Y16`). */
export function filterRange(columns: number, lastRow: number): string {
  return `A1:${columnName(columns - 1)}${lastRow}`;
}

/** The header row (row 1): every cell text, without a format. */
export function headerRowXml(header: readonly string[]): string {
  let xml = '<row r="1">';
  for (let i = 0; i < header.length; i++) if (header[i] !== '') xml += `<c r="${columnName(i)}1" t="str"><v>${xmlText(header[i]!)}</v></c>`;
  return `${xml}</row>`;
}

/**
 * What a sheet's rows are written with, made once per sheet from its columns' kinds (cell-kinds.ts): each
 * column's letters, and what follows a cell's reference for a number and for a text in that column (its
 * format, its type), so that a row is a plain string concatenation per cell.
 */
export type SheetColumns = { kinds: readonly CellKind[]; names: readonly string[]; numberTail: readonly string[]; textTail: readonly string[] };

export function sheetColumns(kinds: readonly CellKind[]): SheetColumns {
  const style = (k: CellKind) => (k === 'money' || k === 'date' || k === 'rate' ? ` s="${FORMATTED_STYLE[k]}"` : '');
  return {
    kinds,
    names: kinds.map((_, i) => columnName(i)),
    numberTail: kinds.map((k) => `"${style(k)}><v>`),
    textTail: kinds.map((k) => `"${style(k)} t="str"><v>`),
  };
}

/**
 * Row `r`'s XML from its CSV cells: the loop the workbook's time is spent in (a few µs for a row of 25
 * cells; docs/performance.md). The string is a rope of small pieces: the caller writes it into a buffer
 * row by row (workbook-file.ts), as V8 encodes a short string far faster than one of a megabyte.
 */
export function sheetRowXml(r: number, cells: readonly string[], columns: SheetColumns): string {
  const { kinds, names, numberTail, textTail } = columns;
  const row = String(r);
  let xml = '<row r="' + row + '">';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === '') continue;
    const kind = kinds[i]!;
    const value = kind === 'text' ? null : numberValue(cell, kind);
    xml += value === null
      ? '<c r="' + names[i]! + row + textTail[i]! + xmlText(cell.length > CELL_CHARS ? cell.slice(0, CELL_CHARS) : cell) + '</v></c>'
      : '<c r="' + names[i]! + row + numberTail[i]! + value + '</v></c>';
  }
  return xml + '</row>';
}

/**
 * The most characters a cell holds in Excel (its specification's limit). A longer text, which only a
 * rejected line's `raw` can be (a record of up to a megabyte on one line, record-framer.ts), is cut to
 * this: Excel would otherwise refuse the sheet as damaged. rejects.csv keeps the whole text.
 */
export const CELL_CHARS = 32_767;

const COUNT = /^-?\d+(\.\d+)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A CSV cell of a number column as the workbook's number: an amount in yuan, a date's serial, a count or rate; null if it is not one (then it stays text). */
function numberValue(cell: string, kind: CellKind): number | null {
  if (kind === 'money') {
    const fen = parseAmountFen(cell);
    return fen === null ? null : fen / 100;
  }
  if (kind === 'date') return dateSerial(cell);
  return COUNT.test(cell) ? Number(cell) : null;
}

/** The days met so far (a night's dates are a few hundred distinct days), each with its serial. */
const serials = new Map<string, number>();

/** A `YYYY-MM-DD` calendar day as a spreadsheet serial (days since 1899-12-30), or null. */
function dateSerial(day: string): number | null {
  const known = serials.get(day);
  if (known !== undefined) return known;
  const m = DAY.exec(day);
  if (!m) return null;
  const serial = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569;
  if (serials.size < 100_000) serials.set(day, serial);
  return serial;
}

/**
 * What XML needs escaped in text and attribute values (`&`, `<`, `>`, `"`), what XML 1.0 cannot hold at all
 * (the C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a lone surrogate half, which UTF-8 cannot encode),
 * DEL, and CR, which an XML reader would turn into LF. SPECIAL finds any (a surrogate pair too, which is
 * then kept), SPECIAL_ALL each one to replace.
 */
const SPECIAL = /[&<>"\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF\uD800-\uDFFF]/;
const SPECIAL_ALL = /[&<>"\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as XML character data, for an element or an attribute value. A character XML 1.0 cannot hold is
 * dropped, as exceljs dropped the C0 controls and DEL; a lone surrogate half is dropped too (UTF-8 would
 * turn it into U+FFFD). CR is kept, as `&#13;` (exceljs wrote it raw, and a reader saw LF). A surrogate
 * pair (a character beyond the BMP, such as 𠮷 in a name) is kept.
 */
export function xmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, escapeOne) : text;
}

function escapeOne(ch: string): string {
  switch (ch) {
    case '&': return '&amp;';
    case '<': return '&lt;';
    case '>': return '&gt;';
    case '"': return '&quot;';
    case '\r': return '&#13;';
    default: return '';
  }
}
