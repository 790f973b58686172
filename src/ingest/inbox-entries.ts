import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { stampOf, stampTrusted, type FileStamp } from './file-stamp.js';

/**
 * A regular file to read, with its stamp before reading (file-stamp.ts: its inode, size, modification and
 * change times), which ingest-file.ts compares with the file's after reading, and whether that stamp may be
 * kept for later nights (`trusted`: false when the file changed too shortly before this look, or is not on a
 * local file system).
 */
export type InputFile = { type: 'file'; name: string; path: string; size: number; stamp: FileStamp; trusted: boolean };

/** An entry not read now, with why in words an operator acts on (never anything from inside a file). */
export type SetAside = { name: string; reason: string };

/**
 * What one input entry is: a file to read; deferred (still being written, or a temporary name: tried again
 * next run, nothing stored); unreadable (rejected whole as UNREADABLE_FILE); or skipped (a folder, or an
 * entry gone between the folder's listing and its look: said, not read).
 */
export type InputEntry =
  | InputFile
  | ({ type: 'deferred' } & SetAside)
  | ({ type: 'unreadable' } & SetAside)
  | ({ type: 'skipped' } & SetAside);

/**
 * An entry removed (or renamed) by its owner between readdir and our look at it: not a fault of the file,
 * nothing to reject; whatever it became is looked at by the next run.
 */
const VANISHED = { type: 'skipped', reason: 'vanished while listing' } as const;

/** Names that copy tools, browsers and office programs give a file while it is still being written. */
const TEMPORARY_NAME = /^\.|^~\$|\.(part|tmp|partial)$/i;

/**
 * The entries to ingest, in order. A folder stands for the entries directly inside it, sorted by name so
 * that a night's files are always read in the same order (the first of two conflicting txn_ids stays).
 * Inside a folder (the inbox), every entry is said, none is silently dropped:
 * - a name like a temporary file (`*.part`, `*.tmp`, `*.partial`, `~$*`, dot-files) is deferred;
 * - a sub-folder is not read (the inbox is flat) and is listed as such;
 * - a link is followed only to a regular file inside the folder (real paths compared): a link out of the
 *   inbox could make the job read, and store, any file the job's user can read;
 * - FIFOs, sockets and devices are never opened (opening a FIFO waits forever for a writer);
 * - a file modified less than `settleSeconds` ago is deferred: it may still be being copied in.
 * A file named on the command line is the operator's own choice: its name and where a link leads are not
 * judged, but it must still be a readable regular file. A named path that does not exist throws (usage).
 */
export function listInputs(paths: string[], settleSeconds: number, now = Date.now()): InputEntry[] {
  return paths.flatMap((p): InputEntry[] => {
    const st = lstatSync(p);
    if (st.isDirectory() || (st.isSymbolicLink() && isFolder(p))) {
      const root = realpathSync(p);
      return readdirSync(p).sort().map((name) => inboxEntry(root, join(p, name), settleSeconds, now));
    }
    return [regularFile(basename(p), p, settleSeconds, now)];
  });
}

function inboxEntry(root: string, path: string, settleSeconds: number, now: number): InputEntry {
  const name = basename(path);
  if (TEMPORARY_NAME.test(name)) return { type: 'deferred', name, reason: 'named like a temporary file' };
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return { ...VANISHED, name };
  if (st.isDirectory()) return { type: 'skipped', name, reason: 'a folder' };
  if (st.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      if (!lstatSync(path, { throwIfNoEntry: false })) return { ...VANISHED, name };
      return { type: 'unreadable', name, reason: 'a dangling link' };
    }
    if (!target.startsWith(root + sep)) return { type: 'unreadable', name, reason: 'a link out of the inbox' };
    if (isFolder(target)) return { type: 'skipped', name, reason: 'a folder' };
    return regularFile(name, target, settleSeconds, now);
  }
  return regularFile(name, path, settleSeconds, now);
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(realpathSync(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks that `path` opens as a regular file without reading it. Its age is judged first, from its status
 * (no open): a file still being uploaded may well not be readable by the job yet (an upload under another
 * user, mode 0600, until the copy is done), and is deferred like any young file, not rejected; only a
 * settled file that cannot be opened is UNREADABLE_FILE. O_NONBLOCK: should the entry be (or have just
 * become) a FIFO, the open returns at once instead of waiting for a writer; fstat then says what was
 * opened, and its age is judged again. Its stamp seen here is the "before" the reader compares with
 * afterwards.
 */
function regularFile(name: string, path: string, settleSeconds: number, now: number): InputEntry {
  let st: BigIntStats;
  try {
    const seen = lstatSync(path);
    if (!seen.isFile() && !seen.isSymbolicLink()) return { type: 'unreadable', name, reason: 'not a regular file' };
    // A link named on the command line: its target's status (ENOENT here: a dangling link).
    const target = seen.isSymbolicLink() ? statSync(path) : seen;
    if (!target.isFile()) return { type: 'unreadable', name, reason: 'not a regular file' };
    const young = youngFile(name, target.mtimeMs, settleSeconds, now);
    if (young) return young;
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      st = fstatSync(fd, { bigint: true });
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { type: 'unreadable', name, reason: 'permission denied' };
    if (code === 'ENOENT' || code === 'ELOOP') {
      // Gone itself (removed or renamed since the listing) is not a fault; a link left pointing nowhere is.
      const entry = lstatSync(path, { throwIfNoEntry: false });
      return entry?.isSymbolicLink() ? { type: 'unreadable', name, reason: 'a dangling link' } : { ...VANISHED, name };
    }
    throw err;
  }
  if (!st.isFile()) return { type: 'unreadable', name, reason: 'not a regular file' };
  return youngFile(name, Number(st.mtimeNs / 1_000_000n), settleSeconds, now)
    ?? { type: 'file', name, path, size: Number(st.size), stamp: stampOf(st), trusted: stampTrusted(path, st, now) };
}

/** The deferral of a file modified less than `settleSeconds` ago (it may still be being copied in), or null. */
function youngFile(name: string, mtimeMs: number, settleSeconds: number, now: number): InputEntry | null {
  const age = (now - mtimeMs) / 1000;
  if (settleSeconds <= 0 || age >= settleSeconds) return null;
  return { type: 'deferred', name, reason: `modified ${Math.max(0, Math.floor(age))} s ago, less than --settle ${settleSeconds} s: it may still be being written` };
}
