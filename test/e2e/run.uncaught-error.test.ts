import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { folderBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, logEvents, night } from '../helpers/run.js';

/**
 * An exception nobody catches (a bug), or a rejected promise nobody handles, during a run: Node's default
 * is to die at once, leaving the run record `running` until the next run. For the run's duration the CLI
 * handles them instead: the work stops at its next safe point, and the run is recorded `failed` with the
 * error, exit 1, the previous outputs untouched.
 */
describe('an uncaught error during a run', () => {
  for (const mode of ['uncaught', 'rejection'] as const) {
    it(`${mode === 'uncaught' ? 'an uncaught exception' : 'an unhandled rejection'}: recorded failed with its message, exit 1, previous outputs untouched`, () => {
      const n = night(ALL_INBOX_FILES.slice(0, 3));
      expect(recon(n.args()).code).toBe(0);
      const previous = folderBytes(n.out);
      for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

      const run = recon(n.args(), { env: { RECON_FAILPOINT: `ingest-row:3:${mode}` } });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`recon run: failed: failpoint ingest-row:3 ${mode}`);
      expect(logEvents(run.stdout).at(-1)).toMatchObject({ event: 'run_failed', error: `failpoint ingest-row:3 ${mode}` });
      expect(query(n.db, 'select status, exit_code, error from runs order by started_at, run_id')).toEqual([
        { status: 'done', exit_code: 0, error: null },
        { status: 'failed', exit_code: 1, error: `failpoint ingest-row:3 ${mode}` },
      ]);
      expect(folderBytes(n.out)).toEqual(previous);
      expect(readdirSync(dirname(n.out))).toEqual(['latest']);
    });
  }
});
