import { basename, dirname, join, resolve } from 'node:path';

/**
 * The folders kept beside an output folder `<out>` while it is written, named `.<out>.<kind>-<pid>-<time>`
 * so that the next export finds what a killed run left (export-outputs.ts, `cleanLeftovers`):
 * - `tmp`: a new export being written, swapped in when whole;
 * - `old`: the previous outputs during the swap;
 * - `spill`: `recon run`'s reconciliation lines, written during reconcile (region-spill.ts).
 */
export type SideKind = 'tmp' | 'old' | 'spill';

/** A new side folder's path for `outDir` (not created). */
export function sideFolder(outDir: string, kind: SideKind): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.${kind}-${process.pid}-${Date.now()}`);
}

/** Whether `entry`, a name in `outDir`'s parent folder, is a side folder of that kind for `outDir`. */
export function isSideFolder(entry: string, outDir: string, kind: SideKind): boolean {
  return entry.startsWith(`.${basename(resolve(outDir))}.${kind}-`);
}
