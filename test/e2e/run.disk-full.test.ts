import { spawnSync } from 'node:child_process';
import { readdirSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { folderBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { ALL_INBOX_FILES, logEvents, night } from '../helpers/run.js';
import { mountTmpfs, runOnSmallVolume } from '../helpers/tmpfs.js';

/**
 * A full file system under the outputs or under the database, made real: a small tmpfs mounted by the test
 * (test/helpers/tmpfs.ts). The run exits 1 with a message naming the file or the database, keeps the
 * previous outputs, and ends its run record (or says on stderr and in `run_failed` that it could not).
 */
/** Fills the file system holding `dir` until `leave` bytes are free. */
function fillUntil(dir: string, leave: number): void {
  const s = statfsSync(dir);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, s.bavail * s.bsize - leave)));
}

describe('a full file system', () => {
  it('under --out: exit 1 naming the file, previous outputs byte-identical, the run recorded failed, no side folder left', (ctx) => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    const cannot = mountTmpfs(dirname(n.out), 1 << 20);
    if (cannot) return ctx.skip(cannot);
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);
    fillUntil(dirname(n.out), 4096);

    const run = recon(n.args());
    expect(run.code, run.stderr).toBe(1);
    // Which file fills the disk first (a spilled part or an output in the temporary folder) is the disk's
    // business; that the message names it, under --out's parent, is ours. Node's own message named nothing.
    const named = new RegExp(`^recon run: failed: ${dirname(n.out)}/\\.latest\\.(spill|tmp)-[^ ]+/[a-z0-9_]+\\.csv: no space left on device \\(ENOSPC\\)$`, 'm');
    expect(run.stderr).toMatch(named);
    expect(logEvents(run.stdout).at(-1)).toMatchObject({ event: 'run_failed', error: expect.stringContaining('ENOSPC') });
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out)).sort()).toEqual(['filler', 'latest']);
    const runs = query<{ status: string; error: string }>(n.db, 'select status, error from runs order by started_at, run_id');
    expect(runs.map((r) => r.status)).toEqual(['done', 'failed']);
    expect(runs[1]!.error).toContain('no space left on device (ENOSPC)');

    // `recon export` alone writes the outputs through the same stream: its message names the CSV too.
    const exported = recon(['export', '--db', n.db, '--out', n.out]);
    expect(exported.code, exported.stderr).toBe(1);
    expect(exported.stderr).toMatch(new RegExp(`^recon export: failed: ${dirname(n.out)}/\\.latest\\.tmp-[^ ]+/[a-z_]+\\.csv: no space left on device \\(ENOSPC\\)$`, 'm'));
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out)).sort()).toEqual(['filler', 'latest']);
  });

  it.skipIf(ENGINE !== 'sqlite')('under the database: exit 1 naming the database; the run record ended, or its failure to end said', (ctx) => {
    // Last night's database, copied onto file systems of growing size: tonight's files need more room than
    // some of them have. Where exactly a run fills the disk depends on the size; every failure must be honest.
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);
    const size = statSync(n.db).size;
    let failures = 0;
    for (const extraKiB of [48, 80, 112, 144, 176, 224]) {
      const volume = runOnSmallVolume(n, extraKiB);
      if ('cannot' in volume) return ctx.skip(volume.cannot);
      const { db, data, run } = volume;
      if (run.code === 0) continue;
      failures++;
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^recon run: failed: ${db}: (database or disk is full|disk I/O error)`, 'm'));
      const failed = logEvents(run.stdout).find((e) => e.event === 'run_failed')!;
      const tonight = query<{ status: string }>(db, 'select status from runs where run_id = ?', failed.run_id);
      if (failed.record_error !== undefined) {
        // The write that records the end failed too: said, and the record is left for the next run.
        expect(run.stderr).toContain(`the end of run ${failed.run_id as string} could not be recorded`);
        expect(tonight).toEqual([{ status: 'running' }]);
        // With room again (the volume grown), the next run marks it interrupted.
        expect(spawnSync('mount', ['-o', `remount,size=${size + (4 << 20)}`, data]).status).toBe(0);
        const next = recon(n.args().map((a) => (a === n.db ? db : a)));
        expect(next.code, next.stderr).toBe(0);
        expect(query<{ status: string }>(db, 'select status from runs where run_id = ?', failed.run_id)).toEqual([{ status: 'interrupted' }]);
      } else {
        // Recorded `failed`, or never recorded at all (the first write of the run failed): never `running`.
        expect(tonight.map((r) => r.status).filter((s) => s !== 'failed')).toEqual([]);
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});
