import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The engine this test run uses: a server when DATABASE_URL is set (npm test sets it for the suite's
 * second and third halves, pointing at a throw-away cluster; scripts/test.mjs), else SQLite files in temp
 * folders. The server is PostgreSQL, or Citus when RECON_TEST_ENGINE says so: a Citus coordinator speaks
 * PostgreSQL and the job treats it as PostgreSQL (the schema's distribution aside), so tests about the
 * PostgreSQL engine hold there too and ask SERVER; the few about Citus itself ask ENGINE === 'citus'.
 */
export const ENGINE: 'sqlite' | 'postgres' | 'citus' = !process.env.DATABASE_URL ? 'sqlite' : process.env.RECON_TEST_ENGINE === 'citus' ? 'citus' : 'postgres';

/** Whether the database is a PostgreSQL server (plain or Citus): URLs instead of files, SQL in PostgreSQL's dialect. */
export const SERVER = ENGINE !== 'sqlite';

const ADMIN = fileURLToPath(new URL('./pg-admin.mjs', import.meta.url));
let created = 0;

/**
 * A fresh, empty database for one test: a SQLite file under `dir`, or a new database on the test
 * cluster (the cluster is thrown away after the run, so nothing is dropped).
 */
export function testDb(dir: string, file = 'recon.sqlite'): string {
  if (ENGINE === 'sqlite') return join(dir, file);
  const name = `recon_t${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;
  pgAdmin(['create', process.env.DATABASE_URL!, name]);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs the admin bridge synchronously; its stdout (JSON for queries). */
export function pgAdmin(args: string[]): string {
  const r = spawnSync(process.execPath, [ADMIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg-admin ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}
