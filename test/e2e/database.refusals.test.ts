import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { execute, query } from '../helpers/db.js';
import { ENGINE, SERVER, testDb } from '../helpers/engine.js';
import { join, tmp } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * Issue 13 and spec 6: an --db that is there but is not a database is refused by every command (exit 1,
 * naming it, nothing created or changed beside it); one that does not exist is refused by the commands
 * that do not create databases (exit 2, nothing created, not even its folder or the lock file).
 */

/** The files beside a SQLite database after a command: nothing but what the test put there. */
const listing = (dir: string) => readdirSync(dir).sort();

describe('an existing --db that is not a database', () => {
  const cases: [string, (path: string) => void, RegExp][] = [
    ['an empty (0-byte) file', (p) => writeFileSync(p, ''), /is empty \(0 bytes\), not a database/],
    ['a text file', (p) => writeFileSync(p, 'id_number,name\nnot a database\n'), /is not a SQLite database/],
    ['a short file', (p) => writeFileSync(p, 'SQLite'), /is not a SQLite database/],
    ['a folder', (p) => mkdirSync(p), /is a folder, not a database file/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: recon run exits 1 naming it and creates or changes nothing`, () => {
      const n = night();
      const dir = join(n.root, 'data');
      mkdirSync(dir, { recursive: true });
      const db = join(dir, 'recon.sqlite');
      make(db);
      const before = statSync(db);
      const r = recon(n.args().map((a) => (a === n.db ? db : a)));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(db);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toContain('"run_failed"');
      const after = statSync(db);
      expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
      expect(listing(dir)).toEqual(['recon.sqlite']); // no -wal, -shm or .lock
      expect(existsSync(n.out)).toBe(false);
    });
  }

  it('an empty file is refused by every command, each naming it', () => {
    const dir = tmp();
    const db = join(dir, 'recon.sqlite');
    writeFileSync(db, '');
    for (const args of [['ingest', dir], ['reconcile'], ['export', '--out', join(dir, 'out')], ['explain', '110101199003074514']]) {
      const r = recon([...args, '--db', db]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`${db} is empty (0 bytes)`);
    }
    expect(statSync(db).size).toBe(0);
    expect(listing(dir)).toEqual(['recon.sqlite']);
  });
});

describe('a database that does not exist', () => {
  /**
   * What "does not exist" is on each engine: on SQLite, no file (in a folder that does not exist either);
   * on PostgreSQL, a database whose schema the job never created.
   */
  function missing() {
    const root = tmp();
    const db = ENGINE === 'sqlite' ? join(root, 'missing', 'recon.sqlite') : testDb(root);
    /** Nothing was created: no folder (SQLite), no tables (PostgreSQL). */
    const untouched = () => ENGINE === 'sqlite'
      ? existsSync(join(root, 'missing'))
      : query(db, "select table_name from information_schema.tables where table_schema = 'public'").length > 0;
    return { root, db, created: untouched };
  }

  for (const args of [['reconcile'], ['export', '--out', 'OUT'], ['explain', '110101199003074514']]) {
    it(`recon ${args[0]} exits 2 naming it and creates nothing`, () => {
      const m = missing();
      const r = recon([...args.map((a) => (a === 'OUT' ? join(m.root, 'out') : a)), '--db', m.db]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/the database .* (does not exist|has none of the job's tables)/);
      expect(r.stderr).toContain(ENGINE === 'sqlite' ? m.db : new URL(m.db).pathname);
      expect(m.created()).toBe(false);
      expect(existsSync(join(m.root, 'out'))).toBe(false);
    });
  }

  it.skipIf(ENGINE !== 'sqlite')('a SQLite file of another program is refused by every command (exit 1, naming it), never migrated into', () => {
    const dir = tmp();
    const db = join(dir, 'other.sqlite');
    const other = new BetterSqlite3(db);
    other.exec('create table notes (text text); insert into notes values (\'kept\')');
    other.close();
    const bytes = readFileSync(db);
    for (const args of [['ingest', join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv')], ['run', '--inbox', join(ROOT, 'fixtures/inbox'), '--out', join(dir, 'out'), '--settle', '0'], ['reconcile'], ['explain', '110101199003074514']]) {
      const r = recon([...args, '--db', db]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`${db} is a SQLite database of another program`);
      expect(r.stderr).not.toContain('created the database');
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(listing(dir)).toEqual(['other.sqlite']);
  });

  it.skipIf(!SERVER)('a PostgreSQL database holding another program\'s tables is refused (exit 1), never migrated into', () => {
    const m = missing();
    execute(m.db, 'create table notes (text text)');
    const n = night();
    const r = recon(n.args().map((a) => (a === n.db ? m.db : a)));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('holds tables of another program');
    expect(query(m.db, "select table_name from information_schema.tables where table_schema = 'public'").map((x) => (x as { table_name: string }).table_name)).toEqual(['notes']);
  });

  it.skipIf(!SERVER)('a database name the server does not have: exit 2, naming the URL without its password', () => {
    const m = missing();
    const url = new URL(m.db);
    url.pathname = `${url.pathname}_absent`;
    url.password = 'hunter2-not-for-logs';
    const n = night();
    const r = recon(n.args().map((a) => (a === n.db ? url.toString() : a)));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${url.pathname} does not exist on the server`);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
    expect(existsSync(n.out)).toBe(false);
  });
});
