import type { Db } from '../db/db.js';
import { ingestFile, recordUnreadableFile, type FileReport, type IngestOptions } from './ingest-file.js';
import { ensurePaymentIndexes, withoutPaymentIndexes } from '../db/payment-indexes.js';
import { isBulkLoad } from './bulk-load.js';
import type { InputEntry, InputFile, SetAside } from './inbox-entries.js';
import { throwIfStopped } from '../base/stop-request.js';
import { ReadThread } from './read-thread.js';

/** What a caller may watch while files are ingested (progress bars, logs). */
export type IngestObserver = {
  fileStarted?(file: string, bytes: number): void;
  progress?(file: string, bytesRead: number, bytes: number, rowsRead: number, seconds: number): void;
  fileDone?(report: FileReport, seconds: number): void;
  /** A file not ingested now, to be tried again by the next run (nothing of it is stored). */
  fileDeferred?(entry: SetAside): void;
  /** An inbox entry not read and not deferred (a folder, or one gone while listing): said. */
  entrySkipped?(entry: SetAside): void;
  /** Told once, before the first file, whether the night is a bulk load (bulk-load.ts). */
  bulkLoad?(bulk: boolean): void;
};

/** The night's ingest: a report per file read or rejected whole, and the entries deferred or skipped. */
export type IngestResult = { reports: FileReport[]; deferred: SetAside[]; skipped: SetAside[] };

/** The night's options for its files; the reader thread is the night's own (ingestEach). */
export type IngestFilesOptions = Omit<IngestOptions, 'reader' | 'onProgress'>;

/**
 * Ingests the entries one after another (one writer; each file is its own transaction). A bulk load runs
 * without the payments' covering index and builds it once at the end (bulk-load.ts).
 */
export async function ingestFiles(db: Db, entries: InputEntry[], options: IngestFilesOptions, observer: IngestObserver = {}): Promise<IngestResult> {
  const files = entries.filter((e): e is InputFile => e.type === 'file');
  const bulk = await isBulkLoad(db.kysely, files.map((f) => ({ name: f.name, bytes: f.size })));
  observer.bulkLoad?.(bulk);
  if (bulk) return withoutPaymentIndexes(db, () => ingestEach(db, entries, options, observer));
  await ensurePaymentIndexes(db);
  return ingestEach(db, entries, options, observer);
}

/** One reader thread reads the night's files (read-thread.ts); it ends with the last, or with the night's failure. */
async function ingestEach(db: Db, entries: InputEntry[], options: IngestFilesOptions, observer: IngestObserver): Promise<IngestResult> {
  const reader = new ReadThread();
  try {
    return await ingestWith(reader, db, entries, options, observer);
  } finally {
    await reader.close();
  }
}

async function ingestWith(reader: ReadThread, db: Db, entries: InputEntry[], options: IngestFilesOptions, observer: IngestObserver): Promise<IngestResult> {
  const result: IngestResult = { reports: [], deferred: [], skipped: [] };
  const deferred = (entry: SetAside) => {
    result.deferred.push(entry);
    observer.fileDeferred?.(entry);
  };
  for (const entry of entries) {
    throwIfStopped(); // a safe point (SIGTERM): the files before are committed, the next not begun
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    if (entry.type === 'deferred') {
      deferred({ name: entry.name, reason: entry.reason });
      continue;
    }
    if (entry.type === 'skipped') {
      result.skipped.push({ name: entry.name, reason: entry.reason });
      observer.entrySkipped?.({ name: entry.name, reason: entry.reason });
      continue;
    }
    let outcome: FileReport | SetAside;
    if (entry.type === 'unreadable') {
      observer.fileStarted?.(entry.name, 0);
      outcome = await recordUnreadableFile(db, entry.name, entry.reason);
    } else {
      observer.fileStarted?.(entry.name, entry.size);
      outcome = await ingestFile(db, entry, {
        ...options,
        reader,
        onProgress: observer.progress && ((p) => observer.progress!(entry.name, p.bytesRead, entry.size, p.rowsRead, seconds())),
      });
    }
    if ('outcome' in outcome) {
      result.reports.push(outcome);
      observer.fileDone?.(outcome, seconds());
    } else {
      deferred(outcome);
    }
  }
  return result;
}
