import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../db/open-database.js';
import { ingestFile, type FileReport, type IngestOptions } from './ingest-file.js';
import { ensureReconcileIndex, isBulkLoad, withoutReconcileIndex } from './bulk-load.js';

/**
 * The files named, in order; a folder stands for the regular files directly inside it, sorted by name so
 * that a night's files are always read in the same order (the first of two conflicting txn_ids stays).
 */
export function expandInputs(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!statSync(p).isDirectory()) return [p];
    return readdirSync(p)
      .filter((name) => !name.startsWith('.') && statSync(join(p, name)).isFile())
      .sort()
      .map((name) => join(p, name));
  });
}

/** What a caller may watch while files are ingested (progress bars, logs). */
export type IngestObserver = {
  fileStarted?(file: string, bytes: number): void;
  progress?(file: string, bytesRead: number, bytes: number, rowsRead: number, seconds: number): void;
  fileDone?(report: FileReport, seconds: number): void;
  /** Told once, before the first file, whether the night is a bulk load (bulk-load.ts). */
  bulkLoad?(bulk: boolean): void;
};

/**
 * Ingests files one after another (one writer; each file is its own transaction). A bulk load runs
 * without the payments' covering index and builds it once at the end (bulk-load.ts).
 */
export async function ingestFiles(db: Db, paths: string[], options: IngestOptions, observer: IngestObserver = {}): Promise<FileReport[]> {
  const bulk = await isBulkLoad(db.kysely, paths.map((p) => ({ name: basename(p), bytes: statSync(p).size })));
  observer.bulkLoad?.(bulk);
  if (bulk) return withoutReconcileIndex(db, () => ingestEach(db, paths, options, observer));
  await ensureReconcileIndex(db);
  return ingestEach(db, paths, options, observer);
}

async function ingestEach(db: Db, paths: string[], options: IngestOptions, observer: IngestObserver): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const path of paths) {
    const name = basename(path);
    const bytes = statSync(path).size;
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    observer.fileStarted?.(name, bytes);
    const report = await ingestFile(db, path, {
      ...options,
      onProgress: observer.progress && ((p) => observer.progress!(name, p.bytesRead, bytes, p.rowsRead, seconds())),
    });
    reports.push(report);
    observer.fileDone?.(report, seconds());
  }
  return reports;
}
