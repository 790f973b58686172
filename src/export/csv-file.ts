import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLines } from './csv-lines.js';
import { formatFen } from '../normalise/amount.js';
import { fileError } from '../base/file-error.js';
import { throwIfStopped } from '../base/stop-request.js';
import { amendedPart, type LineReplacement } from './spill-amendments.js';

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
  await file.write(headerBytes(header));
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
 * order, with the lines `amended` holds for a part put in place of its old ones (spill-amendments.ts);
 * `rows` is the number of lines the parts hold, as their writer counted them.
 */
export async function writeCsvFromParts(
  path: string, name: string, header: string[], parts: string[], rows: number, amended: ReadonlyMap<string, readonly LineReplacement[]> = new Map(),
): Promise<WrittenFile> {
  const file = hashedFile(path);
  await file.write(headerBytes(header));
  for (const part of parts) {
    const replacements = amended.get(part);
    const chunks = replacements ? amendedPart(part, replacements) : createReadStream(part, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
    // A read error names the part; a write error comes named from `file.write`.
    await (async () => { for await (const chunk of chunks) await file.write(chunk); })().catch((err: unknown) => { throw fileError(part, err); });
  }
  return { name, sha256: await file.end(), rows };
}

/**
 * A CSV file made of a header and chunks already holding its lines (previous-lines.ts: the previous file's
 * lines merged with new ones); `rows`: the number of lines the chunks hold, as their maker counts them.
 */
export async function writeCsvChunks(path: string, name: string, header: string[], chunks: AsyncIterable<Buffer>, rows: number): Promise<WrittenFile> {
  const file = hashedFile(path);
  try {
    await file.write(headerBytes(header));
    for await (const chunk of chunks) await file.write(chunk);
  } catch (err) {
    await file.abort(); // closed before the caller writes the file again another way
    throw err;
  }
  return { name, sha256: await file.end(), rows };
}

/** A CSV file's first bytes: the BOM and the header line. */
export function headerBytes(header: string[]): Buffer {
  return Buffer.from('\ufeff' + csvLines([header]), 'utf8');
}

/** How much of a CSV file's writes is buffered before a write waits for the disk (hashedFile). */
const WRITE_BUFFER_BYTES = 4 << 20;

/**
 * An owner-only file written with back-pressure, hashing what is written. A write error (a full disk) is
 * thrown by the next `write` or by `end`, naming the file (file-error.ts); without the listener it would be
 * an uncaught exception. Each write is a safe point for a stop request (stop-request.ts): the export's
 * temporary folder is then removed.
 */
function hashedFile(path: string) {
  const hash = createHash('sha256');
  // 4 MiB of writes buffered before `write` asks to wait (the default is 16 KiB): reconciliation.csv after an
  // incremental night is written as some 100,000 pieces at 5M persons (runs of the previous file's lines
  // between the changed persons' lines, previous-lines.ts), and each wait for 'drain' is a round trip through
  // libuv's thread pool; buffered pieces go out together in one writev. Only one CSV file is open at a time.
  const file = createWriteStream(path, { mode: 0o600, highWaterMark: WRITE_BUFFER_BYTES });
  let failed: unknown = null;
  file.on('error', (err) => { failed ??= err; });
  const settle = async (event: 'drain' | 'finish') => {
    await once(file, event).catch((err: unknown) => { failed ??= err; });
    if (failed) throw fileError(path, failed);
  };
  return {
    async write(bytes: Buffer) {
      try {
        if (failed) throw fileError(path, failed);
        throwIfStopped();
      } catch (err) {
        file.destroy(); // the caller removes the folder: no descriptor left open on it
        throw err;
      }
      hash.update(bytes);
      if (!file.write(bytes)) await settle('drain');
    },
    /** Stops writing: the descriptor is closed, and no write of this file lands after this resolves. */
    async abort() {
      if (!file.closed) {
        const closed = once(file, 'close').catch(() => {});
        file.destroy();
        await closed;
      }
    },
    async end(): Promise<string> {
      if (failed) throw fileError(path, failed);
      file.end();
      await settle('finish');
      return hash.digest('hex');
    },
  };
}
