import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Archiver } from 'archiver';
import { failpoint } from '../base/failpoints.js';
import { fileError } from '../base/file-error.js';
import { throwIfStopped } from '../base/stop-request.js';
import { cellKind, type CellKind } from './cell-kinds.js';
import type { WrittenFile } from './csv-file.js';
import { Utf8Chunks } from './utf8-chunks.js';
import { contentTypesXml, corePropsXml, rootRelsXml, sheetNameProblem, sheetPath, stylesXml, workbookRelsXml, workbookXml, type SheetEntry } from './xlsx-package-xml.js';
import { filterRange, headerRowXml, sheetColumns, sheetRowXml, sheetXmlEnd, sheetXmlStart } from './xlsx-sheet-xml.js';

/** One sheet: its name, its columns (names: they give each cell's kind, cell-kinds.ts), its header as shown, its rows as the CSV's cells. */
export type SheetSource = {
  name: string;
  columns: readonly string[];
  header: readonly string[];
  rows: AsyncIterable<string[][]> | Iterable<string[][]>;
};

/** The most rows a sheet holds, header included (Excel's limit; LibreOffice's too since 7.4). */
export const SHEET_ROWS = 1_048_576;

/**
 * Tests only: `RECON_TEST_SHEET_ROWS=N` lowers the limit, so that a sheet's continuation can be tested with
 * a few rows rather than a million. Read once; nothing but a test sets it (docs/workbook.md says so).
 */
const sheetRows = Number(process.env.RECON_TEST_SHEET_ROWS) > 1 ? Number(process.env.RECON_TEST_SHEET_ROWS) : SHEET_ROWS;

/**
 * Writes an xlsx workbook: each sheet's XML made a row at a time as strings (xlsx-sheet-xml.ts) and
 * deflated into the zip as it is made, so no sheet is ever held in memory. The cells are the CSV's cells,
 * typed by their column's kind: text stays text (`t="str"`, never a number), an amount is the number of
 * yuan (fen / 100, exact as written) shown `0.00`, a date is the day's serial number shown `yyyy-mm-dd`
 * (the serial is a calendar day: no reader shifts it through a time zone, as a JavaScript Date could be),
 * a count is a number; an empty cell is left empty. Each sheet's header row is frozen with filters on. A sheet
 * that would pass SHEET_ROWS rows continues on `name (2)`, `name (3)`, ... with the same header. `rows` of
 * the result: the data rows of all sheets.
 *
 * The zip is archiver's (over Node's zlib, whose deflate runs on libuv's thread pool beside this thread),
 * at zlib's fastest level (ZIP_LEVEL). A write error (a full disk) ends the write at once, named with the
 * file's path; an error or a stop while a sheet is written closes the file, which the caller removes.
 */
export async function writeWorkbook(path: string, name: string, sheets: SheetSource[]): Promise<WrittenFile> {
  const hash = createHash('sha256');
  const hasher = new Transform({ transform(chunk: Buffer, _e, done) { hash.update(chunk); done(null, chunk); } });
  const written = pipeline(hasher, createWriteStream(path, { mode: 0o600 })).catch((err: unknown) => { throw fileError(path, err); });
  // Loaded here, not at start-up, as only an export needs it (and only on the workbook's thread).
  const { default: archiver } = await import('archiver');
  const zip = archiver('zip', { zlib: { level: ZIP_LEVEL, chunkSize: 1 << 18 } });
  zip.on('error', (err) => hasher.destroy(err)); // ends `written` with the zip's error: nothing is waited for after it
  zip.pipe(hasher);
  const created = new Date();
  let total = 0;
  const writing = (async () => {
    zip.append(rootRelsXml(), { name: '_rels/.rels', date: created });
    zip.append(corePropsXml(created), { name: 'docProps/core.xml', date: created });
    zip.append(stylesXml(), { name: 'xl/styles.xml', date: created });
    const entries: SheetEntry[] = [];
    for (const sheet of sheets) {
      failpoint('workbook-sheet');
      total += await writeSheet(zip, sheet, entries, created);
    }
    zip.append(workbookXml(entries), { name: 'xl/workbook.xml', date: created });
    zip.append(workbookRelsXml(entries.length), { name: 'xl/_rels/workbook.xml.rels', date: created });
    zip.append(contentTypesXml(entries.length), { name: '[Content_Types].xml', date: created });
    await zip.finalize();
  })();
  writing.catch(() => { zip.abort(); hasher.destroy(); }); // an error or a stop while writing: the file is closed, the caller removes it
  // A write error (a full disk) ends `written` first; the sheet being written may then wait for room in the
  // zip for ever, so it is not waited for.
  await Promise.race([Promise.all([writing, written]), written.then(() => writing)]);
  return { name, sha256: hash.digest('hex'), rows: total };
}

/**
 * zlib's fastest level: level 6 made the file a fifth smaller (349 MB of sheet XML at 541,958 rows: 48.4 MB
 * at level 1, 37.9 MB at 6) for about twice the CPU (0.9-2.3 s against 3.0-3.8 s; docs/workbook.md), CPU
 * that the CSVs, written at the same time, need. zlib's output in 256 KiB pieces rather than its default
 * 16 KiB: fewer callbacks through the streams.
 */
const ZIP_LEVEL = 1;

/**
 * Writes a sheet (and its continuations) into the zip: the XML a row at a time into 256 KiB buffers
 * (utf8-chunks.ts), each batch's buffers written to the zip's entry, waiting for room after each batch
 * so that memory stays flat whatever the number of rows. Returns the number of data rows.
 */
async function writeSheet(zip: Archiver, sheet: SheetSource, entries: SheetEntry[], created: Date): Promise<number> {
  const kinds = sheet.columns.map(cellKind);
  const columns = sheetColumns(kinds);
  const widths = kinds.map((k, i) => columnWidth(k, sheet.header[i]!));
  const chunks = new Utf8Chunks();
  let part = 0;
  let entry!: PassThrough;
  let rowsInSheet = 0;
  let count = 0;
  const open = (): void => {
    part++;
    const partName = part === 1 ? sheet.name : `${sheet.name} (${part})`;
    const problem = sheetNameProblem(partName);
    if (problem) throw new Error(`workbook: the sheet name ${JSON.stringify(partName)} ${problem}`);
    entry = new PassThrough({ highWaterMark: 1 << 18 });
    zip.append(entry, { name: sheetPath(entries.length), date: created });
    entries.push({ name: partName, columns: kinds.length, lastRow: 1 });
    chunks.add(sheetXmlStart(widths));
    chunks.add(headerRowXml(sheet.header));
    rowsInSheet = 1;
  };
  const close = (): void => {
    chunks.add(sheetXmlEnd(filterRange(kinds.length, rowsInSheet)));
    entries[entries.length - 1]!.lastRow = rowsInSheet;
    for (const b of chunks.take(true)) entry.write(b);
    entry.end();
  };
  open();
  for await (const rows of sheet.rows) {
    throwIfStopped();
    for (const cells of rows) {
      if (rowsInSheet === sheetRows) { close(); open(); }
      chunks.add(sheetRowXml(++rowsInSheet, cells, columns));
    }
    count += rows.length;
    let room = true;
    for (const b of chunks.take()) room = entry.write(b);
    if (!room) await once(entry, 'drain');
  }
  close();
  return count;
}

function columnWidth(kind: CellKind, header: string): number {
  const base = kind === 'text' ? 20 : 12;
  return Math.max(base, Math.min(40, [...header].length * 2));
}
