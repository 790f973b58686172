import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { HOST_TAG, ownerState, type SideOwner } from './side-folder.js';

/**
 * A short lock beside an output folder, `.<out>.swap-lock`, held while a process changes which folder is
 * `<out>`: the swap's two renames, and the putting back of an old folder left by a killed swap. Two runs
 * on two databases may share one `<out>`; with the lock, the later swap waits for the earlier and replaces
 * its outputs whole, and a run never mistakes another's swap in progress (`<out>` absent for an instant)
 * for a killed one.
 *
 * It is a file created with O_EXCL holding its owner (host tag, pid, time). The swap holds it for
 * milliseconds, so a lock is stale when its owner is known dead: on this host, its pid is gone; on another
 * host, it is older than STALE_FOREIGN_MS (a live swap never takes that long). A stale lock is broken by
 * renaming it aside and checking it is still the one judged stale. Waiting is bounded (WAIT_MS), then the
 * export fails (exit 1) and the previous outputs stay.
 */
const STALE_FOREIGN_MS = 10 * 60_000;
const WAIT_MS = 60_000;
const POLL_MS = 50;

type LockOwner = SideOwner & { token: string };

/** Runs `work` holding the swap lock of `outDir` (its parent folder must exist). */
export function withSwapLock<T>(outDir: string, work: () => T): T {
  const out = resolve(outDir);
  const lock = join(dirname(out), `.${basename(out)}.swap-lock`);
  const me: LockOwner = { host: HOST_TAG, pid: process.pid, createdMs: Date.now(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      writeFileSync(lock, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = readLock(lock);
    if (seen !== null && isStale(lock, seen)) {
      breakStale(lock, seen);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another recon has been swapping its outputs into ${out} for over ${WAIT_MS / 1000} s (lock ${lock}: ${seen ?? 'unreadable'}); the previous outputs were left as they were`);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
  }
  try {
    return work();
  } finally {
    if (readLock(lock) === JSON.stringify(me)) unlinkSync(lock);
  }
}

/** The lock file's text, or null when it is gone. */
function readLock(lock: string): string | null {
  try {
    return readFileSync(lock, 'utf8');
  } catch {
    return null;
  }
}

function isStale(lock: string, text: string): boolean {
  let owner: LockOwner;
  try {
    owner = JSON.parse(text) as LockOwner;
  } catch {
    // Its maker died between creating and writing it: stale once it has sat there a while.
    return Date.now() - statSafe(lock) > 10_000;
  }
  const state = ownerState(owner, STALE_FOREIGN_MS);
  return state === 'dead';
}

function statSafe(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** Moves the stale lock aside and removes it; puts it back if it turned out to be a new one (a race). */
function breakStale(lock: string, seen: string): void {
  const aside = `${lock}.stale-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // gone already: someone else broke it
  }
  if (readLock(aside) !== seen) {
    try {
      linkSync(aside, lock);
    } catch { /* a third process holds it now; the one moved aside was broken by mistake and is lost */ }
  }
  unlinkSync(aside);
}
