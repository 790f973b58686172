import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open-database.js';
import { ingestFile, type FileReport, type IngestOptions } from './ingest-file.js';

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

/** Ingests files one after another (one writer; each file is its own transaction). */
export async function ingestFiles(
  db: Db, paths: string[], options: IngestOptions, onFile: (report: FileReport) => void = () => {},
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const path of paths) {
    const report = await ingestFile(db, path, options);
    reports.push(report);
    onFile(report);
  }
  return reports;
}
