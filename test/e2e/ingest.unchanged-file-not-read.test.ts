import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { logEvents, night, type Night } from '../helpers/run.js';

const FILE = 'tax-misc-2023-02.csv';
// A whole second, so that the same modification time can be put back exactly.
const OLD = Math.floor(Date.now() / 1000) - 3600;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/**
 * A file's stamp is kept once its last change is a minute old (file-stamp.ts STAMP_SETTLE_MS): two seconds
 * here, so that the tests need not wait a minute (RECON_TEST_STAMP_SETTLE_MS, for tests only).
 */
const SETTLE_MS = 2000;
const ENV = { RECON_TEST_STAMP_SETTLE_MS: String(SETTLE_MS) };
/** The run fails at once if it scans (hashes) a file: the proof that a file was skipped unread. */
const NO_SCAN = { env: { ...ENV, RECON_FAILPOINT: 'ingest-scanned:1' } };
const run = (args: string[]) => recon(args, { env: ENV });
const stamps = (db: string) => query<{ n: number }>(db, 'select cast(count(*) as integer) as n from file_stamps')[0]!.n;

/** Waits until the file's last change is STAMP_SETTLE_MS old, as an inbox file delivered earlier in the day is. */
async function settled(path: string): Promise<void> {
  const wait = statSync(path).ctimeMs + SETTLE_MS + 100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** The file_done event of the night's one file, without its timings. */
function fileDone(stdout: string) {
  const done = logEvents(stdout).filter((e) => e.event === 'file_done');
  expect(done).toHaveLength(1);
  const { seconds: _s, mb_per_s: _m, time: _t, ...rest } = done[0]!;
  return rest;
}

/** A night whose one file is ingested, with its stamp kept (it was settled when the run looked at it). */
async function heldNight(): Promise<Night> {
  const n = night([FILE]);
  utimesSync(join(n.inbox, FILE), OLD, OLD);
  await settled(join(n.inbox, FILE));
  const first = run(n.args());
  expect(first.code, first.stderr).toBe(0);
  expect(stamps(n.db)).toBe(1);
  return n;
}

describe('a file held since an earlier night and unchanged is skipped without being read again (file-stamp.ts)', () => {
  it('skips it unread, reported exactly as a file scanned and found held is; --full reads it again', async () => {
    const n = await heldNight();
    const unread = recon(n.args(), NO_SCAN);
    expect(unread.code, unread.stderr).toBe(0);
    const scanned = run(n.args('--full'));
    expect(scanned.code, scanned.stderr).toBe(0);
    expect(fileDone(unread.stdout)).toEqual(fileDone(scanned.stdout));
    expect(fileDone(unread.stdout)).toMatchObject({
      file: FILE, outcome: 'skipped', ingested_as: FILE, kind: 'payments', encoding: 'utf-8', rows_read: 0,
      bytes: statSync(join(n.inbox, FILE)).size,
    });
    // --full trusts no stamp: the file is scanned, so the failpoint stops the run.
    const full = recon(n.args('--full'), NO_SCAN);
    expect(full.code).not.toBe(0);
    expect(full.stderr).toContain('failpoint ingest-scanned:1');
    // recon ingest skips it unread too; with --rescan it reads it.
    const ingest = recon(['ingest', '--db', n.db, n.inbox], NO_SCAN);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain(`already ingested on`);
    const rescan = recon(['ingest', '--db', n.db, '--rescan', n.inbox], NO_SCAN);
    expect(rescan.code).not.toBe(0);
    expect(rescan.stderr).toContain('failpoint ingest-scanned:1');
  });

  it('reads a file rewritten in place again, even with its size and modification time put back', async () => {
    const n = await heldNight();
    const path = join(n.inbox, FILE);
    const before = statSync(path);
    writeFileSync(path, readFileSync(path, 'utf8').replace('350.00', '360.00'));
    utimesSync(path, OLD, OLD);
    expect([statSync(path).size, statSync(path).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    // Settled too: only its change time, which no program sets back, tells it from the file read before.
    await settled(path);
    const blind = recon(n.args(), NO_SCAN);
    expect(blind.code).not.toBe(0);
    expect(blind.stderr).toContain('failpoint ingest-scanned:1');
    const again = run(n.args());
    expect(again.code, again.stderr).toBe(0);
    expect(fileDone(again.stdout)).toMatchObject({ file: FILE, outcome: 'ingested', rows_read: 14 });
    expect(query<{ sha256: string }>(n.db, 'select sha256 from ingested_files order by ingested_at, sha256').map((r) => r.sha256))
      .toContain(sha256(readFileSync(path)));
    // The stamp kept is the new one, with the new bytes: the next night skips the file unread.
    expect(recon(n.args(), NO_SCAN).code).toBe(0);
  });

  it('keeps no stamp for a file that is not held: a file rejected whole is read again each night', async () => {
    const n = night([]);
    const path = join(n.inbox, 'empty.csv');
    writeFileSync(path, '');
    await settled(path);
    expect(run(n.args()).code).toBe(4);
    expect(stamps(n.db)).toBe(0);
    const next = recon(n.args(), NO_SCAN);
    expect(next.code).not.toBe(0);
    expect(next.stderr).toContain('failpoint ingest-scanned:1');
  });

  it('keeps no stamp for a file changed less than the settle time before the look, and keeps it the next night', async () => {
    const n = night([FILE]);
    // Just copied in: its change time is too recent, even with --settle 0 reading it at once (a settle time of
    // 30 s here, so that a slow machine's start cannot make the copy look settled).
    const young = { RECON_TEST_STAMP_SETTLE_MS: '30000' };
    expect(recon(n.args(), { env: young }).code).toBe(0);
    expect(stamps(n.db)).toBe(0);
    const early = recon(n.args(), { env: { ...young, RECON_FAILPOINT: 'ingest-scanned:1' } });
    expect(early.code).not.toBe(0);
    expect(early.stderr).toContain('failpoint ingest-scanned:1');
    await settled(join(n.inbox, FILE));
    expect(run(n.args()).code).toBe(0);
    expect(stamps(n.db)).toBe(1);
    expect(recon(n.args(), NO_SCAN).code).toBe(0);
  });
});
