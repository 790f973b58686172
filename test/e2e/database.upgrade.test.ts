import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { runOnSmallVolume } from '../helpers/tmpfs.js';

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
    expect(appliedMigrations(n.db).at(-1)).toBe(Object.keys(migrations(sqliteSchema)).sort().at(-1));
    // 018 replaced 014's index by name with the block index, in both result generations.
    expect(resultIndexes(n.db)).toEqual(['recon_results_by_block', 'recon_results_previous_by_block']);
    const fresh = night();
    expect(recon(fresh.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(fresh.out));
  });

  it('is left as it was by a run that fails half-way through the upgrade, and upgraded by the next', async () => {
    // From 017, 018 drops 014's indexes by name and builds the block index, then 019 runs: the run fails
    // after 018's statements (the `migration` failpoint). Each statement committed on its own, the next run
    // found 018 unrecorded and its indexes gone, and failed on the drop for ever.
    const n = night();
    if (!SERVER) mkdirSync(dirname(n.db), { recursive: true });
    await migrateTo(n.db, REGION_TOTALS);
    const failed = recon(n.args(), { env: { RECON_FAILPOINT: 'migration:1' } });
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('database migration 018-block-index failed');
    expect(appliedMigrations(n.db).at(-1)).toBe(REGION_TOTALS);
    expect(resultIndexes(n.db)).toEqual(['recon_results_by_name', 'recon_results_previous_by_name']);
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    expect(appliedMigrations(n.db).at(-1)).toBe(Object.keys(migrations(sqliteSchema)).sort().at(-1));
    expect(resultIndexes(n.db)).toEqual(['recon_results_by_block', 'recon_results_previous_by_block']);
  });

  it.skipIf(SERVER)('on a full disk: exit 1 saying so, and the database left as it was for the next run to upgrade', (ctx) => {
    // A reconciled database taken back to 017 (as below), copied onto file systems of growing size: the
    // upgrade's one transaction holds 018's and 019's indexes in the write-ahead log until it commits, and
    // some of these sizes have no room for them. SQLite may roll a transaction back itself on a full disk:
    // the error must still be the disk's, not a failed ROLLBACK's, and nothing of the upgrade may stay.
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    for (const statement of [...UNDO_AFTER_017, `delete from kysely_migration where name > '${REGION_TOTALS}'`]) execute(n.db, statement);
    execute(n.db, 'vacuum');
    const size = statSync(n.db).size;
    let inMigration = 0;
    for (const extraKiB of [16, 48, 96, 160, 256, 512, 1024]) {
      const volume = runOnSmallVolume(n, extraKiB);
      if ('cannot' in volume) return ctx.skip(volume.cannot);
      const { db, data, run } = volume;
      if (run.code === 0) continue;
      expect(run.code, run.stderr).toBe(1);
      // The smallest have no room for the write-ahead log itself: the database cannot be opened. Otherwise the
      // failed migration is named, or, when the commit fails, the migrations its transaction held.
      expect(run.stderr).toMatch(new RegExp(`^recon run: failed: ${db}: (database migrations? 0(1[89]|20)-[a-z-]+(, 0(19|20)-[a-z-]+)* failed: )?(database or disk is full|disk I/O error)$`, 'm'));
      if (!run.stderr.includes('database migration')) continue;
      inMigration++;
      // With room again (the volume grown): the database is as 017 left it, and the next run upgrades it.
      expect(spawnSync('mount', ['-o', `remount,size=${size + (8 << 20)}`, data]).status).toBe(0);
      expect(appliedMigrations(db).at(-1)).toBe(REGION_TOTALS);
      expect(resultIndexes(db)).toEqual(['recon_results_by_name', 'recon_results_previous_by_name']);
      const next = recon(n.args().map((a) => (a === n.db ? db : a)));
      expect(next.code, next.stderr).toBe(0);
      expect(resultIndexes(db)).toEqual(['recon_results_by_block', 'recon_results_previous_by_block']);
    }
    expect(inMigration).toBeGreaterThan(0);
  });

  it('from 016, fills the stored region totals of every reconciled year from its results, so that an export right after is right', () => {
    // A database 016 left: results, and no region_totals (the table and its migration record taken away
    // from a database this release reconciled; 016's results are the same columns), 018's block index
    // back to 014's index by name, 019's index of the payments by date and 020's file stamps taken away.
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const before = csvBytes(n.out, ['region_summary.csv']);
    const expected = storedRegionTotals(n.db, 2023);
    // One statement at a time: Citus sends a DDL statement's text to its workers, and refuses a text of several.
    for (const statement of ['drop table region_totals', ...UNDO_AFTER_017, `delete from kysely_migration where name >= '${REGION_TOTALS}'`]) {
      execute(n.db, statement);
    }
    rmSync(n.out, { recursive: true });
    const r = recon(['export', '--db', n.db, '--out', n.out, '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    expect(storedRegionTotals(n.db, 2023)).toEqual(expected);
    expect(storedRegionTotals(n.db, 2023)).toEqual(freshRegionTotals(n.db, 2023));
    expect(csvBytes(n.out, ['region_summary.csv'])).toEqual(before);
    // 018 gave its new index the statistics the reconciled results have: without them SQLite took it for a
    // few rows of the year and, at 5M persons, read the workbook's Actions sheet through it, a row lookup per
    // entry and a sort (130 s against 17 s; at the fixtures' size the plan does not change, so the
    // statistics themselves are checked).
    if (!SERVER) {
      const stats = query<{ idx: string }>(n.db, "select idx from sqlite_stat1 where tbl = 'recon_results' order by idx").map((r) => r.idx);
      expect(stats).toContain('recon_results_by_block');
    }
  });
});

/** The migration that creates and fills region_totals. */
const REGION_TOTALS = '017-region-totals';

/**
 * What the migrations after 017 did, undone: 018's block index replaced by 014's index by name, in both
 * generations; 019's index of the payments by date and 020's file stamps taken away.
 */
const UNDO_AFTER_017 = [
  ...['recon_results', 'recon_results_previous'].flatMap((t) => [`drop index ${t}_by_block`, `create index ${t}_by_name on ${t} (coverage_year, name, id_number)`]),
  'drop index payments_by_date', 'drop table file_stamps',
];

/** The migrations the database records as applied, in order. */
function appliedMigrations(db: string): string[] {
  return query<{ name: string }>(db, 'select name from kysely_migration order by name').map((m) => m.name);
}

/** The names of the result tables' indexes by name or block (either generation may hold either name). */
function resultIndexes(db: string): string[] {
  const names = SERVER
    ? query<{ name: string }>(db, "select indexname as name from pg_indexes where schemaname = current_schema()")
    : query<{ name: string }>(db, "select name from sqlite_master where type = 'index'");
  return names.map((r) => r.name).filter((n) => /^recon_results.*_by_(name|block)$/.test(n)).sort();
}
