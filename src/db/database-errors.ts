import { ReconError, UsageError } from '../base/recon-error.js';
import { describeTarget } from './database-target.js';
import type { DatabaseState } from './db.js';

/** The database does not exist and this command does not create one: a usage error (exit 2). */
export class NoDatabaseError extends UsageError {}

/**
 * Something is at the target but it is not a database the job can use (an empty file, a text file, a
 * folder): exit 1, nothing touched. The job never turns such a file into a new database: the next night
 * would then reconcile that night's inbox alone, as if the years before had never been ingested.
 */
export class DatabaseUnusableError extends ReconError {}

/** The refusal of a command that does not create databases. */
export function missingDatabase(target: string, state: Exclude<DatabaseState, 'present'>): NoDatabaseError {
  const what = state === 'absent' ? 'does not exist' : "has none of the job's tables (no run or ingest ever wrote to it)";
  return new NoDatabaseError(
    `the database ${describeTarget(target)} ${what}; only recon run and recon ingest create a database: check --db (or DATABASE_URL)`,
  );
}

/**
 * An error from the database layer (SQLite's "unable to open database file", a full disk, a permission,
 * a PostgreSQL error) as "<database>: <what>", so that the operator knows which file or server it is about.
 * Messages from the engines carry table and column names, never values.
 */
export function namedDatabaseError(err: unknown, target: string): unknown {
  return err instanceof Error && isEngineError(err) ? databaseNamed(err, target) : err;
}

/** `err` as "<database>: <message>" (unless it names it already), whatever the error: for failures certainly about the database, such as a migration's. */
export function databaseNamed(err: Error, target: string): Error {
  const name = describeTarget(target);
  if (err.message.includes(name)) return err;
  return Object.assign(new Error(`${name}: ${err.message}`, { cause: err }), { code: (err as { code?: string }).code });
}

/**
 * better-sqlite3's SqliteError (code SQLITE_*) or pg's DatabaseError (a SQLSTATE and a severity): errors
 * certainly about the database. Filesystem errors (ENOSPC, EACCES) are not renamed here, because a run's
 * may be about its outputs; the engines name the path where they touch the filesystem themselves.
 */
function isEngineError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || 'severity' in err);
}
