import { engineOf } from './database-target.js';
import { missingDatabase } from './database-errors.js';
import type { EngineModule, OpenedDatabase, OpenOptions, ReadDb, ReaderOptions } from './db.js';

/** Opens a reader on another thread's behalf (ReadDb: no writer, no migrations, no lock). */
export async function openReader(target: string, options: ReaderOptions = {}): Promise<ReadDb> {
  return (await engineFor(target)).openReader(target, options);
}

/**
 * The engine module for a target, loaded on demand, so that a SQLite night never loads the PostgreSQL
 * client and vice versa. The one place that chooses the engine.
 */
export async function engineFor(target: string): Promise<EngineModule> {
  return engineOf(target) === 'postgres'
    ? (await import('./postgres/postgres-database.js')).postgresEngine
    : (await import('./sqlite/sqlite-database.js')).sqliteEngine;
}

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
