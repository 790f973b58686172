import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { recon, type CliResult } from './cli.js';
import type { Night } from './run.js';

/**
 * A small tmpfs mounted by the test (the tests run as root), for a file system that fills up for real;
 * every one a test file mounted is unmounted after its tests. Returns why it could not be mounted, or null.
 */
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.reverse()) spawnSync('umount', ['-l', dir]);
});

export function mountTmpfs(dir: string, bytes: number): string | null {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return `mount -t tmpfs failed (${(r.stderr || r.error?.message || '').trim()}): these tests need root`;
  mounted.push(dir);
  return null;
}

/**
 * The night's database copied onto a tmpfs of its size plus `extraKiB` (`data-<extraKiB>` under the night's
 * root), and a `recon run` of the night on that copy: the copy's path, its volume and the run, or why no tmpfs
 * could be mounted. Called with growing sizes, the run fills the disk at different points.
 */
export function runOnSmallVolume(n: Night, extraKiB: number): { db: string; data: string; run: CliResult } | { cannot: string } {
  const data = join(n.root, `data-${extraKiB}`);
  const cannot = mountTmpfs(data, statSync(n.db).size + extraKiB * 1024);
  if (cannot) return { cannot };
  const db = join(data, 'recon.sqlite');
  copyFileSync(n.db, db);
  return { db, data, run: recon(n.args().map((a) => (a === n.db ? db : a))) };
}
