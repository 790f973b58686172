import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { ENGINE, testDb } from '../helpers/engine.js';
import { join, tmp } from '../helpers/files.js';
import { FIXTURE_INBOX, logEvents, night } from '../helpers/run.js';

/**
 * Spec 6: `recon run` and `recon ingest` create a database that does not exist yet (on PostgreSQL: the
 * job's tables in an empty database) and say so, in the log and in the manifest; a run on a database
 * that exists does not.
 */
describe('a database created by the run', () => {
  const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const created = (stdout: string) => logEvents(stdout).filter((e) => e.event === 'database_created');

  it('recon run logs database_created (a warning, naming the database) and the manifest says database_created: true; the next run says neither', () => {
    const n = night();
    const first = recon(n.args());
    expect(first.code, first.stderr).toBe(0);
    const events = created(first.stdout);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: 'warn', db: ENGINE === 'sqlite' ? n.db : expect.stringMatching(/^postgres:\/\/.*\/recon_t/) });
    const started = logEvents(first.stdout).find((e) => e.event === 'run_started')!;
    expect(events[0]!.run_id).toBe(started.run_id);
    expect(manifest(n.out).database_created).toBe(true);

    const second = recon(n.args());
    expect(second.code, second.stderr).toBe(0);
    expect(created(second.stdout)).toEqual([]);
    expect(manifest(n.out).database_created).toBe(false);
  });

  it('recon ingest says so on stderr the first time only', () => {
    const db = testDb(tmp());
    const first = recon(['ingest', '--db', db, FIXTURE_INBOX]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`note: created the database ${ENGINE === 'sqlite' ? db : ''}`);
    const second = recon(['ingest', '--db', db, FIXTURE_INBOX]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('created the database');
  });
});
