import { existsSync, renameSync, rmSync } from 'node:fs';
import { failpoint } from '../base/failpoints.js';
import { notTheJobs } from './out-folder.js';
import { sideFolder } from './side-folder.js';
import { withSwapLock } from './swap-lock.js';

/**
 * Replaces `outDir` with the finished `tmp` folder, under the swap lock (swap-lock.ts): check that what is
 * at `outDir` is still the job's (out-folder.ts), rename it aside, rename the new one in; then delete the
 * old, which was checked, after renaming it to a `trash` folder. Each rename is atomic; a kill between the
 * first two leaves the old folder whole as `.<name>.old-*`, which the next run or export puts back before it
 * starts (`recoverOutFolder`); a kill after them leaves at most a `trash` folder, which it removes.
 */
export function swapIn(tmp: string, outDir: string): void {
  let old: string | null = null;
  withSwapLock(outDir, () => {
    const foreign = notTheJobs(outDir);
    if (foreign) throw new Error(`--out ${outDir} changed during the run and ${foreign}; the new outputs were not swapped in`);
    if (existsSync(outDir)) renameSync(outDir, (old = sideFolder(outDir, 'old')));
    try {
      failpoint('export-swap'); // the one moment `outDir` is absent: the old outputs are whole in `old`
      renameSync(tmp, outDir);
    } catch (err) {
      if (old) renameSync(old, outDir);
      throw err;
    }
  });
  if (!old) return;
  // Renamed (atomic) before the removal starts: a kill during it leaves a `trash` folder, which recovery
  // removes, never an `old` one missing some files, which it would put back as the previous outputs.
  const trash = sideFolder(outDir, 'trash');
  renameSync(old, trash);
  rmSync(trash, { recursive: true, force: true });
}
