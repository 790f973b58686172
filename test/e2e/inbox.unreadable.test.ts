import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { logEvents, night, type Night } from '../helpers/run.js';

const NOBODY = 65534;
const GOOD = 'tax-ganzhou-2022-10.csv';

/** A payments file whose one txn_id is recognisable, so a test can tell whether it was read. */
const onePayment = (txnId: string) =>
  `txn_id,id_number,name,region_code,coverage_year,amount,paid_at\n${txnId},360702199204129089,周某甲,360702,2023,350.00,20221012\n`;

describe('inbox entries that are not readable regular files: rejected whole or said, never stopping the night', () => {
  const asRoot = process.getuid?.() === 0;
  const as = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
  const run = () => recon(n.args(), { ...as, timeout: 60_000 });
  let n: Night;
  let first: CliResult;
  let done: Record<string, unknown>[];
  beforeAll(() => {
    n = night([GOOD]);
    // Outside the inbox, with recognisable content: a link to it must never be followed.
    writeFileSync(join(n.root, 'outside.csv'), onePayment('OUTSIDE1'));
    symlinkSync(join(n.root, 'outside.csv'), join(n.inbox, 'a-link-out.csv'));
    symlinkSync(join(n.inbox, 'gone.csv'), join(n.inbox, 'b-dangling.csv'));
    execFileSync('mkfifo', [join(n.inbox, 'c-fifo.csv')]);
    // A sub-folder: not read (the inbox is flat), but said; a link to a file inside the inbox is read.
    mkdirSync(join(n.inbox, 'd-folder'));
    writeFileSync(join(n.inbox, 'd-folder', 'inner.csv'), onePayment('INSIDE1'));
    symlinkSync(join(n.inbox, 'd-folder', 'inner.csv'), join(n.inbox, 'e-link-in.csv'));
    writeFileSync(join(n.inbox, 'f-locked.csv'), onePayment('LOCKED1'));
    chmodSync(join(n.inbox, 'f-locked.csv'), 0o000);
    // Root reads whatever the permission bits say: run as an unprivileged user then, in a tree it may use.
    if (asRoot) {
      execFileSync('chmod', ['-R', 'a+rwX', n.root]);
      chmodSync(join(n.inbox, 'f-locked.csv'), 0o000);
    }
    first = run();
    done = logEvents(first.stdout).filter((e) => e.event === 'file_done');
  });

  it('rejects each whole as UNREADABLE_FILE with why, reads the other files, and exits 4', () => {
    expect(first.code, first.stderr).toBe(4);
    expect(done.map((e) => [e.file, e.outcome, e.reject_reason, e.reject_detail])).toEqual([
      ['a-link-out.csv', 'rejected', 'UNREADABLE_FILE', 'a link out of the inbox'],
      ['b-dangling.csv', 'rejected', 'UNREADABLE_FILE', 'a dangling link'],
      ['c-fifo.csv', 'rejected', 'UNREADABLE_FILE', 'not a regular file'],
      ['e-link-in.csv', 'ingested', null, null],
      ['f-locked.csv', 'rejected', 'UNREADABLE_FILE', 'permission denied'],
      [GOOD, 'ingested', null, null],
    ]);
    expect(logEvents(first.stdout).filter((e) => e.event === 'entry_skipped').map((e) => [e.file, e.reason])).toEqual([['d-folder', 'a folder']]);
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
    expect(manifest.skipped_entries).toEqual([{ name: 'd-folder', reason: 'a folder' }]);
  });

  it('never reads a link\'s target outside the inbox; reads one inside it', () => {
    const txns = query<{ txn_id: string }>(n.db, 'select txn_id from payments order by txn_id').map((r) => r.txn_id);
    expect(txns).toContain('INSIDE1');
    expect(txns).not.toContain('OUTSIDE1');
    expect(txns).not.toContain('LOCKED1');
  });

  it('lists each in rejects.csv (line 0) once, and a rerun replaces rather than adds rows', () => {
    const lineZero = () => readCsv(join(n.out, 'rejects.csv')).filter((r) => r.line === '0').map((r) => [r.file, r.reason, r.detail]);
    const expected = [
      ['a-link-out.csv', 'UNREADABLE_FILE', 'a link out of the inbox'],
      ['b-dangling.csv', 'UNREADABLE_FILE', 'a dangling link'],
      ['c-fifo.csv', 'UNREADABLE_FILE', 'not a regular file'],
      ['f-locked.csv', 'UNREADABLE_FILE', 'permission denied'],
    ];
    expect(lineZero()).toEqual(expected);
    const files = () => query(n.db, "select file_name, status from ingested_files where reject_reason = 'UNREADABLE_FILE' order by file_name");
    const before = files();
    expect(before).toHaveLength(4);
    expect(run().code).toBe(4);
    expect(lineZero()).toEqual(expected);
    expect(files()).toEqual(before);
  });

  it('`recon ingest DIR` judges the folder\'s entries the same way', () => {
    const db = join(n.root, 'ingest.sqlite');
    const r = recon(['ingest', '--db', ENGINE === 'sqlite' ? db : n.db, n.inbox], { ...as, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/b-dangling\.csv +REJECTED UNREADABLE_FILE \(a dangling link\)$/m);
    expect(r.stdout).toMatch(/^skipped +d-folder +\(a folder: not read\)$/m);
  });
});
