import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, reconStart, ROOT } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { night } from '../helpers/run.js';

const spills = (out: string) => readdirSync(dirname(out)).filter((e) => e.startsWith('.latest.spill-'));

/**
 * Two runs on two databases writing one --out: they hold different run locks, so they run at once. Each
 * owns its side folders; run B must not remove the spill folder run A is writing, and once A is dead the
 * next run removes what A left.
 */
describe('two databases sharing one --out', () => {
  it('B completes while A is mid-reconcile; A\'s spill survives while A lives and is removed after A is killed', async () => {
    const n = night();
    const dbB = testDb(join(n.root, 'data-b'));
    const argsB = ['run', '--inbox', n.inbox, '--out', n.out, '--db', dbB, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0'];

    const a = reconStart(n.args(), { env: { RECON_FAILPOINT: 'reconcile-person:10:pause' } });
    await a.waitForStderr('failpoint reconcile-person:10 paused');
    const aSpill = spills(n.out);
    expect(aSpill).toHaveLength(1);

    const b = recon(argsB);
    expect(b.code, b.stderr).toBe(0);
    expect(readdirSync(n.out)).toContain('reconciliation.csv');
    expect(spills(n.out)).toEqual(aSpill); // A's folder is still there: A is alive
    const fromB = csvBytes(n.out);

    a.kill9();
    expect((await a.exited).signal).toBe('SIGKILL');

    const next = recon(argsB);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']); // A's leftovers removed: its owner is dead
    expect(csvBytes(n.out)).toEqual(fromB);
    expect(query<{ status: string }>(dbB, 'select status from runs order by started_at').map((r) => r.status)).toEqual(['done', 'done']);
  });
});
