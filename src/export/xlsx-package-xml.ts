import { columnName, FORMATTED_STYLE, xmlText } from './xlsx-sheet-xml.js';

/**
 * The parts of an xlsx package around its worksheets (ECMA-376: Open Packaging Conventions and
 * SpreadsheetML), each a small string written once: what each part is ([Content_Types].xml), the
 * relationships, the workbook (its sheets in order, each sheet's filter range as the defined name Excel
 * writes for a filter), the styles, and the document's creation time. No shared strings (text cells are
 * inline, xlsx-sheet-xml.ts) and no theme (the one font is named in styles.xml).
 */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_CT = 'application/vnd.openxmlformats-officedocument';

/** A sheet as the workbook lists it: its name and the range its filter covers (1-based rows). */
export type SheetEntry = { name: string; columns: number; lastRow: number };

/** The parts' names in the zip: worksheet `i` (0-based) is sheetPath(i). */
export const sheetPath = (i: number): string => `xl/worksheets/sheet${i + 1}.xml`;

const NUMBER_FORMAT = { money: 2, rate: 164, date: 165 } as const;

/** The styles: the cell formats FORMATTED_STYLE indexes (xlsx-sheet-xml.ts), one font, no theme. */
export function stylesXml(): string {
  const formats = [0]; // cellXfs' number formats, by index: General, then FORMATTED_STYLE's (2 is Excel's built-in 0.00)
  for (const [kind, index] of Object.entries(FORMATTED_STYLE)) formats[index] = NUMBER_FORMAT[kind as keyof typeof FORMATTED_STYLE];
  const xf = (numFmtId: number) => `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}/>`;
  return `${XML}<styleSheet xmlns="${MAIN}">`
    + '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0000"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
    + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${formats.length}">${formats.map(xf).join('')}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
}

export function contentTypesXml(sheets: number): string {
  const overrides = Array.from({ length: sheets }, (_, i) =>
    `<Override PartName="/${sheetPath(i)}" ContentType="${OFFICE_CT}.spreadsheetml.worksheet+xml"/>`).join('');
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + `<Override PartName="/xl/workbook.xml" ContentType="${OFFICE_CT}.spreadsheetml.sheet.main+xml"/>`
    + `<Override PartName="/xl/styles.xml" ContentType="${OFFICE_CT}.spreadsheetml.styles+xml"/>`
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + `${overrides}</Types>`;
}

export function rootRelsXml(): string {
  return `${XML}<Relationships xmlns="${PKG_REL}">`
    + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
    + `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
}

/** The workbook's relationships: styles as rId1, sheet `i` (0-based) as `rId${i + 2}`. */
export function workbookRelsXml(sheets: number): string {
  const rels = Array.from({ length: sheets }, (_, i) =>
    `<Relationship Id="rId${i + 2}" Type="${REL}/worksheet" Target="${sheetPath(i).slice(3)}"/>`).join('');
  return `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>${rels}</Relationships>`;
}

/**
 * The workbook: its sheets in order, and for each the hidden name `_xlnm._FilterDatabase` (local to the
 * sheet) that Excel writes for a sheet's filter. exceljs wrote the filter without it, which Excel and
 * LibreOffice read; the name is what Excel itself writes, and costs nothing.
 */
export function workbookXml(sheets: readonly SheetEntry[]): string {
  const list = sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('');
  const names = sheets.map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">`
    + `${xmlText(quotedSheet(s.name))}!$A$1:$${columnName(s.columns - 1)}$${s.lastRow}</definedName>`).join('');
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews>`
    + `<sheets>${list}</sheets><definedNames>${names}</definedNames></workbook>`;
}

/** A sheet's name as a formula refers to it: in single quotes, a quote in it doubled. */
const quotedSheet = (name: string): string => `'${name.replaceAll("'", "''")}'`;

/** The document's properties: who made it and when (the one part that differs between two runs of the same night). */
export function corePropsXml(created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`
    + ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    + ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>premium-recon</dc:creator>'
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

/**
 * Why Excel would refuse `name` as a sheet's name, or null: at most 31 characters, none of `[]:*?/\`, not
 * starting or ending with `'`, not empty (Excel's rules; exceljs threw on the same).
 */
export function sheetNameProblem(name: string): string | null {
  if (name === '' || [...name].length > 31) return 'must be 1 to 31 characters';
  if (/[[\]:*?/\\]/.test(name)) return 'must not hold any of []:*?/\\';
  if (name.startsWith("'") || name.endsWith("'")) return "must not start or end with '";
  return null;
}
