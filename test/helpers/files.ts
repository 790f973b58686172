import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkCharacter } from '../../src/normalise/id-number.js';

/** A fresh temporary folder for one test. */
export function tmp(prefix = 'recon-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A valid 18-character ID number from region, birth date (YYYYMMDD) and a 3-digit sequence. */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + checkCharacter(first17);
}

/** The first ID number from sequence 100 on (region, birth date) that satisfies `want`. */
export function findId(region: string, birth: string, want: (id: string) => boolean): string {
  for (let seq = 100; seq < 1000; seq++) {
    const id = idNumber(region, birth, String(seq));
    if (want(id)) return id;
  }
  throw new Error('none found');
}

export type CsvOptions = { encoding?: 'utf-8' | 'gb18030'; bom?: boolean; eol?: '\n' | '\r\n' };

/** Writes rows as CSV (quoting where needed) in the given encoding; returns the path. */
export function writeCsv(path: string, rows: string[][], options: CsvOptions = {}): string {
  const eol = options.eol ?? '\n';
  const text = rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join(eol) + eol;
  writeText(path, text, options);
  return path;
}

/** Writes raw CSV text (for malformed input) in the given encoding; returns the path. */
export function writeText(path: string, text: string, options: CsvOptions = {}): string {
  const body = options.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  writeFileSync(path, options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  return path;
}

export const PAYMENT_HEADER = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at'];

export { join };
