import type { Kysely, CompiledQuery } from 'kysely';
import type { Database } from './database.js';
import type { LockAttempt } from './lock-attempt.js';
import type { RowShape } from './row-shape.js';
import type { RowStore, RowStoreFile } from './row-store.js';

/**
 * The engine seam: what the rest of the code sees of a database (`Db`), and what each engine module
 * provides to open one (`EngineModule`: src/db/sqlite/sqlite-database.ts, src/db/postgres/postgres-database.ts).
 * Like a Kysely dialect, an engine is a handful of factories behind these types; nothing here imports an
 * engine, and open-database.ts is the one place that chooses one.
 */

/**
 * The rows a read yields at a time unless its caller says otherwise (`batches`, `valueBatches`). Small, so
 * that few rows are alive at once: a batch's rows outlive a young-generation collection while they are
 * formatted and written, and rows that survive two are moved to the old generation, which then needs a full
 * collection. The export of a 1% night at 5M persons, 2,000 rows a batch against 250, six runs each
 * (docs/performance.md, "Session 16"): 9.8-12.9 s against 9.0-10.1 s, the workbook thread's full collections
 * 82 against 54. PostgreSQL still fetches its cursor PG_FETCH_ROWS at a time (postgres-database.ts).
 */
export const BATCH_ROWS = 250;

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
   * Runs a select on a read-only connection of its own and yields its rows in arrays of `size` (default
   * BATCH_ROWS): one await per batch instead of one per row (Kysely's `.stream()` costs several async
   * generator hops per row, which at ten million rows is most of the time). Several may run at once (each
   * has its connection); they read committed data only.
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
  /**
   * An appender that writes each row over the stored row with the same key (the shape's key) instead of
   * beside it, where the engine does that for less than a delete and an insert: SQLite rewrites the row in
   * place (sqlite/replacing-appender.ts). Absent where it does not (PostgreSQL, whose appender is COPY):
   * the caller deletes the rows first and appends (an incremental night, reconcile-year.ts).
   */
  replacingAppender?(shape: RowShape<any, any, keyof Database & string>): Appender;
  /**
   * Removes every row of `table` inside the writer's open transaction, at a cost that does not grow with
   * the rows: SQLite's DELETE without WHERE (its truncate optimisation frees the pages whole instead of
   * deleting row by row), PostgreSQL's TRUNCATE (a new empty file; transactional, so a rollback keeps the rows).
   */
  emptyTable(table: keyof Database & string): Promise<void>;
  /**
   * The plain (non-unique) indexes of `table` as the catalogue has them now: name, key columns in order, and
   * the statement that creates the index again. Read from the catalogue because an index keeps its name when
   * its table is renamed (the two result generations trade names, previous-results.ts).
   */
  plainIndexes(table: keyof Database & string): Promise<IndexDefinition[]>;
  /**
   * Creates an index `plainIndexes` described, inside the writer's open transaction. SQLite's sort for it
   * uses helper threads (PRAGMA threads, for this statement only) with half the page cache each, so that it
   * takes no more memory than one: a 5M-person first night's reconcile took 99 s instead of 119 s, at the
   * same peak (docs/performance.md, session 10). PostgreSQL sorts with its own parallel maintenance workers.
   */
  buildIndex(index: IndexDefinition): Promise<void>;
  /** Stores one input file's rows and decides each row's outcome (accepted, updated, repeat, conflict). */
  rowStore(file: RowStoreFile): RowStore;
  /**
   * Housekeeping after a step: SQLite folds the write-ahead log back into the file (until then every
   * read looks pages up in the WAL's index, and the export ran 1.7 times slower) and gives back its page
   * cache (the next step reads what it needs again); PostgreSQL refreshes the planner's statistics of the
   * tables the step filled.
   */
  afterStep(): Promise<void>;
  close(): Promise<void>;
};

/**
 * One index as the catalogue describes it (Db.plainIndexes): `columns` are its key's column names in order,
 * an expression in the key as EXPRESSION_COLUMN (SQLite's catalogue does not give an expression's text).
 */
export type IndexDefinition = { name: string; columns: string[]; create: string };

/** How IndexDefinition's `columns` name a key part that is an expression (rule 8's block index, migration 018). */
export const EXPRESSION_COLUMN = '(expression)';

export type Appender = {
  /** Adds one row, values in the shape's `inserted` order. Returns a promise only when a buffered chunk is being written: await it. */
  add(values: readonly unknown[]): Promise<void> | void;
  /** Writes whatever is still buffered. Call before reading the table back or committing. */
  flush(): Promise<void>;
};

/**
 * What a reader on another thread needs: a Kysely instance to build queries with, and `batches` (and
 * `valueBatches`). It opens no writer, runs no migrations and takes no lock: it reads committed data beside
 * the run that opened the database (the reconcile worker, src/reconcile/reconcile-worker.ts; the workbook's,
 * src/export/workbook-worker.ts).
 */
export type ReadDb = Pick<Db, 'engine' | 'kysely' | 'batches' | 'valueBatches' | 'close'> & {
  /**
   * On a Citus coordinator, readers of the per-person tables one shard group at a time (co-located shards
   * of payments, roster entries and employee enrollments), each reading its shards on the worker that holds
   * them (src/db/postgres/citus-shard-readers.ts); null elsewhere, and absent on SQLite. Every person's
   * rows are in exactly one group.
   */
  shardReaders?(): Promise<ShardReaders | null>;
};

/**
 * `inIndexOrder`: every query of this reader reads in the order of an index (the reconcile's person streams),
 * so none sorts: on SQLite its connections keep a small page cache (a sort's memory is sized from it).
 */
export type ReaderOptions = { inIndexOrder?: boolean };

/** The shard groups' readers, in hash-range order, and one close for all of them (their connections). */
export type ShardReaders = { readers: Pick<ReadDb, 'kysely' | 'batches'>[]; close(): Promise<void> };

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
  openReader(target: string, options?: ReaderOptions): Promise<ReadDb>;
  /** The one-run-at-a-time lock (src/run/run-lock.ts says how each engine holds it). */
  tryRunLock(target: string): Promise<LockAttempt>;
};

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
