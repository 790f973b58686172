import type { Db } from '../db/db.js';
import type { IngestedFilesTable } from '../db/database.js';
import type { FileStamp } from './file-stamp.js';

export type FileRecord = Omit<IngestedFilesTable, 'ingested_at'> & { ingested_at: string };

/** Finds the record of a file already seen, by content. */
export async function findFile(db: Db, sha256: string): Promise<IngestedFilesTable | undefined> {
  return db.kysely.selectFrom('ingested_files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/**
 * Forgets an earlier attempt at the same bytes, at the start of a file's transaction: a file rejected
 * whole holds no rows, only its record and its rejects (line 0 and its listed bad rows), so these are
 * replaced when the same bytes are tried again (e.g. with a higher --max-reject-rate). A file ingested is
 * never tried again (it is skipped), so this removes nothing of one.
 */
export async function forgetRejectedFile(db: Db, sha256: string): Promise<void> {
  const k = db.kysely;
  await k.deleteFrom('rejected_rows').where('file_sha256', '=', sha256).execute();
  await k.deleteFrom('ingested_files').where('sha256', '=', sha256).execute();
}

/**
 * Forgets what was recorded of an entry named `name` while it could not be read (UNREADABLE_FILE under its
 * pseudo-identity, for every reason: a dangling link, permission denied…), once an entry of that name has
 * been read. Those records describe the entry as it was, not any bytes: left, the reject would be listed
 * (and `recon export` exit 4) forever after the file was put right. They are the only UNREADABLE_FILE
 * records with 0 bytes: a file whose reader failed is recorded under its real sha256, with its size.
 */
export async function forgetUnreadableName(db: Db, name: string): Promise<void> {
  const k = db.kysely;
  const pseudo = k.selectFrom('ingested_files').select('sha256')
    .where('file_name', '=', name).where('reject_reason', '=', 'UNREADABLE_FILE').where('bytes', '=', 0);
  await k.deleteFrom('rejected_rows').where('file_sha256', 'in', pseudo).execute();
  await k.deleteFrom('ingested_files').where('sha256', 'in', pseudo).execute();
}

/** Records a file's outcome (after forgetRejectedFile, in the same transaction). */
export async function recordFile(db: Db, file: FileRecord): Promise<void> {
  await db.kysely.insertInto('ingested_files').values(file).execute();
}

/** The sha256 of the bytes a file had when it was last read with this stamp, or undefined. */
export async function findStamp(db: Db, stamp: FileStamp): Promise<string | undefined> {
  const row = await db.kysely.selectFrom('file_stamps').select(['stamp', 'sha256']).where('file_id', '=', stamp.id).executeTakeFirst();
  return row?.stamp === stamp.stamp ? row.sha256 : undefined;
}

/** Keeps a file's stamp with the sha256 of its bytes (held as `ingested`), replacing the file's earlier one. */
export async function recordStamp(db: Db, stamp: FileStamp, sha256: string): Promise<void> {
  const k = db.kysely;
  await k.deleteFrom('file_stamps').where('file_id', '=', stamp.id).execute();
  await k.insertInto('file_stamps').values({ file_id: stamp.id, stamp: stamp.stamp, sha256 }).execute();
}
