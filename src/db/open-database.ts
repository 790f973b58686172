import type { Kysely, CompiledQuery } from 'kysely';
import type { RowStore, RowStoreFile } from '../ingest/row-store.js';
import type { LockAttempt } from '../run/run-lock.js';
import type { Database } from './database.js';
import type { RowShape } from './row-shape.js';

/** The engines the job runs on: embedded SQLite (a file path) or PostgreSQL (a `postgres://` URL). */
export type Engine = 'sqlite' | 'postgres';

/**
 * An open database: the Kysely instance every portable query goes through, plus the few operations whose
 * fast form differs per engine. Everything engine-specific lives in `src/db/sqlite/` or `src/db/postgres/`;
 * the rest of the code sees only this type.
 */
export type Db = {
  engine: Engine;
  /** What it was opened with (a file path or a URL), for a reader on another thread (`openReader`). */
  target: string;
  kysely: Kysely<Database>;
  /**
   * BEGIN ... COMMIT around `work` on the writer's connection, ROLLBACK if it throws. Every Kysely query,
   * appender and row store used inside runs in it. One file = one transaction; one reconcile = one.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs a select on a read-only connection of its own and yields its rows in arrays of `size`: one await
   * per batch instead of one per row (Kysely's `.stream()` costs several async generator hops per row,
   * which at ten million rows is most of the time). Several may run at once (each has its connection);
   * they read committed data only.
   */
  batches<R>(query: { compile(): CompiledQuery<R> }, size?: number): AsyncGenerator<R[]>;
  /**
   * `batches`, with each row as its values in SELECT order instead of an object: for wide reads whose
   * values are only passed on (the standalone export of a million result rows), where making an object
   * per row and then taking its values apart again cost about a tenth of the read.
   */
  valueBatches(query: { compile(): CompiledQuery<unknown> }, size?: number): AsyncGenerator<unknown[][]>;
  /**
   * The same on the writer's own connection, so that it sees the writer's open transaction. Nothing else
   * may run on the writer until the iteration ends (one statement at a time per connection).
   */
  writerBatches<R>(query: { compile(): CompiledQuery<R> }, size?: number): AsyncGenerator<R[]>;
  /**
   * Appends rows of a row shape's table on the writer (inside its open transaction), each as the shape's
   * `values` (its inserted columns, in order): SQLite runs one prepared insert
   * per row; PostgreSQL buffers rows and sends them with COPY in chunks, so a million rows are not a
   * million round trips.
   */
  appender(shape: RowShape<any, any, keyof Database & string>): Appender;
  /** Stores one input file's rows and decides each row's outcome (accepted, updated, repeat, conflict). */
  rowStore(file: RowStoreFile): RowStore;
  /**
   * Housekeeping after a step: SQLite folds the write-ahead log back into the file (until then every
   * read looks pages up in the WAL's index, and the export ran 1.7 times slower); PostgreSQL refreshes the
   * planner's statistics of the tables the step filled.
   */
  afterStep(): Promise<void>;
  close(): Promise<void>;
};

export type Appender = {
  /** Adds one row, values in the shape's `inserted` order. Returns a promise only when a buffered chunk is being written: await it. */
  add(values: readonly unknown[]): Promise<void> | void;
  /** Writes whatever is still buffered. Call before reading the table back or committing. */
  flush(): Promise<void>;
};

/**
 * What a reader on another thread needs: a Kysely instance to build queries with, and `batches`. It
 * opens no writer, runs no migrations and takes no lock: it reads committed data beside the run that
 * opened the database (the reconcile worker, src/reconcile/reconcile-worker.ts).
 */
export type ReadDb = Pick<Db, 'engine' | 'kysely' | 'batches' | 'close'>;

export async function openReader(target: string): Promise<ReadDb> {
  return (await engineFor(target)).openReader(target);
}

/** What each engine module provides (src/db/sqlite/sqlite-database.ts, src/db/postgres/postgres-database.ts). */
export type EngineModule = {
  /**
   * What is at the target now, changing nothing (no file, no folder, no migration). Throws
   * DatabaseUnusableError (exit 1) for something there that is not a usable database, and NoDatabaseError
   * (exit 2) for a PostgreSQL database the server does not have.
   */
  inspect(target: string): Promise<DatabaseState>;
  /**
   * Opens the database and brings its schema up to date. With `create: false` it refuses (NoDatabaseError)
   * a target whose schema the job never created, and creates nothing; `created` says whether this open
   * created the job's tables (a new SQLite file, or an empty PostgreSQL database).
   */
  open(target: string, options: OpenOptions): Promise<OpenedDatabase>;
  openReader(target: string): Promise<ReadDb>;
  /** The one-run-at-a-time lock (src/run/run-lock.ts says how each engine holds it). */
  tryRunLock(target: string): Promise<LockAttempt>;
};

/**
 * The engine module for a target, loaded on demand, so that a SQLite night never loads the PostgreSQL
 * client and vice versa. The one place that chooses the engine.
 */
export async function engineFor(target: string): Promise<EngineModule> {
  return engineOf(target) === 'postgres'
    ? (await import('./postgres/postgres-database.js')).postgresEngine
    : (await import('./sqlite/sqlite-database.js')).sqliteEngine;
}

/** `postgres://` or `postgresql://` selects PostgreSQL; anything else is a SQLite file path. */
export function engineOf(target: string): Engine {
  return /^postgres(ql)?:\/\//i.test(target) ? 'postgres' : 'sqlite';
}

/**
 * The database target as logs, run records and manifests may show it: a PostgreSQL URL loses its
 * password (a run record must not become a credential store).
 */
export function describeTarget(target: string): string {
  if (engineOf(target) !== 'postgres') return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * Whether a command may create the database (spec 6): `run` and `ingest` create one that does not exist
 * yet, and say so; `reconcile`, `export` and `explain` have nothing to work on without one, and a new empty
 * database would only hide a wrong `--db` (or a volume that was not mounted) behind an empty result.
 */
export type OpenOptions = { create: boolean };

export type OpenedDatabase = { db: Db; created: boolean };

/**
 * `absent`: no SQLite file; `no-schema`: a database without the job's tables (an empty PostgreSQL
 * database, a SQLite file of somebody else's), which counts as no database too; `present`: the job's.
 */
export type DatabaseState = 'absent' | 'no-schema' | 'present';

/** The database does not exist and this command does not create one: a usage error (exit 2). */
export class NoDatabaseError extends Error {}

/**
 * Something is at the target but it is not a database the job can use (an empty file, a text file, a
 * folder): exit 1, nothing touched. The job never turns such a file into a new database: the next night
 * would then reconcile that night's inbox alone, as if the years before had never been ingested.
 */
export class DatabaseUnusableError extends Error {}

/**
 * Checks the target before anything is created beside it (the run lock's file, a folder): throws
 * NoDatabaseError when it does not exist and `create` is false, DatabaseUnusableError when it is not a
 * database. Changes nothing. `openDatabase` repeats the check; a command that takes the run lock calls
 * this first, because the lock itself may create files (src/db/sqlite/sqlite-run-lock.ts).
 */
export async function checkDatabase(target: string, options: OpenOptions): Promise<void> {
  if (target === ':memory:') return;
  const state = await (await engineFor(target)).inspect(target);
  if (state !== 'present' && !options.create) throw missingDatabase(target, state);
}

/**
 * Opens the database after `checkDatabase`'s check and brings its schema up to date; with `create`, makes
 * it (a SQLite file and its folder, or the job's tables in an empty PostgreSQL database) when it does not
 * exist, and says whether it did.
 */
export async function openDatabase(target: string, options: OpenOptions): Promise<OpenedDatabase> {
  await checkDatabase(target, options);
  return (await engineFor(target)).open(target, options);
}

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
