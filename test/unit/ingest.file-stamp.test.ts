import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BigIntStats } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentStamp, sameStamp, stampOf, stampTrusted, STAMP_SETTLE_MS } from '../../src/ingest/file-stamp.js';

const LOOK = Date.UTC(2023, 2, 15, 2, 0, 0);
const status = (ctimeMs: number) => ({
  dev: 2049n, ino: 77n, size: 1474n, mtimeNs: 1_600_000_000_000_000_000n, ctimeNs: BigInt(ctimeMs) * 1_000_000n,
}) as BigIntStats;

describe('a file\'s stamp', () => {
  it('is the device and inode, and the size, modification and change times in nanoseconds', () => {
    expect(stampOf(status(LOOK - STAMP_SETTLE_MS))).toEqual({ id: '2049:77', stamp: `1474:1600000000000000000:${BigInt(LOOK - STAMP_SETTLE_MS) * 1_000_000n}` });
  });

  it('is kept only for a file last changed at least STAMP_SETTLE_MS (a minute) before the look', () => {
    const local = tmpdir();
    expect(STAMP_SETTLE_MS).toBe(60_000);
    expect(stampTrusted(local, status(LOOK - STAMP_SETTLE_MS), LOOK)).toBe(true);
    expect(stampTrusted(local, status(LOOK - STAMP_SETTLE_MS + 1), LOOK)).toBe(false);
    expect(stampTrusted(local, status(LOOK), LOOK)).toBe(false);
    expect(stampTrusted(local, status(LOOK + 5000), LOOK)).toBe(false); // a file system whose clock is ahead of ours
  });

  it('is kept only on a local file system, whose kernel sets the change time', () => {
    expect(stampTrusted(tmpdir(), status(LOOK - 3_600_000), LOOK)).toBe(true);
    // procfs stands here for any other (NFS, SMB, a FUSE mount): its change time is not one to rely on.
    expect(stampTrusted('/proc/self/status', status(LOOK - 3_600_000), LOOK)).toBe(false);
  });

  it('changes with a rewrite in place that puts the size and modification time back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'recon-stamp-')), 'f.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    utimesSync(path, 1_600_000_000, 1_600_000_000);
    const before = currentStamp(path);
    expect(sameStamp(before, currentStamp(path))).toBe(true);
    const mtime = statSync(path).mtimeMs;
    // Later than the file system's tick (a few ms): within one, the change time could stay (STAMP_SETTLE_MS).
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(path, readFileSync(path, 'utf8').replace('1,2', '3,4'));
    utimesSync(path, 1_600_000_000, 1_600_000_000);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(sameStamp(before, currentStamp(path))).toBe(false);
  });

  it('of a file gone is null, the same as no other', () => {
    expect(currentStamp('/nonexistent/recon-stamp')).toBeNull();
    expect(sameStamp(null, null)).toBe(false);
  });
});
