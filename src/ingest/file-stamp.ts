import { statSync, type BigIntStats } from 'node:fs';

/**
 * A file's stamp: what the file system says of it that changes whenever its bytes do, so that a file held
 * since an earlier night is skipped without being read again (ingest-file.ts). `id` is the file's device and
 * inode; `stamp` its size and its modification and change times in nanoseconds. The change time (ctime) is
 * the one that matters: the kernel sets it to the current time on every write, rename, link or change of
 * mode, and no program can set it back (a rewrite in place that restores the modification time with
 * `touch -d` still moves it). An edit to a file, a new file under an old name, a file copied over another:
 * each gives another stamp, and the file is read (hashed) again.
 */
export type FileStamp = { id: string; stamp: string };

/**
 * How long before the job looks at a file its change time must be for its stamp to be trusted later. A
 * file system keeps its times to a tick (a few milliseconds on Linux, coarser on some network file systems):
 * a write in the same tick as the look would leave the change time as it was. A file changed less than this
 * before the look is read as before and its stamp not kept; the next night, the same file, older by then,
 * gets its stamp kept. Every later write gets a change time later than the look, which differs.
 */
export const STAMP_SETTLE_MS = 2000;

/** The stamp of a file from its status, or null when it changed less than STAMP_SETTLE_MS before `lookedAtMs`. */
export function fileStamp(st: BigIntStats, lookedAtMs: number): FileStamp | null {
  if (Number(st.ctimeNs / 1_000_000n) > lookedAtMs - STAMP_SETTLE_MS) return null;
  return stampOf(st);
}

/** The file's stamp as it is now (its status read again), or null when it is gone. */
export function currentStamp(path: string): FileStamp | null {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  return st ? stampOf(st) : null;
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return !!a && !!b && a.id === b.id && a.stamp === b.stamp;
}

function stampOf(st: BigIntStats): FileStamp {
  return { id: `${st.dev}:${st.ino}`, stamp: `${st.size}:${st.mtimeNs}:${st.ctimeNs}` };
}
