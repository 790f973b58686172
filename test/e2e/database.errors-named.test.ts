import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { join, tmp } from '../helpers/files.js';
import { FIXTURE_INBOX, logEvents } from '../helpers/run.js';
import { ENGINE } from '../helpers/engine.js';

/**
 * Issue 14: an error from the database layer names the file it is about ("<path>: unable to open
 * database file"), in the log and on stderr, so that an operator knows what to look at. (A folder where
 * SQLite needs a file is a portable way to make it fail to open: permissions do not stop root.)
 */
// SQLite files named by path (--db): the SQLite half runs these, once.
describe.skipIf(ENGINE !== 'sqlite')('database errors name their file', () => {
  it('the run lock file cannot be opened: the message names it', () => {
    const dir = tmp();
    const db = join(dir, 'recon.sqlite');
    mkdirSync(`${db}.lock`);
    const r = recon(['ingest', '--db', db, FIXTURE_INBOX]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`recon ingest: failed: ${db}.lock: unable to open database file`);
  });

  it('the database cannot be opened (its -wal is a folder): recon run and recon explain name it', () => {
    const dir = tmp();
    const db = join(dir, 'recon.sqlite');
    expect(recon(['ingest', '--db', db, FIXTURE_INBOX]).code).toBe(0);
    mkdirSync(`${db}-wal`);
    const run = recon(['run', '--inbox', FIXTURE_INBOX, '--out', join(dir, 'out'), '--db', db, '--log', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${db}: unable to open database file`);
    expect(logEvents(run.stdout).find((e) => e.event === 'run_failed')?.error).toContain(`${db}: `);
    const explain = recon(['explain', '110101199003074514', '--db', db]);
    expect(explain.code).toBe(1);
    expect(explain.stderr).toContain(`${db}: unable to open database file`);
  });

  it('a path through a file: the message names the path', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'data'), 'a file, not a folder');
    const db = join(dir, 'data', 'recon.sqlite');
    const r = recon(['ingest', '--db', db, FIXTURE_INBOX]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${db}: a part of the path is a file, not a folder`);
  });
});
