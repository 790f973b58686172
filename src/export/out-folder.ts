import { lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ownerState, sideFolders } from './side-folder.js';
import { withSwapLock } from './swap-lock.js';

/**
 * What `--out` may be (spec 6, v2: `--out` only ever replaces a folder the job itself wrote). The export
 * swaps a whole folder in, renaming away and then removing what was there, so the folder is checked before
 * anything is done, and again, under the swap lock, at the moment it is renamed away.
 */

/** The file every output folder carries, so the next export knows the folder is the job's to replace. */
export const OUT_MARKER = '.premium-recon-out';
/** Constant, so that output folders stay byte-identical run to run. */
const OUT_MARKER_TEXT = 'premium-recon output folder: written by recon run or recon export, and replaced whole by the next one.\n';

/** What an export writes: an unmarked folder holding only these (and a manifest of ours) is one from before the marker. */
const OUTPUT_FILES = new Set(['reconciliation.csv', 'refunds.csv', 'duplicates.csv', 'rejects.csv', 'region_summary.csv', 'manifest.json']);

export function writeOutMarker(dir: string): void {
  writeFileSync(join(dir, OUT_MARKER), OUT_MARKER_TEXT, { mode: 0o600 });
}

/** The folders --out must keep clear of. Paths as given; SQLite database path or null. */
export type OutGuards = { cwd: string; db: string | null; inbox?: string; policies?: string | null };

/**
 * `--out` checked: the real path to use (symlinked parents and `..` resolved, so that what was checked is
 * what is written), or why it is refused. Nothing is created or changed.
 */
export function checkOutFolder(flag: string, guards: OutGuards): { out: string } | { refusal: string } {
  const given = resolve(flag);
  const stat = lstatOrNull(given);
  if (stat?.isSymbolicLink()) return { refusal: 'is a symbolic link; give the real folder (a link could point anywhere)' };
  const out = realPath(given);
  if (out === dirname(out)) return { refusal: 'is the root of the filesystem' };
  const cwd = realPath(guards.cwd);
  if (contains(out, cwd)) return { refusal: out === cwd ? 'is the current folder' : 'contains the current folder' };
  if (guards.inbox !== undefined) {
    const inbox = realPath(guards.inbox);
    if (out === inbox) return { refusal: 'is the inbox' };
    if (contains(out, inbox)) return { refusal: `contains the inbox ${guards.inbox}` };
    if (contains(inbox, out)) return { refusal: `is inside the inbox ${guards.inbox}` };
  }
  if (guards.db !== null) {
    const db = realPath(resolve(guards.db));
    if (out === db) return { refusal: 'is the database file' };
    if (contains(out, dirname(db))) return { refusal: `${out === dirname(db) ? 'is' : 'contains'} the folder of the database ${guards.db}` };
  }
  if (guards.policies) {
    const policies = realPath(guards.policies);
    if (contains(out, policies)) return { refusal: `${out === policies ? 'is' : 'contains'} the policies folder ${guards.policies}` };
  }
  const foreign = notTheJobs(out);
  return foreign ? { refusal: foreign } : { out };
}

/**
 * Why the folder at `out` may not be replaced by an export, or null when it may: it does not exist, or is
 * an empty real folder, or carries the marker, or (written by the version before the marker) holds only the
 * job's output files with a manifest of ours.
 */
export function notTheJobs(out: string): string | null {
  const stat = lstatOrNull(out);
  if (!stat) return null;
  if (stat.isSymbolicLink()) return 'is a symbolic link; give the real folder (a link could point anywhere)';
  if (!stat.isDirectory()) return 'is a file, not a folder';
  const entries = readdirSync(out);
  if (entries.length === 0) return null;
  if (entries.includes(OUT_MARKER) && lstatSync(join(out, OUT_MARKER)).isFile()) return null;
  if (isLegacyOutput(out, entries)) return null;
  return `is a folder that is not empty and was not written by recon (it has no ${OUT_MARKER} marker); `
    + 'give an empty or new folder: the export replaces --out whole';
}

/** An output folder of the version before the marker: only the six outputs, all plain files, and our manifest. */
function isLegacyOutput(out: string, entries: string[]): boolean {
  if (!entries.includes('manifest.json')) return false;
  if (!entries.every((e) => OUTPUT_FILES.has(e) && lstatSync(join(out, e)).isFile())) return false;
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    return typeof manifest.run_id === 'string' && typeof manifest.tool_version === 'string';
  } catch {
    return false;
  }
}

/** What `recoverOutFolder` did, for the log. */
export type OutRecovery = { restored: string | null; removed: string[] };

/**
 * Run at the start of every run and export (before ingest, so that even a run that then fails puts the
 * outputs back): when a swap was killed between its two renames, `<out>` is missing and the previous outputs
 * are whole in an `old` side folder: they are renamed back. So too when `<out>` is an empty real folder (an
 * operator or a script recreated it after the kill): emptiness holds nothing to lose, and the outputs are
 * what the folder is for. Then the side folders of dead owners (a killed run's half-written export, its
 * spill, an old folder already superseded, a `trash` folder half deleted) are removed; a live run's are left.
 * Under the swap lock, so that another run's swap in progress is never taken for a killed one.
 */
export function recoverOutFolder(outDir: string): OutRecovery {
  const out = resolve(outDir);
  const done: OutRecovery = { restored: null, removed: [] };
  if (sideFolders(out).length === 0) return done;
  withSwapLock(out, () => {
    const stat = lstatOrNull(out);
    if (stat && !(stat.isDirectory() && readdirSync(out).length === 0)) return;
    // With the lock held no swap is in progress, so an `old` folder not superseded is a killed swap's.
    const old = sideFolders(out).filter((s) => s.kind === 'old' && ownerState(s.owner) !== 'alive' && ownerState(s.owner) !== 'self')
      .sort((a, b) => b.owner.createdMs - a.owner.createdMs)[0];
    if (!old) return;
    if (stat) rmdirSync(out); // empty (checked just above, under the lock): rmdir refuses anything else
    renameSync(old.path, out);
    done.restored = old.path;
  });
  for (const side of sideFolders(out)) {
    if (ownerState(side.owner) !== 'dead') continue;
    rmSync(side.path, { recursive: true, force: true });
    done.removed.push(side.path);
  }
  return done;
}

/** Whether `outer` is `inner` or one of the folders containing it (both real, absolute paths). */
function contains(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `path`: its longest existing part resolved by the system, the rest appended. */
function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPath(parent), basename(abs));
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
