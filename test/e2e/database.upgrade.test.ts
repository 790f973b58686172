import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations.js';
import { postgresSchema } from '../../src/db/postgres/postgres-database.js';
import { sqliteSchema } from '../../src/db/sqlite/sqlite-database.js';
import { recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { execute, query } from '../helpers/db.js';
import { SERVER } from '../helpers/engine.js';
import { freshRegionTotals, storedRegionTotals } from '../helpers/region-totals.js';
import { night } from '../helpers/run.js';

/** Brings a new database's schema to migration `name` only, as a release of that time left it. */
async function migrateTo(db: string, name: string): Promise<void> {
  const k = SERVER
    ? new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db, max: 1 }) }) })
    : new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(db) }) });
  try {
    const provider = { getMigrations: async () => migrations(SERVER ? postgresSchema : sqliteSchema) };
    const { error } = await new Migrator({ db: k, provider }).migrateTo(name);
    if (error) throw error;
  } finally {
    await k.destroy();
  }
}

/**
 * A database a release left at an older migration is brought up to date by the next run, whose migrations
 * run in one transaction: on Citus, DDL on distributed tables followed by a new distributed table in that
 * transaction failed (migrations 015 and 016 from 014), which a new database never shows. The upgraded
 * database's night gives the same CSVs as a new database's.
 */
describe('a database at an older migration', () => {
  it('is upgraded by the next run, whose CSVs are a new database\'s', async () => {
    const n = night();
    if (!SERVER) mkdirSync(dirname(n.db), { recursive: true });
    await migrateTo(n.db, '014-incremental');
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const applied = query<{ name: string }>(n.db, 'select name from kysely_migration order by name').map((m) => m.name);
    expect(applied.at(-1)).toBe(Object.keys(migrations(sqliteSchema)).sort().at(-1));
    const fresh = night();
    expect(recon(fresh.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(fresh.out));
  });

  it('from 016, fills the stored region totals of every reconciled year from its results, so that an export right after is right', () => {
    // A database 016 left: results, and no region_totals (the table and its migration record taken away
    // from a database this release reconciled; 016's results are the same columns).
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const before = csvBytes(n.out, ['region_summary.csv']);
    const expected = storedRegionTotals(n.db, 2023);
    execute(n.db, `drop table region_totals; delete from kysely_migration where name = '${REGION_TOTALS}'`);
    rmSync(n.out, { recursive: true });
    const r = recon(['export', '--db', n.db, '--out', n.out, '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    expect(storedRegionTotals(n.db, 2023)).toEqual(expected);
    expect(storedRegionTotals(n.db, 2023)).toEqual(freshRegionTotals(n.db, 2023));
    expect(csvBytes(n.out, ['region_summary.csv'])).toEqual(before);
  });
});

/** The migration that creates and fills region_totals. */
const REGION_TOTALS = '017-region-totals';
