import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';

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
 * quoting only where needed. Returns the file's sha256 and data row count for the manifest.
 */
export async function writeCsv(path: string, name: string, header: string[], rows: AsyncIterable<string[]> | Iterable<string[]>): Promise<WrittenFile> {
  const hash = createHash('sha256');
  const file = createWriteStream(path, { mode: 0o600 });
  const csv = stringify({ record_delimiter: '\n', bom: false });
  csv.on('data', (chunk: Buffer | string) => hash.update(chunk));
  csv.pipe(file);
  const bom = '\ufeff';
  hash.update(bom);
  file.write(bom);
  csv.write(header);
  let count = 0;
  for await (const row of rows) {
    if (!csv.write(row)) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(file, 'finish');
  return { name, sha256: hash.digest('hex'), rows: count };
}
