import { closeSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { fileError } from '../../base/file-error.js';
import { MIGRATIONS_TABLE } from '../migrations.js';
import { DatabaseUnusableError, namedDatabaseError } from '../database-errors.js';
import type { DatabaseState } from '../db.js';

/** The first 16 bytes of every SQLite database file (https://www.sqlite.org/fileformat.html, 1.3). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What every refusal ends with: what the operator does. */
const ADVICE = 'restore it from a backup or move it away; a new database is created only where no file exists';

/**
 * What is at a SQLite database path, read without opening it as a database: better-sqlite3 would turn an
 * empty file into a new database (and write -wal/-shm files beside it), and a text file would fail only
 * later with "file is not a database". So the path is looked at with stat and its first 16 bytes are
 * compared with SQLite's header first: `absent`, `no-schema` (a SQLite file without the job's tables),
 * `present` (the job's database), or DatabaseUnusableError naming the path and what is wrong.
 * Creates and changes nothing.
 */
export function inspectSqliteFile(path: string): DatabaseState {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new DatabaseUnusableError(`${path} is a folder, not a database file: give --db the database file's path`);
    if (!st.isFile()) throw new DatabaseUnusableError(`${path} is not a regular file, so not a database: ${ADVICE}`);
    size = st.size;
  } catch (err) {
    if (err instanceof DatabaseUnusableError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    throw fileError(path, err, code === 'ENOTDIR' ? 'a part of the path is a file, not a folder' : undefined);
  }
  if (size === 0) throw new DatabaseUnusableError(`${path} is empty (0 bytes), not a database: ${ADVICE}`);
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw fileError(path, err);
  }
  if (read < head.length || !head.equals(SQLITE_HEADER)) {
    throw new DatabaseUnusableError(`${path} is not a SQLite database (it does not start with SQLite's header): ${ADVICE}`);
  }
  return schemaState(path);
}

/**
 * Whether a SQLite file holds the job's tables, read on a read-only connection: `present`; `no-schema` for a
 * SQLite file with no tables at all (as an empty PostgreSQL database); and a file holding another
 * program's tables is refused (DatabaseUnusableError), never migrated into: the job writes only into a
 * database that is its own or empty. Nothing is written; only a file in WAL mode, as the job's own are,
 * gets its -shm beside it, as any reader's would.
 */
export function schemaState(path: string): DatabaseState {
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    if (schemaRow(sqlite)) return 'present';
    const { n } = sqlite.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number };
    if (n === 0) return 'no-schema';
  } catch (err) {
    throw namedDatabaseError(err, path);
  } finally {
    sqlite?.close();
  }
  throw new DatabaseUnusableError(`${path} is a SQLite database of another program (it holds tables, none of them this job's): ${ADVICE}`);
}

/** The migrations table's row in sqlite_master, on any connection. */
export function schemaRow(sqlite: BetterSqlite3.Database): unknown {
  return sqlite.prepare('select 1 from sqlite_master where name = ?').get(MIGRATIONS_TABLE);
}
