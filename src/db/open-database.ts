import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { Database } from './database.js';
import { migrateToLatest } from './migrations.js';

/**
 * An open database: the Kysely instance every query goes through, and, for SQLite, the ability to run a
 * Kysely-compiled statement many times (the ingest hot path) and to hold one transaction across an async
 * stream. This file and `src/run/run-lock.ts` are the only places that know the engine is SQLite.
 */
export type Db = {
  kysely: Kysely<Database>;
  /** Prepares a statement compiled by Kysely once; the returned function runs it with new parameters. */
  prepare(query: CompiledQuery): PreparedStatement;
  /** BEGIN IMMEDIATE ... COMMIT around `work`, ROLLBACK if it throws. One file = one transaction. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs a select on a read-only connection of its own and yields its rows in arrays of `size`: one await
   * per batch instead of one per row (Kysely's `.stream()` costs several async generator hops per row,
   * which at ten million rows is most of the time). Several may run at once (each has its connection).
   */
  batches<R>(query: { compile(): CompiledQuery<R> }, size?: number): AsyncGenerator<R[]>;
  /**
   * The same on the writer's own connection, so that it sees the writer's open transaction. Nothing else
   * may run on the writer until the iteration ends (SQLite runs one statement at a time per connection).
   */
  writerBatches<R>(query: { compile(): CompiledQuery<R> }, size?: number): AsyncGenerator<R[]>;
  /**
   * Folds the write-ahead log back into the database file. Called after each step: a reconcile commits
   * hundreds of MB to the WAL, and until they are folded in every read looks pages up in the WAL's index
   * (the export ran 1.7 times slower). Waits for no one: readers are this run's own.
   */
  checkpoint(): void;
  close(): Promise<void>;
};

export type PreparedStatement = {
  run(params: readonly unknown[]): { changes: number };
  get(params: readonly unknown[]): Record<string, unknown> | undefined;
};

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. The folder is created
 * owner-only; the process umask (set by the CLI) makes the database and its WAL files 0600.
 *
 * Pragmas, chosen for one batch writer with occasional readers (`recon explain` during a run):
 * - journal_mode=WAL: readers never block the writer; a commit is one append, so a crash (kill -9)
 *   leaves the last committed transaction intact and nothing of the one in flight.
 * - synchronous=NORMAL: in WAL mode this still never corrupts the database; a power loss can only undo the
 *   latest commits, which a rerun redoes (files are recognised by content, and a file's rows and its
 *   ingested_files row commit together).
 * - cache_size=-32768: 32 MiB page cache for the writer. 64 MiB was 5-7% faster at 1M persons but put the
 *   10M run's peak RSS above 300 MiB (docs/performance.md); the OS page cache holds the rest of the file.
 * - foreign_keys=OFF and no triggers: staging tables carry no foreign keys; invariants are checked in code.
 */
export async function openDatabase(path: string): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -32768');
  sqlite.defaultSafeIntegers(false);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(kysely);

  return {
    kysely,
    prepare(query) {
      const stmt = sqlite.prepare(query.sql);
      return {
        run: (params) => stmt.run(...(params as unknown[])),
        get: (params) => stmt.get(...(params as unknown[])) as Record<string, unknown> | undefined,
      };
    },
    async transaction(work) {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    },
    async *batches<R>(query: { compile(): CompiledQuery<R> }, size = 2000): AsyncGenerator<R[]> {
      const reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
      try {
        // A sequential read needs few pages cached; the writer's larger cache is for its index inserts.
        reader.pragma('cache_size = -8192');
        yield* readBatches<R>(reader, query.compile(), size);
      } finally {
        reader.close();
      }
    },
    writerBatches<R>(query: { compile(): CompiledQuery<R> }, size = 2000): AsyncGenerator<R[]> {
      return readBatches<R>(sqlite, query.compile(), size);
    },
    checkpoint() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** Runs a compiled select on `connection`, yielding rows (as objects) in arrays of `size`. */
async function* readBatches<R>(connection: BetterSqlite3.Database, compiled: CompiledQuery, size: number): AsyncGenerator<R[]> {
  const stmt = connection.prepare(compiled.sql).raw(true);
  const toRow = rowMaker<R>(stmt.columns().map((c) => c.name));
  const rows = stmt.iterate(...(compiled.parameters as unknown[])) as IterableIterator<unknown[]>;
  try {
    let batch: R[] = [];
    for (const row of rows) {
      batch.push(toRow(row));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    rows.return?.();
  }
}

/**
 * Turns a raw row (an array, in SELECT order) into an object with the column names as keys. better-sqlite3
 * builds row objects property by property in C++, which costs twice the whole read for wide rows; a
 * function made once per query with an object literal of fixed shape is what V8 builds fastest. The source
 * holds column names only (JSON-quoted), never data.
 */
function rowMaker<R>(columns: string[]): (raw: unknown[]) => R {
  const body = `return {${columns.map((c, i) => `${JSON.stringify(c)}: r[${i}]`).join(', ')}};`;
  return new Function('r', body) as (raw: unknown[]) => R;
}
