import type { Db } from '../db/open-database.js';
import type { IngestedFilesTable } from '../db/database.js';

export type FileRecord = Omit<IngestedFilesTable, 'ingested_at'> & { ingested_at: string };

/** Finds the record of a file already seen, by content. */
export async function findFile(db: Db, sha256: string): Promise<IngestedFilesTable | undefined> {
  return db.kysely.selectFrom('ingested_files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/**
 * Records a file's outcome. A file rejected whole earlier holds no rows, so its old record and its
 * line-0 reject are replaced when the same bytes are tried again (e.g. with a higher --max-reject-rate).
 */
export async function recordFile(db: Db, file: FileRecord): Promise<void> {
  const k = db.kysely;
  await k.deleteFrom('rejected_rows').where('file_sha256', '=', file.sha256).where('line', '=', 0).execute();
  await k.deleteFrom('ingested_files').where('sha256', '=', file.sha256).execute();
  await k.insertInto('ingested_files').values(file).execute();
}
