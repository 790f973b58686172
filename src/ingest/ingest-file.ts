import { createHash } from 'node:crypto';
import type { IngestedFilesTable, InputKind } from '../db/database.js';
import type { Db } from '../db/db.js';
import { failpoint } from '../base/failpoints.js';
import { nowInShanghai } from '../normalise/dates.js';
import { ReaderFailed, type ReadThread } from './read-thread.js';
import { visitBatch, type ReadBatchVisitor } from './read-batch.js';
import { findFile, findStamp, forgetRejectedFile, forgetUnreadableName, recordFile, recordStamp } from './ingest-store.js';
import { currentStamp, sameStamp } from './file-stamp.js';
import { tooManyRejectsDetail } from './reject-cause.js';
import { spillRejects, type RejectSpill } from './reject-spill.js';
import type { ControlTotals, RowStore } from '../db/row-store.js';
import type { FileReason, RowReject } from './reason-codes.js';
import { scanFile, type Encoding, type FileScan } from './scan-file.js';
import type { InputFile, SetAside } from './inbox-entries.js';
import { ReconError } from '../base/recon-error.js';

export type { ControlTotals } from '../db/row-store.js';

/** What happened to one input file: the line `recon ingest` prints and the manifest records. */
export type FileReport = {
  file: string;
  sha256: string;
  bytes: number;
  kind: InputKind | null;
  encoding: string | null;
  /**
   * `ingested` now; `skipped` when the same bytes were ingested before (under any name): its counts are
   * then 0, since nothing of it was read tonight, and `ingestedAt`/`ingestedAs` say when and as what it
   * was; `rejected` when refused whole.
   */
  outcome: 'ingested' | 'skipped' | 'rejected';
  /** A skipped file: when its bytes were ingested (`YYYY-MM-DDTHH:MM:SS+08:00`) and under which name. */
  ingestedAt: string | null;
  ingestedAs: string | null;
  rejectReason: FileReason | null;
  /** Why it was rejected whole, as its line-0 row in rejects.csv says (counts, line numbers, no data). */
  rejectDetail: string | null;
  rowsRead: number;
  accepted: number;
  updated: number;
  repeats: number;
  rejected: number;
  blankLines: number;
  extraColumns: string[];
  controlTotals: ControlTotals;
};

export type IngestOptions = {
  maxRejectRate: number;
  today: string;
  /** The night's reader thread (read-thread.ts), which ingestFiles starts with the first file read and ends after the last. */
  reader: ReadThread;
  /** Read every file, trusting no stamp of an earlier night (`recon run --full`: file-stamp.ts). */
  rescan?: boolean;
  /** Called as the file is read (once per chunk of about 1 MiB), for progress bars and logs. */
  onProgress?: (progress: { bytesRead: number; rowsRead: number }) => void;
};

/** Raised when a file's counts do not add up: it would mean a lost row, so the run stops. */
export class InvariantError extends ReconError {}

class FileRejected extends Error {
  /** `spill`: the file's rejects, to be listed after its line-0 row (TOO_MANY_REJECTS only). */
  constructor(readonly reason: FileReason, readonly detail: string, readonly spill: RejectSpill | null = null) {
    super(detail);
  }
}

/** Raised when the bytes read are not the bytes scanned: the file's transaction rolls back, it is deferred. */
class FileChanged extends Error {}

/** Why a file that changed under the reader is deferred (spec 6): it is still being written. */
export const CHANGED_WHILE_READ = 'changed while being read: it may still be being written';

/**
 * Ingests one file as one transaction (spec 2.4). Every data record ends exactly once as accepted, repeat
 * or reject; a file-level problem rejects the whole file and keeps none of its rows; a crash or an
 * exception leaves nothing of the file stored. The same bytes ingested before (under any name) are skipped.
 *
 * Two passes read the file: the scan (sha256 and encoding), so that a file already held is skipped without
 * being parsed and the decoder is chosen from the whole file; then the reader, which hashes the bytes it
 * actually parses. A file that changed in between (a different hash or size from the reader, or a stamp,
 * file-stamp.ts, other than when it was listed) is still being written: its transaction rolls back and it
 * is deferred (returned as a SetAside), so the sha256 recorded is always that of exactly the bytes parsed.
 *
 * Before both, a file whose bytes are held and whose stamp is the one it had when they were read
 * (file-stamp.ts) is skipped without being read at all; a file scanned or ingested tonight has its stamp
 * kept, if it did not change while it was read.
 */
export async function ingestFile(db: Db, file: Omit<InputFile, 'type'>, options: IngestOptions): Promise<FileReport | SetAside> {
  const fileName = file.name;
  const deferred = { name: fileName, reason: CHANGED_WHILE_READ };
  const unchanged = options.rescan ? null : await heldUnchanged(db, file);
  if (unchanged) return unchanged;
  const scan = await scanFile(file.path);
  failpoint('ingest-scanned');
  if (changedSince(file)) return deferred;
  const report = newReport(fileName, scan.sha256, scan.bytes, scan.encoding);

  const held = await findFile(db, scan.sha256);
  if (held && held.status === 'ingested') {
    await db.transaction(async () => {
      await forgetUnreadableName(db, fileName);
      await keepStamp(db, file, scan.sha256);
    });
    return skippedReport(report, held);
  }

  try {
    if (scan.bytes === 0) throw new FileRejected('EMPTY_FILE', 'the file is empty (0 bytes)');
    if (!scan.encoding) throw new FileRejected('UNDECODABLE_FILE', scan.undecodableDetail ?? 'unknown encoding');
    const encoding = scan.encoding;
    await db.transaction(async () => {
      await forgetRejectedFile(db, scan.sha256);
      const store = db.rowStore({ sha256: scan.sha256, fileName });
      await readRecords(store, file.path, encoding, scan, report, options);
      if (changedSince(file)) throw new FileChanged();
      const tally = await store.finish();
      report.accepted = tally.accepted;
      report.updated = tally.updated;
      report.repeats = tally.repeats;
      report.rejected += tally.conflicts;
      report.controlTotals = tally.controlTotals;
      if (report.rowsRead === 0) throw new FileRejected('EMPTY_FILE', 'the file has no data rows');
      const rate = report.rejected / report.rowsRead;
      if (rate > options.maxRejectRate) {
        // Its rows roll back with this transaction; its rejects are carried over to be listed (reject-spill.ts).
        const spill = await spillRejects(db, scan.sha256);
        if (spill.rows !== report.rejected) {
          spill.dispose();
          throw new InvariantError(`accounting broken for ${fileName}: ${report.rejected} rejects counted, ${spill.rows} stored`);
        }
        throw new FileRejected('TOO_MANY_REJECTS', tooManyRejectsDetail(report.rejected, report.rowsRead, options.maxRejectRate, spill.byReason, spill.spreadsheetIds), spill);
      }
      checkAccounting(report);
      await forgetUnreadableName(db, fileName);
      await recordFile(db, fileRecord(report, 'ingested', null));
      await keepStamp(db, file, scan.sha256);
    });
    return report;
  } catch (err) {
    if (err instanceof FileChanged) return deferred;
    if (!(err instanceof FileRejected)) throw err;
    try {
      // A file still being written can look empty, headless or cut short: it is deferred, not rejected.
      if (changedSince(file)) return deferred;
      return await recordRejectedFile(db, report, err.reason, err.detail, err.spill);
    } finally {
      err.spill?.dispose();
    }
  }
}

function newReport(file: string, sha256: string, bytes: number, encoding: string | null): FileReport {
  return {
    file, sha256, bytes, kind: null, encoding, outcome: 'ingested', ingestedAt: null, ingestedAs: null, rejectReason: null, rejectDetail: null,
    rowsRead: 0, accepted: 0, updated: 0, repeats: 0, rejected: 0, blankLines: 0, extraColumns: [], controlTotals: {},
  };
}

/**
 * A file whose bytes were ingested before, skipped under tonight's name, counting nothing: the counts of its
 * first ingest stay with that ingest (ingested_files, the manifest's `inputs`), not repeated as if the rows
 * were read tonight.
 */
function skippedReport(report: FileReport, held: IngestedFilesTable): FileReport {
  return { ...report, kind: held.kind, outcome: 'skipped', ingestedAt: held.ingested_at, ingestedAs: held.file_name };
}

/**
 * The report of a file held since an earlier night and unchanged since: the stamp it was read with is its
 * stamp when it was listed tonight and still now, and its bytes are held as ingested. Skipped as the scan
 * would have skipped it (same sha256, size and encoding), without reading it; null when it must be read.
 */
async function heldUnchanged(db: Db, file: Omit<InputFile, 'type'>): Promise<FileReport | null> {
  if (!file.trusted) return null;
  const sha256 = await findStamp(db, file.stamp);
  if (!sha256 || changedSince(file)) return null;
  const held = await findFile(db, sha256);
  if (held?.status !== 'ingested') return null;
  await db.transaction(() => forgetUnreadableName(db, file.name));
  return skippedReport(newReport(file.name, sha256, file.size, held.encoding), held);
}

/**
 * Keeps the file's stamp from before it was read with the sha256 of the bytes read, if the stamp is one to
 * trust (file-stamp.ts). Its callers have found the file unchanged since (changedSince): should it change
 * after that, its stamp moves and the one kept here no longer matches it.
 */
async function keepStamp(db: Db, file: Omit<InputFile, 'type'>, sha256: string): Promise<void> {
  if (file.trusted) await recordStamp(db, file.stamp, sha256);
}

/**
 * Whether the file's stamp (inode, size, modification and change times) differs from the one seen before
 * reading it, or it is gone: another file under its name, a write, even one that put the size and
 * modification time back, or a change of its mode or links, which defers it to the next night as well.
 */
function changedSince(before: Pick<InputFile, 'path' | 'stamp'>): boolean {
  return !sameStamp(before.stamp, currentStamp(before.path));
}

/**
 * Records an entry that cannot be read (UNREADABLE_FILE: permission denied, a dangling link, a link out of
 * the inbox, not a regular file). Its bytes cannot be hashed, so its identity is a pseudo-sha256 of
 * `unreadable\0<name>\0<reason>`: the same entry found again on the next night replaces its record and
 * its line-0 reject instead of adding new ones; found with another reason, or once it can be read (then it is
 * a file like any other), its earlier unreadable records are removed (`forgetUnreadableName`).
 */
export async function recordUnreadableFile(db: Db, name: string, reason: string): Promise<FileReport> {
  const sha256 = createHash('sha256').update(`unreadable\0${name}\0${reason}`).digest('hex');
  const report: FileReport = { ...newReport(name, sha256, 0, null), outcome: 'rejected', rejectReason: 'UNREADABLE_FILE', rejectDetail: reason };
  return recordRejectedFile(db, report, 'UNREADABLE_FILE', reason);
}

/**
 * Reads the file on the night's reader thread (read-thread.ts, read-worker.ts: decode → frame → fields → validate) and hands each
 * record to the row store here, in file order, inside the file's transaction. Two cores work at once: the
 * worker reads the next batches while this thread stores the current one. Rejects are counted here;
 * accepted, repeats and conflicts are the store's tally (`finish`).
 */
async function readRecords(
  store: RowStore, path: string, encoding: Encoding, scan: FileScan, report: FileReport, options: IngestOptions,
): Promise<void> {
  const storeReject = (line: number, raw: string, r: RowReject) => {
    report.rejected++;
    store.reject({ line, kind: report.kind ?? 'unknown', reason: r.reason, detail: r.detail, raw });
  };
  const visitor: ReadBatchVisitor = {
    header(kind, extra) {
      report.kind = kind;
      report.extraColumns = extra;
    },
    // A malformed line before the header is still a line read and rejected (its kind is not known yet).
    malformed(line, raw, detail) {
      report.rowsRead++;
      storeReject(line, raw, { reason: 'MALFORMED_ROW', detail });
    },
    reject(line, raw, r) {
      report.rowsRead++;
      failpoint('ingest-row');
      storeReject(line, raw, r);
    },
    payment(row, line, raw) {
      report.rowsRead++;
      failpoint('ingest-row');
      store.payment(row, line, raw);
    },
    roster(row, line, raw) {
      report.rowsRead++;
      failpoint('ingest-row');
      store.roster(row, line, raw);
    },
    employee(row, line, raw) {
      report.rowsRead++;
      failpoint('ingest-row');
      store.employee(row, line, raw);
    },
  };

  // A failure of the reader itself (out of memory, a bug: ReaderFailed) rejects the file, not the night; an
  // error of this thread (the store, the database) still stops the run.
  try {
    for await (const message of options.reader.read({ path, encoding, today: options.today })) {
      if (message.type === 'records') {
        visitBatch(message.records, visitor);
        await store.drain();
        options.reader.ack();
        options.onProgress?.({ bytesRead: message.bytesRead, rowsRead: report.rowsRead });
      } else if (message.type === 'failed') {
        throw new FileRejected(message.reason, message.detail);
      } else {
        // The reader hashed what it parsed: other bytes than the scan's mean the file changed in between.
        if (message.sha256 !== scan.sha256 || message.bytes !== scan.bytes) throw new FileChanged();
        if (!message.headerSeen) throw new FileRejected('EMPTY_FILE', 'the file has no header row');
        report.blankLines = message.blankLines;
        return;
      }
    }
    throw readerStopped(report, 'the reader stopped before the end of the file');
  } catch (err) {
    if (!(err instanceof ReaderFailed)) throw err;
    throw readerStopped(report, readerFailure(err.failure));
  }
}

/**
 * The file's reject when its reader died: UNREADABLE_FILE (the job could not read it), its rows counted as
 * not read, since the file was never read to its end (the transaction drops what was stored of it).
 */
function readerStopped(report: FileReport, why: string): FileRejected {
  report.rowsRead = 0;
  report.rejected = 0;
  return new FileRejected('UNREADABLE_FILE', `${why}; none of its rows were kept`);
}

/** Why the reader failed: the error's code or name, never its message (which might quote the file's content). */
function readerFailure(err: NodeJS.ErrnoException): string {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the reader ran out of memory (ERR_WORKER_OUT_OF_MEMORY) on this file';
  return `the reader failed (${err.code ?? err.name}) on this file`;
}

/** rows read = accepted + repeats + rejected, or the run stops: a mismatch would be a lost row. */
export function checkAccounting(r: Pick<FileReport, 'file' | 'rowsRead' | 'accepted' | 'repeats' | 'rejected'>): void {
  if (r.rowsRead !== r.accepted + r.repeats + r.rejected) {
    throw new InvariantError(
      `accounting broken for ${r.file}: read ${r.rowsRead} != accepted ${r.accepted} + repeats ${r.repeats} + rejected ${r.rejected}`,
    );
  }
}

/**
 * Records a file rejected whole, in a transaction of its own: its record (all its rows counted as
 * rejected), its line-0 row, and, for TOO_MANY_REJECTS, its rejected rows after it (spec 2.4, v2), read
 * back from the spill a batch at a time.
 */
async function recordRejectedFile(db: Db, report: FileReport, reason: FileReason, detail: string, spill: RejectSpill | null = null): Promise<FileReport> {
  const rejected: FileReport = {
    ...report, outcome: 'rejected', rejectReason: reason, rejectDetail: detail, accepted: 0, updated: 0, repeats: 0,
    rejected: report.rowsRead, controlTotals: {},
  };
  await db.transaction(async () => {
    await forgetRejectedFile(db, report.sha256);
    // The entry as it is now replaces what was recorded of its name while it could not be read.
    await forgetUnreadableName(db, report.file);
    await recordFile(db, fileRecord(rejected, 'rejected', reason));
    const store = db.rowStore({ sha256: report.sha256, fileName: report.file });
    store.reject({ line: 0, kind: report.kind ?? 'unknown', reason, detail, raw: '' });
    for await (const batch of spill?.read() ?? []) {
      for (const r of batch) store.reject(r);
      await store.drain();
    }
    await store.finish();
  });
  return rejected;
}

function fileRecord(r: FileReport, status: 'ingested' | 'rejected', reason: FileReason | null) {
  return {
    sha256: r.sha256, file_name: r.file, kind: r.kind, encoding: r.encoding, status, reject_reason: reason,
    bytes: r.bytes, rows_read: r.rowsRead, accepted: r.accepted, updated: r.updated, repeats: r.repeats,
    rejected: r.rejected, blank_lines: r.blankLines, extra_columns: JSON.stringify(r.extraColumns),
    control_totals: JSON.stringify(r.controlTotals), ingested_at: nowInShanghai(),
  };
}
