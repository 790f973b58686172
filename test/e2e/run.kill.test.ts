import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, reconStart } from '../helpers/cli.js';
import { csvBytes, folderBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, night } from '../helpers/run.js';

/**
 * kill -9 at each step of a night, from outside the process (the run pauses at a failpoint, the test kills
 * it): the previous night's outputs stay whole and untouched, and a rerun gives a clean run's CSVs.
 */
describe('kill -9 during a run, then a rerun', () => {
  let reference: Record<string, Buffer>;
  beforeAll(() => {
    const clean = night();
    expect(recon(clean.args()).code).toBe(0);
    reference = csvBytes(clean.out);
  });

  const points = [
    ['during ingest (mid-file)', 'ingest-row:3'],
    ['during reconcile (mid-person stream)', 'reconcile-person:10'],
    ['during export (a CSV half-way through the set)', 'export-file:1'],
    ['during the swap (old outputs moved aside, new not yet in)', 'export-swap:1'],
  ] as const;

  for (const [when, point] of points) {
    it(`${when}: previous outputs untouched, rerun equals a clean run`, async () => {
      const n = night(ALL_INBOX_FILES.slice(0, 3)); // last night: the rosters only
      expect(recon(n.args()).code).toBe(0);
      const previous = folderBytes(n.out);
      for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

      const run = reconStart(n.args(), { env: { RECON_FAILPOINT: `${point}:pause` } });
      await run.waitForStderr(`failpoint ${point} paused`);
      run.kill9();
      expect((await run.exited).signal).toBe('SIGKILL');

      if (point.startsWith('export-swap')) {
        // The one moment `out` is absent: the previous outputs are whole beside it, and the next run puts them back.
        const aside = readdirSync(dirname(n.out)).find((e) => e.startsWith('.latest.old-'))!;
        expect(folderBytes(join(dirname(n.out), aside))).toEqual(previous);
      } else {
        expect(folderBytes(n.out)).toEqual(previous);
      }
      if (point.startsWith('reconcile')) {
        // reconcile was writing reconciliation.csv's lines beside the outputs; the rerun removes them.
        expect(readdirSync(dirname(n.out)).some((e) => e.startsWith('.latest.spill-'))).toBe(true);
      }

      const rerun = recon(n.args());
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(csvBytes(n.out)).toEqual(reference);
      expect(readdirSync(dirname(n.out))).toEqual(['latest']); // no temporary or old folders left behind
      const statuses = query<{ status: string }>(n.db, 'select status from runs order by started_at, run_id').map((r) => r.status);
      expect(statuses).toEqual(['done', 'interrupted', 'done']);
    });
  }
});
