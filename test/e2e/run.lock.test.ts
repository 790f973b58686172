import { hostname } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, reconStart } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { logEvents, night } from '../helpers/run.js';

describe('one run at a time per database', () => {
  it('a second run refuses at once with exit 3 naming the holder; after the holder is killed -9 the next run takes over', async () => {
    const n = night();
    // Paused inside the inbox's first file (employees-ganzhou-2023-02.csv, 4 rows), so that file is half read.
    const holder = reconStart(n.args(), { env: { RECON_FAILPOINT: 'ingest-row:3:pause' } });
    await holder.waitForStderr('failpoint ingest-row:3 paused');

    const second = recon(n.args());
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`pid ${holder.pid} on host ${hostname()}`);
    expect(second.stderr).toMatch(/started \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00/);
    expect(logEvents(second.stdout)).toEqual([expect.objectContaining({ event: 'run_refused', level: 'warn', error: expect.stringContaining(`pid ${holder.pid}`) })]);
    const step = recon(['ingest', '--db', n.db, n.inbox]);
    expect(step.code).toBe(3); // the step commands take the same lock

    // While the holder is alive, what it has created so far is owner-only (on SQLite, the database
    // files; a PostgreSQL database lives in the server's own data directory).
    if (ENGINE === 'sqlite') {
      for (const f of ['recon.sqlite', 'recon.sqlite-wal', 'recon.sqlite-shm', 'recon.sqlite.lock']) {
        expect(statSync(join(n.root, 'data', f)).mode & 0o777, f).toBe(0o600);
      }
      expect(statSync(join(n.root, 'data')).mode & 0o777).toBe(0o700);
    }

    holder.kill9();
    expect((await holder.exited).signal).toBe('SIGKILL');

    const next = recon(n.args());
    expect(next.code, next.stderr).toBe(0);
    const found = logEvents(next.stdout).find((e) => e.event === 'run_interrupted_found');
    expect(found).toMatchObject({ pid: holder.pid, host: hostname(), command: 'run' });
    const runs = query<{ run_id: string; status: string; pid: number; error: string | null }>(n.db, 'select run_id, status, pid, error from runs order by started_at, run_id');
    expect(runs.map((r) => [r.pid, r.status])).toEqual([[holder.pid, 'interrupted'], [expect.any(Number), 'done']]);
    expect(runs[0]!.error).toContain(`found by run ${runs[1]!.run_id}`);
    // Nothing of the killed run's half-read file was kept: it was ingested whole by the next run.
    expect(logEvents(next.stdout).filter((e) => e.event === 'file_done').every((e) => e.outcome === 'ingested')).toBe(true);
  });
});
