import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLines } from './csv-lines.js';
import { formatFen } from '../normalise/amount.js';

/**
 * A text cell that Excel or WPS would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is
 * prefixed with `'` (CSV injection, OWASP). Numbers are written by the caller as text already formatted
 * (`-375.00`) and are not passed through this guard.
 */
export function guardText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** An amount cell: fen as yuan with two decimals, empty for null (an amount the policy left unknown). */
export const moneyCell = (fen: unknown): string => (fen === null ? '' : formatFen(Number(fen)));

/** A text cell: empty for null, guarded against CSV injection. */
export const textCell = (v: unknown): string => guardText((v as string | null) ?? '');

export type WrittenFile = { name: string; sha256: string; rows: number };

/**
 * Streams rows to a CSV file: UTF-8 with BOM (so Excel and WPS read Chinese right), comma separated, LF,
 * quoting only where needed. Rows come in batches; each batch becomes one string (csv-lines.ts) and one
 * write. Returns the file's sha256 and data row count for the manifest.
 */
export async function writeCsv(
  path: string, name: string, header: string[], batches: AsyncIterable<string[][]> | Iterable<string[][]>,
): Promise<WrittenFile> {
  const file = hashedFile(path);
  await file.write(Buffer.from('\ufeff' + csvLines([header]), 'utf8'));
  let count = 0;
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    await file.write(Buffer.from(csvLines(rows), 'utf8'));
    count += rows.length;
  }
  return { name, sha256: await file.end(), rows: count };
}

/**
 * A CSV file made of a header and part files already holding CSV lines (region-spill.ts), copied in
 * order; `rows` is the number of lines the parts hold, as their writer counted them.
 */
export async function writeCsvFromParts(path: string, name: string, header: string[], parts: string[], rows: number): Promise<WrittenFile> {
  const file = hashedFile(path);
  await file.write(Buffer.from('\ufeff' + csvLines([header]), 'utf8'));
  for (const part of parts) {
    for await (const chunk of createReadStream(part, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) await file.write(chunk);
  }
  return { name, sha256: await file.end(), rows };
}

/** An owner-only file written with back-pressure, hashing what is written. */
function hashedFile(path: string) {
  const hash = createHash('sha256');
  const file = createWriteStream(path, { mode: 0o600 });
  return {
    async write(bytes: Buffer) {
      hash.update(bytes);
      if (!file.write(bytes)) await once(file, 'drain');
    },
    async end(): Promise<string> {
      file.end();
      await once(file, 'finish');
      return hash.digest('hex');
    },
  };
}
