import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The folders kept beside an output folder `<out>` while it is written:
 * - `tmp`: a new export being written, swapped in when whole;
 * - `old`: the previous outputs during the swap;
 * - `spill`: `recon run`'s reconciliation lines, written during reconcile (region-spill.ts);
 * - `trash`: the previous outputs once the new ones are in, renamed from `old` before they are deleted, so
 *   that a folder half deleted (a kill during the removal) is never taken for whole outputs to put back.
 *
 * Each is owned by the process that made it, and its name says who: `.<out>.<kind>-<host>-<pid>-<time>-<random>`,
 * with `<host>` a short hash of the host name (a Kubernetes host name can be longer than a file name may be),
 * `<time>` the creation time (ms, base 36). Several runs may share one `<out>` (two databases, say), so a run
 * removes only its own side folders and those whose owner is known to be dead (`ownerState`); it never
 * guesses about a live one.
 */
export type SideKind = 'tmp' | 'old' | 'spill' | 'trash';

/** Who made a side folder, from its name; `host` is null for a name written by a version before owners. */
export type SideOwner = { host: string | null; pid: number; createdMs: number };

export type SideEntry = { path: string; kind: SideKind; owner: SideOwner };

/**
 * How long a side folder made on another host (or by an older version, whose names carry no host) is taken
 * to belong to a live run. Its pid means nothing here, so only its age can tell: a night takes minutes, so a
 * folder a day old belongs to a run that is over. In Kubernetes every night is a new pod, hence a new host:
 * a killed night's folders are removed by the first run a day after they were made.
 */
export const FOREIGN_OWNER_TTL_MS = 24 * 3600_000;

/** This host's tag in side-folder and lock names. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** A new side folder's path for `outDir` (not created). */
export function sideFolder(outDir: string, kind: SideKind): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.${kind}-${HOST_TAG}-${process.pid}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
}

const OWNED = /^(tmp|old|spill|trash)-([0-9a-f]{8})-(\d+)-([0-9a-z]+)-[0-9a-f]{8}$/;
/** The names of the version before owners: `.<out>.<kind>-<pid>-<ms>`. */
const LEGACY = /^(tmp|old|spill)-(\d+)-(\d+)$/;

/** The side folders (real folders, not links) of `outDir` in its parent folder, with their owners. */
export function sideFolders(outDir: string): SideEntry[] {
  const out = resolve(outDir);
  const parent = dirname(out);
  const prefix = `.${basename(out)}.`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return []; // no parent folder yet: nothing beside it
  }
  const found: SideEntry[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const rest = entry.slice(prefix.length);
    const owned = OWNED.exec(rest);
    const legacy = owned ? null : LEGACY.exec(rest);
    const owner: SideOwner | null = owned
      ? { host: owned[2]!, pid: Number(owned[3]), createdMs: parseInt(owned[4]!, 36) }
      : legacy ? { host: null, pid: Number(legacy[2]), createdMs: Number(legacy[3]) } : null;
    const path = join(parent, entry);
    if (owner && isRealFolder(path)) found.push({ path, kind: (owned ?? legacy)![1] as SideKind, owner });
  }
  return found;
}

/**
 * Whether the process that made a side folder (or holds a lock) is this one, alive, dead, or unknown:
 * on this host, its pid answers; on another host, only age does (FOREIGN_OWNER_TTL_MS, or `ttlMs`).
 */
export function ownerState(owner: SideOwner, ttlMs = FOREIGN_OWNER_TTL_MS): 'self' | 'alive' | 'dead' | 'unknown' {
  if (owner.host !== HOST_TAG) return Date.now() - owner.createdMs > ttlMs ? 'dead' : 'unknown';
  // A pid is reused: in a container started afresh every night under a fixed host name, tonight's run may
  // well have last night's pid. A process that started after the folder was made is not its owner.
  if (owner.pid === process.pid) return performance.timeOrigin <= owner.createdMs + START_SLACK_MS ? 'self' : 'dead';
  if (!pidAlive(owner.pid)) return 'dead';
  const started = processStartMs(owner.pid);
  return started !== null && started > owner.createdMs + START_SLACK_MS ? 'dead' : 'alive';
}

/** Clock rounding between a process's start time as Linux reports it (10 ms ticks, boot time in seconds) and ours. */
const START_SLACK_MS = 2000;

/** When a process started (ms since the epoch), from Linux's /proc; null where that cannot be read. */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, in parentheses); starttime is field 22 of stat(5).
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux the job runs on (x86-64, arm64).
    return Number.isFinite(ticks) && boot > 0 ? boot * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists on this host (EPERM: it does, under another user). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
