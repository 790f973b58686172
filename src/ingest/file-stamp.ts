import { statfsSync, statSync, type BigIntStats } from 'node:fs';

/**
 * A file's stamp: what the file system says of it that changes whenever its bytes do, so that a file held
 * since an earlier night is skipped without being read again (ingest-file.ts). `id` is the file's device and
 * inode; `stamp` its size and its modification and change times in nanoseconds. The change time (ctime) is
 * the one that matters: on the local file systems of LOCAL_FILE_SYSTEMS the kernel sets it to the current
 * time on a write, rename, link or change of mode, and no program can set it back (a rewrite in place that
 * restores the modification time with `touch -d` still moves it). An edit to a file, a new file under an old
 * name, a file copied over another: each gives another stamp, and the file is read (hashed) again. Elsewhere
 * (NFS, SMB, FUSE mounts such as rclone's, whose change time may be the modification time or set by a
 * program) a file has no stamp, and is hashed every night as before.
 */
export type FileStamp = { id: string; stamp: string };

/**
 * How long before the job looks at a file its change time must be for its stamp to be kept. Not every write
 * moves the change time at once: the file system keeps its times to a tick (a write in the same tick as the
 * look leaves it as it was), and a program writing through a shared memory mapping moves it on its first
 * write after the kernel has written the file's pages back (a second reader found writes 5-30 s later that
 * moved nothing). Once the file's last change is a minute old, its pages are written back (the kernel's
 * default: dirty pages older than 30 s, looked at every 5 s) and any later write moves the change time. A
 * file changed less than this before the look is read as before, without a stamp kept; the next night, older
 * by then, it gets one. `RECON_TEST_STAMP_SETTLE_MS`: tests only, so that they need not wait a minute.
 */
export const STAMP_SETTLE_MS = Number(process.env.RECON_TEST_STAMP_SETTLE_MS ?? 60_000);

/**
 * The file systems whose change time the stamp relies on (statfs's magic numbers): local ones, whose kernel
 * code sets it. ext2/3/4, XFS, Btrfs, ZFS, tmpfs, and overlayfs (a container's own layer, over one of these).
 */
const LOCAL_FILE_SYSTEMS = new Set([0xef53, 0x58465342, 0x9123683e, 0x2fc12fc1, 0x01021994, 0x794c7630]);

/**
 * Whether the stamp of a file with status `st` may be kept for later nights: it changed at least
 * STAMP_SETTLE_MS before `lookedAtMs`, and its file system (at `path`) is one of LOCAL_FILE_SYSTEMS. Any
 * stamp serves tonight, to tell whether the file changed while it was read (ingest-file.ts).
 */
export function stampTrusted(path: string, st: BigIntStats, lookedAtMs: number): boolean {
  if (Number(st.ctimeNs / 1_000_000n) > lookedAtMs - STAMP_SETTLE_MS) return false;
  return LOCAL_FILE_SYSTEMS.has(Number(statfsSync(path, { bigint: true }).type));
}

/** The file's stamp as it is now (its status read again), or null when it is gone. */
export function currentStamp(path: string): FileStamp | null {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  return st ? stampOf(st) : null;
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return !!a && !!b && a.id === b.id && a.stamp === b.stamp;
}

/** The stamp of a file with status `st`. */
export function stampOf(st: BigIntStats): FileStamp {
  return { id: `${st.dev}:${st.ino}`, stamp: `${st.size}:${st.mtimeNs}:${st.ctimeNs}` };
}
