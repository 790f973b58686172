import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import { failpoint } from '../base/failpoints.js';
import { fileError } from '../base/file-error.js';
import { throwIfStopped } from '../base/stop-request.js';
import { parseAmountFen } from '../normalise/amount.js';
import { cellKind, type CellKind } from './cell-kinds.js';
import type { WrittenFile } from './csv-file.js';

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
 * Writes an xlsx workbook with exceljs' streaming writer (each row committed as it is added, no shared
 * strings: their table would hold every distinct ID number in memory). The cells are the CSV's cells,
 * typed by their column's kind: text stays text (`t="str"`, never a number), an amount is the number of
 * yuan (fen / 100, exact as written) shown `0.00`, a date is the day's serial number shown `yyyy-mm-dd`
 * (the serial is a calendar day: no reader shifts it through a time zone, as a JavaScript Date could be),
 * a count is a number; an empty cell is left empty. Each sheet's header row is frozen with filters on. A sheet
 * that would pass SHEET_ROWS rows continues on `name (2)`, `name (3)`, ... with the same header. `rows` of
 * the result: the data rows of all sheets.
 */
export async function writeWorkbook(path: string, name: string, sheets: SheetSource[]): Promise<WrittenFile> {
  const hash = createHash('sha256');
  const hasher = new Transform({ transform(chunk: Buffer, _e, done) { hash.update(chunk); done(null, chunk); } });
  const written = pipeline(hasher, createWriteStream(path, { mode: 0o600 })).catch((err: unknown) => { throw fileError(path, err); });
  // Loaded here, not at start-up: exceljs' code is about 18 MiB of the process, which ingest and reconcile,
  // the nightly run's peak (docs/performance.md), should not carry; only an export needs it. And only the
  // streaming writer's files, not exceljs' index (its in-memory workbook, reader and CSV code besides):
  // 0.1-0.2 s less to load, and 10 MiB less.
  const { default: WorkbookWriter } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
  const workbook = new WorkbookWriter({ stream: hasher, useSharedStrings: false, useStyles: true });
  let total = 0;
  const writing = (async () => {
    for (const sheet of sheets) {
      failpoint('workbook-sheet');
      total += await writeSheet(workbook, sheet);
    }
    await workbook.commit();
  })();
  writing.catch(() => undefined); // awaited below; this only keeps a rejection after a write error from going unhandled
  // A write error (a full disk) ends `written` first; exceljs may then never settle, so it is not waited for.
  await Promise.race([Promise.all([writing, written]), written.then(() => writing)]);
  return { name, sha256: hash.digest('hex'), rows: total };
}

type Worksheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetSource): Promise<number> {
  const kinds = sheet.columns.map(cellKind);
  let part = 0;
  let ws: Worksheet | null = null;
  let rowsInSheet = 0;
  let count = 0;
  const open = (): Worksheet => {
    part++;
    const w = workbook.addWorksheet(part === 1 ? sheet.name : `${sheet.name} (${part})`, { views: [{ state: 'frozen', ySplit: 1 }] });
    w.columns = kinds.map((k, i) => ({ width: columnWidth(k, sheet.header[i]!) }));
    w.addRow([...sheet.header]).commit();
    rowsInSheet = 1;
    return w;
  };
  const close = (w: Worksheet) => {
    w.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowsInSheet, column: sheet.columns.length } };
    w.commit();
  };
  ws = open();
  for await (const rows of sheet.rows) {
    throwIfStopped();
    for (const cells of rows) {
      if (rowsInSheet === sheetRows) { close(ws); ws = open(); }
      addRow(ws, cells, kinds);
      rowsInSheet++;
    }
    count += rows.length;
    await drained(ws);
  }
  close(ws);
  return count;
}

function addRow(ws: Worksheet, cells: string[], kinds: CellKind[]): void {
  const row = ws.addRow(cells.map((c, i) => cellValue(c, kinds[i]!)));
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // exceljs keeps a row style too; its types omit it
  for (let i = 0; i < kinds.length; i++) {
    const cell = row.getCell(i + 1);
    cell.style = (cells[i] !== '' && STYLES[kinds[i]!]) || (typeof cell.value === 'number' ? PLAIN_NUMBER : PLAIN_TEXT);
  }
  row.commit();
}

/**
 * The cells' styles, one shared object each. exceljs turns a cell's style into the workbook's style index by
 * rendering it to XML and looking that up, about 40 µs a row; a style object it has seen before it finds
 * in a WeakMap instead. Each new cell gets a fresh style object, so every cell is given one of these.
 * A style without a format takes its index from the first value it is seen with (a number's is General,
 * a text's or an empty cell's none), hence a plain style per value type: the indexes are those a fresh object would get.
 * Nothing may change these objects: exceljs would not see the change.
 */
const format = (numFmt: string): Partial<ExcelJS.Style> => Object.freeze({ numFmt }) as Partial<ExcelJS.Style>;
const STYLES: Partial<Record<CellKind, Partial<ExcelJS.Style>>> = { money: format('0.00'), date: format('yyyy-mm-dd'), rate: format('0.0000') };
const PLAIN_NUMBER: Partial<ExcelJS.Style> = Object.freeze({});
const PLAIN_TEXT: Partial<ExcelJS.Style> = Object.freeze({}); // text, and an empty cell
const ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** A CSV cell as the workbook's value: null for empty; a number for a well-formed amount, date or count; else the text. */
function cellValue(cell: string, kind: CellKind): string | number | null {
  if (cell === '') return null;
  if (kind === 'money') {
    const fen = parseAmountFen(cell);
    return fen === null ? cell : fen / 100;
  }
  if (kind === 'date') return dateSerial(cell) ?? cell;
  if ((kind === 'integer' || kind === 'rate') && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

/** A `YYYY-MM-DD` calendar day as a spreadsheet serial (days since 1899-12-30), or null. */
function dateSerial(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569 : null;
}

function columnWidth(kind: CellKind, header: string): number {
  const base = kind === 'text' ? 20 : 12;
  return Math.max(base, Math.min(40, [...header].length * 2));
}

/**
 * exceljs 4.4's sheet stream passes rows to the zip without waiting for it (exceljs issues #1894, #2916: a
 * million rows held in memory). Between batches, this waits until the zip's input has room, so memory
 * stays flat whatever the number of rows. It reads exceljs' internals (`stream.pipes`): should they
 * change, it only yields, and docs/performance.md's figures would show the growth.
 */
async function drained(ws: Worksheet): Promise<void> {
  const stream = (ws as unknown as { stream?: { pipes?: { _writableState?: { needDrain?: boolean } }[]; buffers?: unknown[] } }).stream;
  for (;;) {
    const pipe = stream?.pipes?.[0];
    if (pipe?._writableState?.needDrain) await once(pipe as unknown as NodeJS.EventEmitter, 'drain');
    else if (stream?.pipes?.length === 0 && (stream.buffers?.length ?? 0) > 4) await new Promise((r) => setTimeout(r, 5));
    else return;
  }
}
