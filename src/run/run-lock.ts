import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/database.js';

/** Another run holds the database: exit code 3. The message names the holder (pid, host, start time). */
export class LockedError extends Error {}

/** Held for the whole of a run; `release` lets the next run in. */
export type RunLock = { release(): void };

/**
 * Takes the one-run-at-a-time lock of a database, or throws LockedError at once (no waiting).
 *
 * The lock is an exclusive transaction on a small SQLite file beside the database (`<db>.lock`), held open
 * for the whole run. SQLite takes it with a POSIX (fcntl) lock, which the kernel drops when the process
 * ends, however it ends: a run killed with -9 leaves no lock behind, so the next night is never blocked and
 * there is no pid guessing (a pid check cannot work across containers, whose hosts differ every night).
 * What a dead run does leave is its run record in state `running`; the next holder marks it `interrupted`
 * (run-records.ts), which is how a stale run is detected and reported.
 *
 * The lock file needs a filesystem with working POSIX locks (a local disk or a ReadWriteOnce volume).
 */
export async function acquireRunLock(dbPath: string): Promise<RunLock> {
  if (dbPath === ':memory:') return { release() {} };
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  const lock = new BetterSqlite3(`${dbPath}.lock`, { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    throw new LockedError(`another run holds the database ${dbPath}: ${await describeHolder(dbPath)}; this run did nothing`);
  }
  return {
    release() {
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

/** The holder as its run record describes it, read on a read-only connection (WAL lets it read meanwhile). */
async function describeHolder(dbPath: string): Promise<string> {
  let kysely: Kysely<Database> | null = null;
  try {
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, timeout: 2000 }) }) });
    const holder = await kysely.selectFrom('runs').select(['run_id', 'command', 'pid', 'host', 'started_at'])
      .where('status', '=', 'running').orderBy('started_at', 'desc').executeTakeFirst();
    if (holder) {
      const here = holder.host === hostname() ? ' (this host)' : '';
      return `recon ${holder.command} run ${holder.run_id}, pid ${holder.pid} on host ${holder.host}${here}, started ${holder.started_at}`;
    }
  } catch {
    // No database or no runs table yet: the holder is just starting.
  } finally {
    await kysely?.destroy();
  }
  return 'a run that is just starting and has not recorded itself yet';
}
