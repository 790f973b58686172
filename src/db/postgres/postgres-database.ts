import pg from 'pg';
import { Kysely, PostgresDialect, sql, type CompiledQuery, type PostgresPool } from 'kysely';
import type { Database } from '../database.js';
import { MIGRATIONS_TABLE, migrateToLatest, type SchemaDialect } from '../migrations.js';
import { DatabaseUnusableError, NoDatabaseError, databaseNamed, missingDatabase, namedDatabaseError } from '../database-errors.js';
import { describeTarget } from '../database-target.js';
import { BATCH_ROWS, EXPRESSION_COLUMN, type DatabaseState, type Db, type EngineModule, type OpenedDatabase, type OpenOptions, type ReadDb } from '../db.js';
import { PAYMENT_TXN_IDS, distributeByPersonOnCitus, distributeOnCitus, isCitus } from './citus-distribution.js';
import { copiesSettled, copyAppender } from './copy-appender.js';
import { connect } from './postgres-client.js';
import { postgresRowStore } from './postgres-row-store.js';
import { tryPostgresRunLock } from './postgres-run-lock.js';
import { fetchBatches } from './server-cursor.js';
import { citusShardReaders } from './citus-shard-readers.js';

/**
 * What the migrations write differently on PostgreSQL: text compared byte by byte (collation "C", as
 * SQLite does, so that sorted outputs are identical), identity keys, and no clustered tables.
 */
export const postgresSchema: SchemaDialect = {
  text: sql`text collate "C"`,
  autoIncrementKey: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  clustered: (t) => t,
  async replicate(db, table, replica) {
    // LIKE ... INCLUDING ALL: columns with their collations, defaults, NOT NULLs, constraints and indexes.
    await sql`create table ${sql.table(replica)} (like ${sql.table(table)} including all)`.execute(db);
  },
  distribute: distributeOnCitus,
  distributeByPerson: distributeByPersonOnCitus,
  async analyzeNewIndex(db, table) {
    // The table's (PostgreSQL analyzes tables, sampling; an index on an expression gets that expression's
    // statistics with them). Autovacuum would in time; the next night should not wait for it.
    await sql`analyze ${sql.table(table)}`.execute(db);
  },
};

export const postgresEngine: EngineModule = { inspect: inspectPostgres, open: openPostgres, openReader: openPostgresReader, tryRunLock: tryPostgresRunLock };

/** SQLSTATE invalid_catalog_name: the database named in the URL does not exist on the server. */
const NO_SUCH_DATABASE = '3D000';

/**
 * Whether the job's schema is in the database (`no-schema`: the database exists but the job never
 * created its tables there). A database the server does not have is NoDatabaseError for every command: the job
 * creates its tables but never a server database (that takes a privilege, and is the DBA's decision).
 */
async function inspectPostgres(url: string): Promise<DatabaseState> {
  let client: pg.Client;
  try {
    client = await connect(url);
  } catch (err) {
    if ((err as { code?: unknown }).code !== NO_SUCH_DATABASE) throw err;
    throw new NoDatabaseError(`the database ${describeTarget(url)} does not exist on the server; the job creates its tables, not the database: create it (createdb) or check --db (or DATABASE_URL)`);
  }
  try {
    if (await hasSchema(client)) return 'present';
    // A database holding another program's tables is refused, never migrated into (as on SQLite).
    const { rows } = await client.query<{ n: string }>('select count(*) as n from pg_tables where schemaname = current_schema()');
    if (Number(rows[0]!.n) === 0) return 'no-schema';
    throw new DatabaseUnusableError(`the database ${describeTarget(url)} holds tables of another program, none of them this job's: give the job a database of its own (createdb) or check --db (or DATABASE_URL)`);
  } catch (err) {
    if (err instanceof DatabaseUnusableError) throw err;
    throw namedDatabaseError(err, url);
  } finally {
    await client.end();
  }
}

/** Whether the job's migrations table is there (in the schema the search path puts first, as the Migrator uses). */
async function hasSchema(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [MIGRATIONS_TABLE]);
  return rows[0]!.ok;
}

/** The tables a step fills, whose planner statistics are refreshed after it. */
const STEP_TABLES = ['payments', 'roster_entries', 'rejected_rows', 'recon_results', 'recon_results_previous', 'recon_refunds', 'recon_duplicates', 'recon_suspensions'];

/**
 * Opens a PostgreSQL database (it must exist; the job creates its tables, with `create` only) and brings
 * its schema up to date. The writer is one connection, as with SQLite: every Kysely query, COPY and transaction of the run
 * goes through it, in order. Sequential reads (`batches`) each open a connection of their own and read
 * through a server-side cursor in a read-only snapshot, so memory holds one batch, never a result set.
 */
export async function openPostgres(url: string, options: OpenOptions): Promise<OpenedDatabase> {
  const writer = await connect(url);
  let created: boolean;
  try {
    created = !(await hasSchema(writer));
  } catch (err) {
    await writer.end();
    throw namedDatabaseError(err, url);
  }
  if (created && !options.create) {
    await writer.end();
    throw missingDatabase(url, 'no-schema');
  }
  // Kysely takes connections from a pool; this pool always hands out the writer and never closes it on
  // release, so Kysely's queries and ours share the writer's transaction.
  const pool: PostgresPool = {
    connect: async () => ({ query: (...args: unknown[]) => (writer.query as (...a: unknown[]) => unknown)(...args), release: () => {} }) as never,
    end: async () => { await writer.end(); },
  };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(kysely, postgresSchema).catch(async (err: unknown) => {
    await kysely.destroy();
    throw databaseNamed(err as Error, url);
  });
  const citus = await isCitus(kysely);
  const stepTables = citus ? [...STEP_TABLES, PAYMENT_TXN_IDS] : STEP_TABLES;
  let cursors = 0;

  const db: Db = {
    engine: 'postgres',
    target: url,
    kysely,
    async transaction(work) {
      await writer.query('begin');
      try {
        const result = await work();
        await copiesSettled(writer);
        await writer.query('commit');
        return result;
      } catch (err) {
        await copiesSettled(writer).catch(() => {});
        await writer.query('rollback').catch(() => {});
        throw err;
      }
    },
    batches: (query, size) => readerBatches(url, query, size),
    valueBatches: (query, size) => readerBatches(url, query, size, 'array'),
    async *writerBatches<R>(query: { compile(): CompiledQuery<R> }, size = 2000): AsyncGenerator<R[]> {
      const name = `recon_writer_${++cursors}`;
      try {
        yield* fetchBatches<R>(writer, name, query.compile(), size);
      } finally {
        await writer.query(`close ${name}`).catch(() => {});
      }
    },
    appender: (shape) => copyAppender(writer, shape.table, shape.inserted),
    async emptyTable(table) {
      await sql`truncate table ${sql.table(table)}`.execute(kysely);
    },
    async plainIndexes(table) {
      const { rows } = await writer.query<{ name: string; columns: string[]; create: string }>(
        `select c.relname as name, pg_get_indexdef(i.indexrelid) as create,
           array(select coalesce(a.attname::text, $2) from unnest(i.indkey) with ordinality k(attnum, ord)
                 left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum and k.attnum <> 0 order by k.ord)::text[] as columns
         from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
         where t.relname = $1 and t.relnamespace = current_schema()::regnamespace and not i.indisunique
         order by c.relname`, [table, EXPRESSION_COLUMN]); // an expression's part of the key is attnum 0
      return rows;
    },
    async buildIndex(index) {
      await writer.query(index.create);
    },
    rowStore: (file) => postgresRowStore(writer, file, citus),
    async afterStep() {
      // VACUUM sets the visibility map, which lets the next step read the covering indexes without
      // visiting the table; ANALYZE gives the planner the new sizes.
      await writer.query(`vacuum (analyze) ${stepTables.join(', ')}`);
    },
    async close() {
      await kysely.destroy();
    },
  };
  return { db, created };
}

/**
 * A reader for another thread (see ReadDb). Its Kysely instance only builds queries; `batches` connects
 * per query, as the writer's does.
 */
export async function openPostgresReader(url: string): Promise<ReadDb> {
  const unused: PostgresPool = {
    connect: async () => { throw new Error('a reader runs its queries through batches()'); },
    end: async () => {},
  };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: unused }) });
  return {
    engine: 'postgres', kysely, batches: (query, size) => readerBatches(url, query, size),
    valueBatches: (query, size) => readerBatches(url, query, size, 'array'), close: () => kysely.destroy(),
    shardReaders: () => citusShardReaders(url, kysely),
  };
}

/** The rows a reader's cursor fetches per round trip to the server, whatever the batches it yields (BATCH_ROWS). */
const PG_FETCH_ROWS = 2000;

/** `batches` and `valueBatches`: a connection of its own per query, reading one snapshot through a server-side cursor. */
async function* readerBatches<R>(url: string, query: { compile(): CompiledQuery<unknown> }, size = BATCH_ROWS, rowMode?: 'array'): AsyncGenerator<R[]> {
  const reader = await connect(url);
  try {
    await reader.query('begin isolation level repeatable read read only');
    // Each FETCH a round trip to the server: at least PG_FETCH_ROWS rows a time, handed on `size` at a time.
    for await (const rows of fetchBatches<R>(reader, 'recon_batches', query.compile(), Math.max(size, PG_FETCH_ROWS), rowMode)) {
      for (let i = 0; i < rows.length; i += size) yield i === 0 && rows.length <= size ? rows : rows.slice(i, i + size);
    }
  } finally {
    await reader.end();
  }
}
