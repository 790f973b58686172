import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, reconStart, ROOT } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { night } from '../helpers/run.js';

/**
 * Two runs (two databases) swapping into one --out: the swap is done under a short lock beside --out, so a
 * run never takes another's swap in progress (--out absent for an instant) for a killed one. Here A stops
 * inside its swap, holding the lock, with --out absent; B waits for the lock rather than act on --out; once A
 * is killed its lock is stale (its pid is gone), B puts A's previous outputs back, then swaps its own in.
 */
describe('two swaps into one --out', () => {
  it('the later waits for the earlier, and nothing is lost', async () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const reference = csvBytes(n.out);
    const dbB = testDb(join(n.root, 'data-b'));
    const argsB = ['run', '--inbox', n.inbox, '--out', n.out, '--db', dbB, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0'];

    const a = reconStart(n.args(), { env: { RECON_FAILPOINT: 'export-swap:1:pause' } });
    await a.waitForStderr('failpoint export-swap:1 paused');
    expect(readdirSync(dirname(n.out))).not.toContain('latest'); // A is between its two renames
    expect(readdirSync(dirname(n.out))).toContain('.latest.swap-lock');

    const b = reconStart(argsB);
    let bDone = false;
    void b.exited.then(() => { bDone = true; });
    await new Promise((r) => setTimeout(r, 1500));
    expect(bDone).toBe(false); // waiting for A's lock
    expect(readdirSync(dirname(n.out))).not.toContain('latest'); // and it did not touch what A is swapping

    a.kill9();
    const done = await b.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(csvBytes(n.out)).toEqual(reference);
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')) as { run_id: string };
    expect(manifest.run_id).toBe(query<{ run_id: string }>(dbB, 'select run_id from runs')[0]!.run_id); // B's outputs won
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
  });
});
