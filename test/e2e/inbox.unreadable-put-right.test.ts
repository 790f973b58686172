import { copyFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { FIXTURE_INBOX, night, type Night } from '../helpers/run.js';

const GOOD = 'tax-ganzhou-2022-10.csv';

/**
 * An entry rejected as UNREADABLE_FILE (here a dangling link) that the sender then puts right: once an entry
 * of that name is read (ingested, or skipped as bytes already held), its unreadable reject is gone, from
 * rejects.csv and from the database, so that neither the run nor a later `recon export` exits 4 for it.
 */
describe('an unreadable entry put right is no longer listed', () => {
  let n: Night;
  const lineZero = () => readCsv(join(n.out, 'rejects.csv')).filter((r) => r.line === '0').map((r) => [r.file, r.reason]);
  beforeAll(() => {
    n = night([GOOD]);
    symlinkSync(join(n.inbox, 'not-yet.csv'), join(n.inbox, 'tax.csv'));
    symlinkSync(join(n.inbox, 'not-yet.csv'), join(n.inbox, 'tax-copy.csv'));
  });

  it('is rejected while the link dangles (exit 4)', () => {
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(4);
    expect(lineZero()).toEqual([['tax-copy.csv', 'UNREADABLE_FILE'], ['tax.csv', 'UNREADABLE_FILE']]);
  });

  it('once the real files are there (one new, one a copy of bytes held): exit 0, rejects.csv clean, export exit 0', () => {
    rmSync(join(n.inbox, 'tax.csv'));
    copyFileSync(join(FIXTURE_INBOX, 'tax-chongqing-2022-11.csv'), join(n.inbox, 'tax.csv')); // ingested
    rmSync(join(n.inbox, 'tax-copy.csv'));
    copyFileSync(join(FIXTURE_INBOX, GOOD), join(n.inbox, 'tax-copy.csv')); // skipped: its bytes are held
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    expect(lineZero()).toEqual([]);
    expect(query(n.db, "select file_name from ingested_files where reject_reason = 'UNREADABLE_FILE'")).toEqual([]);
    expect(query(n.db, 'select file_name from rejected_rows where line = 0')).toEqual([]);
    const exported = recon(['export', '--db', n.db, '--out', n.out]);
    expect(exported.code, exported.stderr).toBe(0);
  });
});
