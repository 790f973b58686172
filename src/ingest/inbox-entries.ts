import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { basename, join, sep } from 'node:path';

/** A regular file to read, with what it looked like before reading (compared again after, ingest-file.ts). */
export type InputFile = { type: 'file'; name: string; path: string; size: number; mtimeMs: number };

/** An entry not read now, with why in words an operator acts on (never anything from inside a file). */
export type SetAside = { name: string; reason: string };

/**
 * What one input entry is: a file to read; deferred (still being written, or a temporary name: tried again
 * next run, nothing stored); unreadable (rejected whole as UNREADABLE_FILE); or a folder (said, not read).
 */
export type InputEntry =
  | InputFile
  | ({ type: 'deferred' } & SetAside)
  | ({ type: 'unreadable' } & SetAside)
  | ({ type: 'folder' } & SetAside);

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
  const st = lstatSync(path);
  if (st.isDirectory()) return { type: 'folder', name, reason: 'a folder' };
  if (st.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      return { type: 'unreadable', name, reason: 'a dangling link' };
    }
    if (!target.startsWith(root + sep)) return { type: 'unreadable', name, reason: 'a link out of the inbox' };
    if (isFolder(target)) return { type: 'folder', name, reason: 'a folder' };
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
 * Checks that `path` opens as a regular file without reading it. O_NONBLOCK: should the entry be (or have
 * just become) a FIFO, the open returns at once instead of waiting for a writer; fstat then says what was
 * opened. The size and time seen here are the "before" the reader compares with afterwards.
 */
function regularFile(name: string, path: string, settleSeconds: number, now: number): InputEntry {
  let st: Stats;
  try {
    const st0 = lstatSync(path);
    if (!st0.isFile() && !st0.isSymbolicLink()) return { type: 'unreadable', name, reason: 'not a regular file' };
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      st = fstatSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { type: 'unreadable', name, reason: 'permission denied' };
    if (code === 'ENOENT' || code === 'ELOOP') return { type: 'unreadable', name, reason: 'a dangling link' };
    throw err;
  }
  if (!st.isFile()) return { type: 'unreadable', name, reason: 'not a regular file' };
  const age = (now - st.mtimeMs) / 1000;
  if (settleSeconds > 0 && age < settleSeconds) {
    return { type: 'deferred', name, reason: `modified ${Math.max(0, Math.floor(age))} s ago, less than --settle ${settleSeconds} s: it may still be being written` };
  }
  return { type: 'file', name, path, size: st.size, mtimeMs: st.mtimeMs };
}
