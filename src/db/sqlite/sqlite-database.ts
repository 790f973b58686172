import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, sql, type CompiledQuery, type DatabaseConnection, type DialectAdapter, type Driver,
} from 'kysely';
import type { Database } from '../database.js';
import { migrateToLatest, type SchemaDialect } from '../migrations.js';
import { databaseNamed, missingDatabase, namedDatabaseError } from '../database-errors.js';
import { BATCH_ROWS, EXPRESSION_COLUMN, type Db, type EngineModule, type OpenedDatabase, type OpenOptions, type ReadDb, type ReaderOptions } from '../db.js';
import { fileError } from '../../base/file-error.js';
import { insertStatement } from './insert-statement.js';
import { sqliteReplacingAppender } from './replacing-appender.js';
import { inspectSqliteFile, schemaRow } from './sqlite-file.js';
import { sqliteRowStore } from './sqlite-row-store.js';
import { trySqliteRunLock } from './sqlite-run-lock.js';

/** What the migrations write differently on SQLite: plain text (SQLite compares bytes), clustered tables. */
export const sqliteSchema: SchemaDialect = {
  text: 'text',
  autoIncrementKey: (c) => c.primaryKey().autoIncrement(),
  clustered: (t) => t.modifyEnd(sql`without rowid`),
  async replicate(db, table, replica) {
    // SQLite keeps each table's and index's CREATE statement, kept up to date by ALTER TABLE: run them again
    // under the replica's name. The text is the database's own schema, never data; only the quoted names
    // starting with the table's are renamed (the table, its key constraint, its indexes).
    const { rows } = await sql<{ type: string; sql: string }>`select type, sql from sqlite_master
      where tbl_name = ${table} and sql is not null order by type = 'table' desc, name`.execute(db);
    const quoted = new RegExp(`"${table}(?=[a-z_]*")`, 'g');
    for (const r of rows) await sql.raw(r.sql.replace(quoted, `"${replica}`)).execute(db);
  },
  distribute: async () => {},
  distributeByPerson: async () => {},
  async analyzeNewIndex(db, table, index) {
    // Only where the table has statistics (a reconciled year's results: planner-statistics.ts): the index's
    // own (ANALYZE reads that index whole, not the table's others). Statistics for one index of a table
    // that has none would make the planner weigh that index against defaults for the rest.
    const stat = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
    if (Number(stat.rows[0]?.n ?? 0) === 0) return;
    const analyzed = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = ${table}`.execute(db);
    if (Number(analyzed.rows[0]?.n ?? 0) > 0) await sql`analyze ${sql.id(index)}`.execute(db);
  },
};

export const sqliteEngine: EngineModule = {
  inspect: async (path) => inspectSqliteFile(path),
  open: openSqlite,
  openReader: openSqliteReader,
  tryRunLock: trySqliteRunLock,
};

/**
 * Opens the SQLite file and brings its schema up to date; with `create`, makes the file (and its folder)
 * when there is none. The caller has checked the path (`inspectSqliteFile`, through checkDatabase). The
 * folder is created owner-only; the process umask (set by the CLI) makes the database and its WAL files
 * 0600. Without `create`, a SQLite file without the job's tables is refused before anything is written to
 * it (the journal mode is set after the check).
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
export async function openSqlite(path: string, options: OpenOptions): Promise<OpenedDatabase> {
  const memory = path === ':memory:';
  if (options.create && !memory) {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (err) {
      throw fileError(dirname(path), err);
    }
  }
  let sqlite: BetterSqlite3.Database;
  let created: boolean;
  try {
    sqlite = new BetterSqlite3(path, { fileMustExist: !options.create && !memory });
    created = !schemaRow(sqlite);
  } catch (err) {
    throw namedDatabaseError(err, path);
  }
  if (created && !options.create) {
    sqlite.close();
    throw missingDatabase(path, 'no-schema');
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`cache_size = ${-WRITER_CACHE_KIB}`);
  } catch (err) {
    sqlite.close();
    throw namedDatabaseError(err, path);
  }
  sqlite.defaultSafeIntegers(false);
  const kysely = new Kysely<Database>({ dialect: new WriterDialect(sqlite) });
  await migrateToLatest(kysely, sqliteSchema).catch(async (err: unknown) => {
    await kysely.destroy();
    throw databaseNamed(err as Error, path);
  });
  return { db: sqliteDb(path, sqlite, kysely), created };
}

/**
 * SQLite's DDL is transactional (CREATE, DROP, ALTER and ANALYZE roll back with the rest), but Kysely's
 * adapter says otherwise, for the SQLite-like dialects that are not; its Migrator then ran each migration's
 * statements on their own, and a run stopped during an upgrade left an index dropped and its migration
 * unrecorded, a database no later run could open. The writer's dialect says so, and the Migrator runs the
 * pending migrations in one transaction (migrateToLatest). Nothing else reads this property.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * After some errors (a full disk, an I/O error, out of memory) SQLite rolls the whole transaction back
 * itself; Kysely's ROLLBACK then fails ("cannot rollback - no transaction is active") and its error replaces
 * the one the operator must read ("database or disk is full"), with the failed migration's name. The
 * upgrade's one transaction holds every new index in the WAL until it commits (018: two over the results),
 * so a full disk is where it would fail. As sqliteDb.transaction below, it rolls back only what is open.
 */
class WriterDriver extends SqliteDriver {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class WriterDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }

  override createDriver(): Driver {
    return new WriterDriver(this.sqlite);
  }
}

/** The writer's page cache, in KiB (PRAGMA cache_size takes a negative number for KiB). */
const WRITER_CACHE_KIB = 32768;
/**
 * Each read-only connection's page cache, in KiB (`readerBatches`). SQLite sizes a sort's memory from it, and
 * the export's reads sort (duplicates.csv's rows: 0.8 s at 8 MiB, 2.0 s at 2 MiB, 5M persons).
 */
const READER_CACHE_KIB = 8192;
/**
 * A reader whose queries all read in an index's order (`inIndexOrder`: the reconcile worker's three person
 * streams, held at once): each page is read once and the OS page cache holds the file. At 8 MiB each they were
 * 24 MiB of a 5M run's peak; at 2 MiB the reconcile took no longer (docs/performance.md, "Session 11").
 */
const ORDERED_READER_CACHE_KIB = 2048;

/** The Db of an open writer connection. */
function sqliteDb(path: string, sqlite: BetterSqlite3.Database, kysely: Kysely<Database>): Db {
  return {
    engine: 'sqlite',
    target: path,
    kysely,
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
    batches: (query, size) => readerBatches(path, query, size),
    valueBatches: (query, size) => readerBatches(path, query, size, 'values'),
    writerBatches<R>(query: { compile(): CompiledQuery<R> }, size = 2000): AsyncGenerator<R[]> {
      return readBatches<R>(sqlite, query.compile(), size);
    },
    appender(shape) {
      const insert = sqlite.prepare(insertStatement(kysely, shape).compile().sql);
      return {
        add: (values) => void insert.run(...(values as unknown[])),
        flush: async () => {},
      };
    },
    replacingAppender: (shape) => sqliteReplacingAppender(sqlite, kysely, shape),
    async emptyTable(table) {
      await kysely.deleteFrom(table).execute();
    },
    async plainIndexes(table) {
      // sqlite_master keeps each index's CREATE statement (null for a key constraint's own index).
      const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null
        and name in (select name from pragma_index_list(?) where "unique" = 0)`).all(table, table) as { name: string; sql: string }[];
      // An expression's part of the key has no name (cid -2).
      const columns = sqlite.prepare('select coalesce(name, ?) from pragma_index_info(?) order by seqno').pluck();
      return indexes.map((ix) => ({ name: ix.name, columns: columns.all(EXPRESSION_COLUMN, ix.name) as string[], create: ix.sql }));
    },
    async buildIndex(index) {
      // Two sort threads, each with half the cache: the build's memory stays the one thread's (docs/performance.md).
      sqlite.pragma('threads = 2');
      sqlite.pragma(`cache_size = ${-WRITER_CACHE_KIB / 2}`);
      try {
        sqlite.exec(index.create);
      } finally {
        sqlite.pragma('threads = 0');
        sqlite.pragma(`cache_size = ${-WRITER_CACHE_KIB}`);
      }
    },
    rowStore: (file) => sqliteRowStore(sqlite, kysely, file),
    async afterStep() {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      // The writer's cache is full of the step's pages (32 MiB); the next step (the export reads through
      // readers of its own) would otherwise carry them beside its own memory (docs/performance.md, "Session 11").
      sqlite.pragma('shrink_memory');
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** A reader for another thread: read-only connections, no migrations (see ReadDb). */
export async function openSqliteReader(path: string, options: ReaderOptions = {}): Promise<ReadDb> {
  const cacheKib = options.inIndexOrder ? ORDERED_READER_CACHE_KIB : READER_CACHE_KIB;
  // Kysely only builds queries here; its connection is made lazily and, as it runs none, never.
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: async () => new BetterSqlite3(path, { readonly: true, fileMustExist: true }) }),
  });
  return {
    engine: 'sqlite',
    kysely,
    batches: (query, size) => readerBatches(path, query, size, 'objects', cacheKib),
    valueBatches: (query, size) => readerBatches(path, query, size, 'values', cacheKib),
    close: () => kysely.destroy(),
  };
}

/** `batches` and `valueBatches`: a read-only connection of its own per query. */
async function* readerBatches<R>(
  path: string, query: { compile(): CompiledQuery<unknown> }, size = BATCH_ROWS, shape: RowShape = 'objects', cacheKib = READER_CACHE_KIB,
): AsyncGenerator<R[]> {
  const reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    // A sequential read needs few pages cached (the OS page cache holds the file); the writer's larger cache
    // is for its index inserts. See READER_CACHE_KIB.
    reader.pragma(`cache_size = ${-cacheKib}`);
    yield* readBatches<R>(reader, query.compile(), size, shape);
  } finally {
    reader.close();
  }
}

/** Rows as objects keyed by column name, or as their values in SELECT order. */
type RowShape = 'objects' | 'values';

/** Runs a compiled select on `connection`, yielding rows (objects, or value arrays) in arrays of `size`. */
async function* readBatches<R>(connection: BetterSqlite3.Database, compiled: CompiledQuery, size: number, shape: RowShape = 'objects'): AsyncGenerator<R[]> {
  const stmt = connection.prepare(compiled.sql).raw(true);
  const toRow = shape === 'values' ? (raw: unknown[]) => raw as R : rowMaker<R>(stmt.columns().map((c) => c.name));
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
