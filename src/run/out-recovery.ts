import { resolve } from 'node:path';
import { recoverOutFolder } from '../export/out-folder.js';
import type { Reporter } from './run-events.js';

/**
 * The first thing `recon run` and `recon export` do, before the lock and the database: put back outputs a
 * killed swap left aside, and remove what killed runs left beside them (export/out-folder.ts), so that even
 * a run that then fails leaves the previous outputs in place. Logged when it did anything.
 */
export function recoverOut(out: string, report: Reporter): void {
  const r = recoverOutFolder(out);
  if (r.restored || r.removed.length > 0) report({ event: 'out_recovered', out: resolve(out), restored: r.restored, removed: r.removed });
}
