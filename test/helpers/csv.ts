import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Parses an output CSV (BOM, LF, simple quoting) into objects keyed by header. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readCsvRows(path);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

/** CSV text (LF, simple quoting, no BOM) as rows of cells, the header first. */
export function csvRows(text: string): string[][] {
  const lines: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); lines.push(row); row = []; cell = ''; }
    else cell += c;
  }
  return lines;
}

/** An output CSV (with its BOM) as rows of cells, the header first. */
export function readCsvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return csvRows(text.slice(1));
}

/** An output CSV's lines, the BOM and the last line end taken off: for exact-row checks. */
export function csvLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text.slice(1).replace(/\n$/, '').split('\n');
}

/** The seven CSV outputs (everything but the manifest, whose run id and times differ between runs). */
export const CSVS = ['reconciliation.csv', 'refunds.csv', 'duplicates.csv', 'benefit_suspensions.csv', 'rejects.csv', 'region_summary.csv', 'changes.csv'];

/**
 * The CSVs made from the data and the as-of date alone: all but changes.csv, which also depends on the
 * database's previous reconcile of the year (its baseline), so two databases with other histories differ there.
 */
export const RESULT_CSVS = CSVS.filter((f) => f !== 'changes.csv');

/** The CSV outputs' bytes, by file name, for byte-identity checks. */
export function csvBytes(folder: string, files: readonly string[] = CSVS): Record<string, Buffer> {
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(folder, f))]));
}

/** Every file of a folder (manifest included), by name: "untouched" means all of these are equal. */
export function folderBytes(folder: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f))]));
}
