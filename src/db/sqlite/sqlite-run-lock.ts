import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { HOLDER_SQL, type LockAttempt, type RunHolder } from '../lock-attempt.js';
import { namedDatabaseError } from '../database-errors.js';
import { fileError } from '../../base/file-error.js';

/**
 * The run lock on SQLite: an exclusive transaction on `<db>.lock`, held open for the whole run. SQLite
 * takes it with a POSIX (fcntl) lock, which the kernel drops when the process ends.
 */
export async function trySqliteRunLock(dbPath: string): Promise<LockAttempt> {
  try {
    mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw fileError(dirname(dbPath), err);
  }
  let lock: BetterSqlite3.Database;
  try {
    lock = new BetterSqlite3(`${dbPath}.lock`, { timeout: 0 });
  } catch (err) {
    throw namedDatabaseError(err, `${dbPath}.lock`);
  }
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw namedDatabaseError(err, `${dbPath}.lock`);
    return { holder: readHolder(dbPath) };
  }
  return {
    lock: {
      async release() {
        lock.exec('ROLLBACK');
        lock.close();
      },
    },
  };
}

/** The holder's run record, read on a read-only connection (WAL lets it read meanwhile). */
function readHolder(dbPath: string): RunHolder | null {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, timeout: 2000 });
    return (db.prepare(HOLDER_SQL).get() as RunHolder | undefined) ?? null;
  } catch {
    return null; // no database or no runs table yet: the holder is just starting
  } finally {
    db?.close();
  }
}
