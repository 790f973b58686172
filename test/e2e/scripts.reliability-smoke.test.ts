import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { ENGINE } from '../helpers/engine.js';

/**
 * The reliability campaign (scripts/reliability.mjs, docs/reliability.md) at a small size, so the script keeps
 * working: a few fuzzed files, a few kills, the corrupt databases. It drives the SQLite engine (it reads the
 * run records with better-sqlite3), so it runs in the SQLite half of the suite only. Its runs write the CSVs
 * and manifest only (RECON_TEST_OUTPUTS=csv, test/helpers/cli.ts): this checks that the script works; the
 * campaign itself, run by hand (docs/reliability.md), writes every output.
 */
describe.skipIf(ENGINE !== 'sqlite')('reliability campaign smoke test', () => {
  it('a short campaign runs and finds nothing lost', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/reliability.mjs'), '--fuzz', '6', '--kills', '2', '--only', 'fuzz,kills,corrupt', '--seed', '3'], {
      encoding: 'utf8', env: { ...process.env, RECON_FAILPOINT: '', RECON_TEST_OUTPUTS: 'csv' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^RELIABILITY fuzz trials=6 failed=0$/m);
    expect(r.stdout).toMatch(/^RELIABILITY kills trials=2 failed=0$/m);
    expect(r.stdout).toMatch(/^RELIABILITY corrupt trials=5 failed=0$/m);
    expect(r.stdout).toMatch(/reliability: nothing lost/);
  }, 180_000);
});
