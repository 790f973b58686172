import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { join, tmp } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('one file is one transaction', () => {
  it('a failure in the middle of a file leaves nothing of it stored, and a rerun loads it whole', () => {
    const db = testDb(tmp());
    const first = join(ROOT, 'fixtures/inbox/tax-chongqing-2022-11.csv');
    const file = join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv');
    expect(recon(['ingest', '--db', db, first]).code).toBe(0);

    const failed = recon(['ingest', '--db', db, file], { env: { RECON_FAILPOINT: 'ingest-row:9' } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('failpoint ingest-row:9 triggered');
    expect(query(db, "select count(*) n from payments where txn_id like 'GZ%'")).toEqual([{ n: 0 }]);
    expect(query(db, 'select count(*) n from payments')).toEqual([{ n: 4 }]);
    expect(query(db, 'select file_name from ingested_files')).toEqual([{ file_name: 'tax-chongqing-2022-11.csv' }]);

    const rerun = recon(['ingest', '--db', db, file]);
    expect(rerun.code).toBe(0);
    expect(query(db, "select count(*) n from payments where txn_id like 'GZ%'")).toEqual([{ n: 17 }]);
  });

  it('a process killed with SIGKILL mid-file leaves nothing of the file', () => {
    const db = testDb(tmp());
    const file = join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv');
    const killed = recon(['ingest', '--db', db, file], { env: { RECON_FAILPOINT: 'ingest-row:9:kill' } });
    expect(killed.code).toBe(-1); // killed by a signal: no exit status
    expect(query(db, 'select count(*) n from payments')).toEqual([{ n: 0 }]);
    expect(query(db, 'select count(*) n from ingested_files')).toEqual([{ n: 0 }]);
  });
});
