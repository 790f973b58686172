import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, reconStart } from '../helpers/cli.js';
import { csvBytes, folderBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, logEvents, night } from '../helpers/run.js';

/**
 * SIGTERM (Kubernetes stopping the pod) and SIGINT (Ctrl-C) during a run, sent from outside to the real CLI:
 * the run stops at its next safe point, exits 128 + the signal's number, logs `run_failed` naming the signal,
 * records itself `interrupted`, keeps the previous outputs byte-identical and leaves nothing beside --out.
 * The run is held at a failpoint in `sleep` mode, which blocks the process as busy synchronous work does
 * (the signal waits until it is done), so the stop is acted on where the run really stops.
 */
describe('a signal during a run', () => {
  let reference: Record<string, Buffer>;
  beforeAll(() => {
    const clean = night();
    expect(recon(clean.args()).code).toBe(0);
    reference = csvBytes(clean.out);
  });

  const cases = [
    ['SIGTERM during ingest (mid-file)', 'ingest-row:3', 'SIGTERM', 143],
    ['SIGTERM during reconcile (mid-person stream, lines spilled beside --out)', 'reconcile-person:10', 'SIGTERM', 143],
    ['SIGINT during export (a CSV half-way through the set)', 'export-file:1', 'SIGINT', 130],
  ] as const;

  for (const [when, point, signal, code] of cases) {
    it(`${when}: exit ${code}, run_failed and an interrupted record, previous outputs untouched`, async () => {
      const n = night(ALL_INBOX_FILES.slice(0, 3));
      expect(recon(n.args()).code).toBe(0);
      const previous = folderBytes(n.out);
      for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

      const run = reconStart(n.args(), { env: { RECON_FAILPOINT: `${point}:sleep:1500` } });
      await run.waitForStderr(`failpoint ${point} paused`);
      process.kill(run.pid, signal);
      const ended = await run.exited;

      expect(ended.code, ended.stderr).toBe(code);
      expect(ended.stderr).toContain(`stopped by ${signal}`);
      const last = logEvents(ended.stdout).at(-1)!;
      expect(last).toMatchObject({ event: 'run_failed', level: 'error', signal, exit_code: code });
      expect(last.record_error).toBeUndefined();
      expect(folderBytes(n.out)).toEqual(previous);
      expect(readdirSync(dirname(n.out))).toEqual(['latest']); // no temporary, old or spill folder left

      const runs = query<{ status: string; exit_code: number | null; error: string | null; finished_at: string | null }>(
        n.db, 'select status, exit_code, error, finished_at from runs order by started_at, run_id');
      expect(runs.map((r) => r.status)).toEqual(['done', 'interrupted']);
      expect(runs[1]).toMatchObject({ exit_code: code, error: `stopped by ${signal} before it finished` });
      expect(runs[1]!.finished_at).not.toBeNull();

      // Nothing half done was kept: the rerun gives a clean run's CSVs, and finds no stale `running` record.
      const rerun = recon(n.args());
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(logEvents(rerun.stdout).some((e) => e.event === 'run_interrupted_found')).toBe(false);
      expect(csvBytes(n.out)).toEqual(reference);
      expect(query<{ status: string }>(n.db, 'select status from runs order by started_at, run_id').map((r) => r.status))
        .toEqual(['done', 'interrupted', 'done']);
    });
  }

  it('a step command (recon ingest) stopped by SIGTERM rolls its file back and records the stop', async () => {
    const n = night();
    const args = ['ingest', '--db', n.db, '--settle', '0', n.inbox];
    const run = reconStart(args, { env: { RECON_FAILPOINT: 'ingest-row:3:sleep:1500' } });
    await run.waitForStderr('failpoint ingest-row:3 paused');
    process.kill(run.pid, 'SIGTERM');
    const ended = await run.exited;
    expect(ended.code, ended.stderr).toBe(143);
    expect(query<{ status: string; exit_code: number }>(n.db, 'select status, exit_code from runs')).toEqual([{ status: 'interrupted', exit_code: 143 }]);
    // The file being read when the signal came was rolled back: the rerun ingests it and the files after it.
    const held = query<{ n: number }>(n.db, 'select count(*) as n from ingested_files')[0]!.n;
    const again = recon(args);
    expect(again.code, again.stderr).toBe(0);
    expect(query<{ n: number }>(n.db, 'select count(*) as n from ingested_files')[0]!.n).toBe(ALL_INBOX_FILES.length);
    expect(held).toBeLessThan(ALL_INBOX_FILES.length);
  });
});
