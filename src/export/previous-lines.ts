import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLines } from './csv-lines.js';
import type { Lang } from './labels.js';
import { OUT_MARKER } from './out-folder.js';
import { reconciliationCells, resultRegion } from './reconciliation-cells.js';
import { RECON_RESULTS } from '../db/result-shapes.js';

/**
 * reconciliation.csv after an incremental night, proportional to what changed (issue 21, phase 2;
 * docs/architecture.md "Incremental nights"): one sequential pass over the previous file in `--out`,
 * copying the lines of the persons the night did not change as bytes, with the changed persons' lines
 * formatted from their rows and merged in, in the file's order (region_code, then id_number). The previous
 * file is used only when it is provably the one this database wrote for the reconcile tonight's follows;
 * otherwise every line is formatted, as on a full night, and the log says why.
 */

/** How reconciliation.csv's lines were made: copied from the spill, merged into the previous file's, or all formatted. */
export type ReconciliationLines = { lines: 'spilled' | 'reused' | 'formatted'; reason: FormatReason | null; seconds: number };

/** Why every line was formatted. */
export type FormatReason =
  | 'full_reconcile' // the reconcile was a full one (or made before reconciles had ids): any row may have changed
  | 'no_previous_output' // --out holds no output folder of the job with a reconciliation.csv in its manifest
  | 'other_year' | 'other_language'
  | 'other_tool_version' // exported by another version of the job: its labels or formatting may differ
  | 'other_reconcile' // the folder was exported from another reconcile than the one tonight's follows (another --out, a night without export, a crash between)
  | 'many_changed' // more changed persons than MAX_CHANGED: holding their ID numbers would cost more memory than formatting
  | 'file_changed' // the file's sha256 is not the one its manifest records (edited, truncated)
  | 'unreadable'; // a line the pass cannot take apart, or another line count than the year's rows

/**
 * The previous reconciliation.csv that qualifies, the sha256 its manifest records, and whether it was
 * exported from the reconcile being exported (`same`: no line changed since, e.g. `recon export` after
 * `recon run`) or from the one it follows (the persons in recon_changed_persons changed).
 */
export type PreviousFile = { path: string; sha256: string; same: boolean };

/** Above this many changed persons the export formats every line: their ID numbers are held in a Set (about 64 bytes each). */
export const MAX_CHANGED = 500_000;

/**
 * The previous reconciliation.csv of `outDir`, when the folder is the job's (its marker), its manifest names
 * the same coverage year, language and tool version and was exported from the reconcile being exported (`id`) or the one
 * it follows (`follows`; null: it was full), and lists reconciliation.csv with a sha256 (checked during
 * the pass: mergedLines).
 */
export function previousReconciliation(
  outDir: string, want: { year: number; lang: Lang; id: string | null; follows: string | null; toolVersion: string },
): PreviousFile | { reason: FormatReason } {
  if (want.id === null) return { reason: 'full_reconcile' }; // made before reconciles had ids
  const manifest = readManifest(outDir);
  const listed = manifest?.outputs?.find((o) => o?.name === 'reconciliation.csv');
  const path = join(outDir, 'reconciliation.csv');
  if (!manifest || typeof listed?.sha256 !== 'string' || !isFile(join(outDir, OUT_MARKER)) || !isFile(path)) return { reason: 'no_previous_output' };
  if (manifest.coverage_year !== want.year) return { reason: 'other_year' };
  if (manifest.lang !== want.lang) return { reason: 'other_language' };
  if (manifest.tool_version !== want.toolVersion) return { reason: 'other_tool_version' };
  if (manifest.reconcile_id === want.id) return { path, sha256: listed.sha256, same: true };
  if (want.follows === null) return { reason: 'full_reconcile' };
  if (manifest.reconcile_id !== want.follows) return { reason: 'other_reconcile' };
  return { path, sha256: listed.sha256, same: false };
}

type ManifestFields = { coverage_year?: unknown; lang?: unknown; tool_version?: unknown; reconcile_id?: unknown; outputs?: ({ name?: unknown; sha256?: unknown } | null)[] };

function readManifest(outDir: string): ManifestFields | null {
  const path = join(outDir, 'manifest.json');
  if (!isFile(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as ManifestFields | null;
    return m && typeof m === 'object' && Array.isArray(m.outputs) ? m : null;
  } catch {
    return null; // not a manifest of ours: format
  }
}

/** A regular file (not a link, not a folder). */
function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Thrown by mergedLines when the previous file cannot be used after all; the export then formats every line. */
export class NotReusable extends Error {
  constructor(readonly reason: FormatReason) {
    super(`the previous reconciliation.csv cannot be reused: ${reason}`);
  }
}

/** A changed person's line, formatted, with its key as bytes (the file's order is the bytes', collation "C" on PostgreSQL). */
type Fresh = { region: Buffer; id: Buffer; line: Buffer };

const LF = 0x0a, QUOTE = 0x22, COMMA = 0x2c, APOSTROPHE = 0x27;

/**
 * reconciliation.csv's data lines (after `header`, the file's first bytes, which must be the previous
 * file's too): the previous file's lines of persons not in `changed`, as bytes, merged with `fresh` (the
 * changed persons' result rows as values, in (region_code, id_number) order). A record ends at an LF outside
 * quotes (a name may hold a quote, comma or newline: csv-lines.ts quotes it); only its first three fields
 * are read (id_number, name, region_code). The previous file's sha256 is checked at its end: a mismatch, a
 * record that cannot be taken apart, or a line count other than `rows` throws NotReusable, and the caller
 * writes the file again the full way. `counted` receives the number of lines yielded.
 */
export async function* mergedLines(
  previous: PreviousFile, header: Buffer, changed: ReadonlySet<string>, fresh: AsyncIterable<unknown[][]>, lang: Lang, rows: number,
  chunkBytes = 1 << 20,
): AsyncGenerator<Buffer> {
  const freshRows = freshLines(fresh, lang);
  try {
    yield* merge(previous, header, changed, freshRows, rows, chunkBytes);
  } finally {
    await freshRows.return(undefined); // ends the database read when the pass stops early
  }
}

async function* merge(
  previous: PreviousFile, header: Buffer, changedIds: ReadonlySet<string>, freshRows: AsyncGenerator<Fresh>, rows: number, chunkBytes: number,
): AsyncGenerator<Buffer> {
  const changed = new IdFilter(changedIds);
  const key: RecordKey = { idStart: 0, idEnd: 0, regionStart: 0, regionEnd: 0 };
  let next: Fresh | null = (await freshRows.next()).value ?? null;
  const hash = createHash('sha256');
  let leftover: Buffer | null = null; // the start of a record the previous chunk ended in
  let headerSeen = false;
  let lines = 0;

  /** The records of buf from pos that end within it, kept or dropped, with the fresh lines merged in; returns where the rest begins. */
  async function* records(buf: Buffer, pos: number): AsyncGenerator<Buffer, number> {
    let span = pos; // the start of the run of kept lines not yet yielded
    let quote = buf.indexOf(QUOTE, pos);
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) break;
      if (quote !== -1 && quote < pos) quote = buf.indexOf(QUOTE, pos);
      const end = quote === -1 || quote > nl ? nl + 1 : quotedEnd(buf, pos);
      if (end < 0) break; // the record goes on in the next chunk
      recordKey(buf, pos, end, key);
      while (next && (compareBytes(next.region, buf, key.regionStart, key.regionEnd) || compareBytes(next.id, buf, key.idStart, key.idEnd)) < 0) {
        if (span < pos) yield buf.subarray(span, pos);
        span = pos;
        yield next.line;
        lines++;
        next = (await freshRows.next()).value ?? null;
      }
      if (changed.has(buf, key.idStart, key.idEnd)) {
        if (span < pos) yield buf.subarray(span, pos);
        span = end;
      } else {
        lines++;
      }
      pos = end;
    }
    if (span < pos) yield buf.subarray(span, pos);
    return pos;
  }

  for await (const chunk of createReadStream(previous.path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let buf = chunk;
    let pos = 0;
    if (!headerSeen) {
      buf = leftover ? Buffer.concat([leftover, chunk]) : chunk;
      leftover = null;
      if (buf.length < header.length) { leftover = buf; continue; }
      if (!buf.subarray(0, header.length).equals(header)) throw new NotReusable('unreadable');
      headerSeen = true;
      pos = header.length;
    } else if (leftover) {
      // Only the record that spans the two chunks is copied, not the chunk (1 MiB each time, 1.15 GB a night at 5M).
      const end = spanningEnd(leftover, chunk);
      if (end < 0) { leftover = Buffer.concat([leftover, chunk]); continue; }
      const joined = Buffer.concat([leftover, chunk.subarray(0, end)]);
      leftover = null;
      if ((yield* records(joined, 0)) !== joined.length) throw new NotReusable('unreadable');
      pos = end;
    }
    pos = yield* records(buf, pos);
    leftover = pos < buf.length ? buf.subarray(pos) : null;
  }
  if (leftover || !headerSeen) throw new NotReusable('unreadable');
  if (hash.digest('hex') !== previous.sha256) throw new NotReusable('file_changed');
  for (; next; next = (await freshRows.next()).value ?? null) {
    yield next.line;
    lines++;
  }
  if (lines !== rows) throw new NotReusable('unreadable');
}

/**
 * Where, in `chunk`, the record that starts at `head`'s first byte ends (after its LF), -1 when not in it:
 * the first LF outside quotes, counting the quotes in `head` (as quotedEnd: a doubled quote inside a field
 * toggles twice).
 */
function spanningEnd(head: Buffer, chunk: Buffer): number {
  let quoted = false;
  for (let i = head.indexOf(QUOTE); i !== -1; i = head.indexOf(QUOTE, i + 1)) quoted = !quoted;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === QUOTE) quoted = !quoted;
    else if (c === LF && !quoted) return i + 1;
  }
  return -1;
}

/**
 * `a` against buf[start, end), as bytes (Buffer.compare's order): negative when `a` sorts first. In JavaScript
 * rather than `a.compare(buf, start, end)`: the pass compares every line's region and ID number with the next
 * changed person's, short keys that differ within a few bytes, and the native calls cost more than the
 * comparison (0.9 s of a 1% night's main thread at 5M persons in a CPU profile; the pass alone 3.3–3.6 s
 * before, 2.9–3.5 s after: docs/performance.md "Session 15").
 */
function compareBytes(a: Buffer, buf: Buffer, start: number, end: number): number {
  const length = end - start;
  const n = a.length < length ? a.length : length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - buf[start + i]!;
    if (d !== 0) return d;
  }
  return a.length - length;
}

/** The changed persons' lines, one at a time, from their rows' value batches. */
async function* freshLines(batches: AsyncIterable<unknown[][]>, lang: Lang): AsyncGenerator<Fresh> {
  for await (const batch of batches) {
    for (const v of batch) {
      yield { region: Buffer.from(resultRegion(v)), id: Buffer.from(v[RECON_RESULTS.at.id_number] as string), line: Buffer.from(csvLines([reconciliationCells(v, lang)])) };
    }
  }
}

/** The end (after its LF) of a record starting at `pos` that holds a quote: the first LF outside quotes; -1 when the buffer ends first. */
function quotedEnd(buf: Buffer, pos: number): number {
  let quoted = false;
  for (let i = pos; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) quoted = !quoted; // a doubled quote inside a field toggles twice
    else if (c === LF && !quoted) return i + 1;
  }
  return -1;
}

/** Where a record's id_number and region_code cells are in the buffer (set by recordKey: nothing is allocated per line). */
type RecordKey = { idStart: number; idEnd: number; regionStart: number; regionEnd: number };

/**
 * A record's id_number and region_code cells (the first and third fields), as their places in `buf`, into
 * `key`. ID numbers are digits and X (normalise/id-number.ts) and region codes digits, so neither is ever
 * quoted or guarded (csv-file.ts guardText); a record where one is, or with fewer fields, is not one this job wrote.
 */
function recordKey(buf: Buffer, pos: number, end: number, key: RecordKey): void {
  const idEnd = buf.indexOf(COMMA, pos);
  if (idEnd < 0 || idEnd >= end || buf[pos] === QUOTE || buf[pos] === APOSTROPHE) throw new NotReusable('unreadable');
  let i = idEnd + 1;
  if (buf[i] === QUOTE) {
    for (i++; ; ) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0 || q >= end) throw new NotReusable('unreadable');
      if (buf[q + 1] === QUOTE) { i = q + 2; continue; }
      i = q + 1;
      break;
    }
  } else {
    i = buf.indexOf(COMMA, i);
  }
  if (i < 0 || i >= end || buf[i] !== COMMA || buf[i + 1] === QUOTE) throw new NotReusable('unreadable');
  const regionEnd = buf.indexOf(COMMA, i + 1);
  if (regionEnd < 0 || regionEnd >= end) throw new NotReusable('unreadable');
  key.idStart = pos;
  key.idEnd = idEnd;
  key.regionStart = i + 1;
  key.regionEnd = regionEnd;
}

/**
 * The changed persons' ID numbers, asked of by their bytes in a line of the previous file. Most lines are of
 * persons not changed: a bitmap of their bytes' hashes (FNV-1a) answers those without making a string of
 * every line's ID number (4.9M strings at 5M persons); only a line whose bit is set is looked up in the set,
 * which alone decides. At 64 to 128 bits per ID (the bitmap's size is a power of two, at most 8 MiB), about
 * one unchanged line in 60 to 120 is looked up for nothing (1 - e^(-IDs/bits)).
 */
class IdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(private readonly ids: ReadonlySet<string>) {
    let size = 1 << 16;
    while (size < ids.size * 64 && size < 1 << 26) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
    for (const id of ids) {
      const bytes = Buffer.from(id, 'utf8');
      const h = fnv1a(bytes, 0, bytes.length) & this.mask;
      this.bits[h >>> 5]! |= 1 << (h & 31);
    }
  }

  has(buf: Buffer, start: number, end: number): boolean {
    if (this.ids.size === 0) return false;
    const h = fnv1a(buf, start, end) & this.mask;
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0 && this.ids.has(buf.toString('utf8', start, end));
  }
}

/** The 32-bit FNV-1a hash of buf[start, end). */
function fnv1a(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}
