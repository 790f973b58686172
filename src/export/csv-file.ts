import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLines } from './csv-lines.js';

/**
 * A text cell that Excel or WPS would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is
 * prefixed with `'` (CSV injection, OWASP). Numbers are written by the caller as text already formatted
 * (`-375.00`) and are not passed through this guard.
 */
export function guardText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type WrittenFile = { name: string; sha256: string; rows: number };

/**
 * Streams rows to a CSV file: UTF-8 with BOM (so Excel and WPS read Chinese right), comma separated, LF,
 * quoting only where needed. Rows come in batches; each batch becomes one string (csv-lines.ts) and one
 * write. Returns the file's sha256 and data row count for the manifest.
 */
export async function writeCsv(
  path: string, name: string, header: string[], batches: AsyncIterable<string[][]> | Iterable<string[][]>,
): Promise<WrittenFile> {
  const hash = createHash('sha256');
  const file = createWriteStream(path, { mode: 0o600 });
  const write = async (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    if (!file.write(bytes)) await once(file, 'drain');
  };
  await write('\ufeff' + csvLines([header]));
  let count = 0;
  for await (const rows of batches) {
    if (rows.length === 0) continue;
    await write(csvLines(rows));
    count += rows.length;
  }
  file.end();
  await once(file, 'finish');
  return { name, sha256: hash.digest('hex'), rows: count };
}
