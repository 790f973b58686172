import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, PAYMENT_HEADER, tmp } from '../helpers/files.js';

const payments = (...rows: number[]) => [PAYMENT_HEADER.join(','), ...rows.map(row)].join('\n') + '\n';
const row = (n: number) => `RC${n},${idNumber('360702', '19800101', String(100 + n))},陈某己,360702,2023,350.00,2022-10-08`;

/**
 * Should the read worker still die on a file (out of memory, a bug), that file is rejected whole
 * (UNREADABLE_FILE, none of its rows kept) and the night goes on with the next file, ending with exit 4.
 * RECON_FAILPOINT=read-record:N makes the worker fail at its Nth record of a file: `oom` by exhausting its
 * heap. One worker thread reads the night's files (src/ingest/read-thread.ts); after one dies, the next file
 * has a new one.
 */
describe('a read worker that dies rejects its file, not the night', () => {
  for (const [how, mode] of [['runs out of memory', 'oom'], ['throws', 'throw']] as const) {
    it(`the worker ${how}: the file is UNREADABLE_FILE, the next file is ingested, exit 4, run done_with_rejected_files`, () => {
      const root = tmp('recon-reader-crash-');
      const inbox = join(root, 'inbox');
      mkdirSync(inbox);
      writeFileSync(join(inbox, 'a.csv'), payments(1, 2, 3));
      writeFileSync(join(inbox, 'b.csv'), payments(4));
      const db = testDb(join(root, 'data'));
      const result = recon(
        ['run', '--inbox', inbox, '--out', join(root, 'out', 'latest'), '--db', db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0'],
        // The 3rd record a file's reader frames (the header is the 1st): a.csv dies after its first row; b.csv has only 2.
        { env: { RECON_FAILPOINT: `read-record:3:${mode}` } },
      );
      expect(result.code, result.stderr).toBe(4);
      expect(query(db, 'select status, exit_code from runs')).toEqual([{ status: 'done_with_rejected_files', exit_code: 4 }]);
      expect(query(db, 'select file_name, status, reject_reason, rows_read from ingested_files order by file_name')).toEqual([
        { file_name: 'a.csv', status: 'rejected', reject_reason: 'UNREADABLE_FILE', rows_read: 0 },
        { file_name: 'b.csv', status: 'ingested', reject_reason: null, rows_read: 1 },
      ]);
      expect(query(db, 'select txn_id from payments')).toEqual([{ txn_id: 'RC4' }]);
      const [reject] = query<{ line: number; detail: string }>(db, 'select line, detail from rejected_rows');
      expect(reject).toMatchObject({ line: 0, detail: expect.stringContaining(mode === 'oom' ? 'ran out of memory' : 'the reader failed (Error)') });
    }, 60_000);
  }

  it('a worker reused from an earlier file counts that file\'s records afresh, and dies on the file it fails on only', () => {
    const root = tmp('recon-reader-crash-');
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    // a.csv and b.csv (2 records each) are read whole by the night's worker, which then dies at c.csv's 3rd
    // record, not at the night's 3rd (b.csv's header); d.csv is read by a new one.
    writeFileSync(join(inbox, 'a.csv'), payments(1));
    writeFileSync(join(inbox, 'b.csv'), payments(2));
    writeFileSync(join(inbox, 'c.csv'), payments(3, 4));
    writeFileSync(join(inbox, 'd.csv'), payments(5));
    const db = testDb(join(root, 'data'));
    const result = recon(['ingest', '--db', db, inbox], { env: { RECON_FAILPOINT: 'read-record:3:throw' } });
    expect(result.code, result.stderr).toBe(4);
    expect(query(db, 'select file_name, status, reject_reason, rows_read from ingested_files order by file_name')).toEqual([
      { file_name: 'a.csv', status: 'ingested', reject_reason: null, rows_read: 1 },
      { file_name: 'b.csv', status: 'ingested', reject_reason: null, rows_read: 1 },
      { file_name: 'c.csv', status: 'rejected', reject_reason: 'UNREADABLE_FILE', rows_read: 0 },
      { file_name: 'd.csv', status: 'ingested', reject_reason: null, rows_read: 1 },
    ]);
    expect(query(db, 'select txn_id from payments order by txn_id')).toEqual([{ txn_id: 'RC1' }, { txn_id: 'RC2' }, { txn_id: 'RC5' }]);
  }, 60_000);
});
