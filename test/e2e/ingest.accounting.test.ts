import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { join, tmp } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

type FileRow = { file_name: string; status: string; rows_read: number; accepted: number; updated: number; repeats: number; rejected: number; kind: 'payments' | 'roster' | 'employees' };

describe('ingest accounts for every line of every file', () => {
  const inbox = join(ROOT, 'fixtures/inbox');
  const bad = join(ROOT, 'fixtures/bad');
  let db: string;
  let result: CliResult;
  beforeAll(() => {
    db = testDb(tmp());
    // The three files of bad rows are meant to be read row by row: load them first with no reject-rate limit,
    // then everything (those three are then skipped as already ingested).
    recon(['ingest', '--db', db, '--max-reject-rate', '1', ...['payments-every-reason.csv', 'roster-bad-rows.csv', 'employees-bad-rows.csv'].map((f) => join(bad, f))]);
    result = recon(['ingest', '--db', db, inbox, bad]);
  });

  it('prints one line per file with kind, encoding and counts, and exits 4 (files were rejected whole)', () => {
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(readdirSync(inbox).length + readdirSync(bad).length);
    expect(result.stdout).toMatch(/^payments +gb18030 +read 17 \/ accepted 17 \/ repeats 0 \/ rejected 0 +tax-ganzhou-2022-10\.csv$/m);
    expect(result.stdout).toMatch(/^payments +utf-8-bom +read 4 \/ accepted 4 \/ repeats 0 \/ rejected 0 +tax-chongqing-2022-11\.csv$/m);
    expect(result.stdout).toMatch(/read 10 \/ accepted 0 \/ repeats 0 \/ rejected 10 +mis-mapped\.csv +REJECTED TOO_MANY_REJECTS \(7 of 10 rows rejected/m);
    expect(result.code).toBe(4);
  });

  it('holds rows read = accepted + repeats + rejected per file, and the tables agree with the counts', () => {
    const files = query<FileRow & { sha256: string }>(db, 'select * from ingested_files');
    for (const f of files) expect(f.rows_read, f.file_name).toBe(f.accepted + f.repeats + f.rejected);
    for (const f of files.filter((x) => x.status === 'ingested')) {
      const rejects = query<{ n: number }>(db, 'select count(*) n from rejected_rows where file_sha256 = ? and line > 0', f.sha256)[0]!.n;
      expect(rejects, f.file_name).toBe(f.rejected);
      const table = { payments: 'payments', roster: 'roster_entries', employees: 'employee_enrollments' }[f.kind]!;
      const stored = query<{ n: number }>(db, `select count(*) n from ${table} where source_sha256 = ?`, f.sha256)[0]!.n;
      // Snapshot rows (roster, employees) that updated a held end date are accepted but stored under an earlier line.
      if (f.kind === 'payments') expect(stored, f.file_name).toBe(f.accepted);
      else expect(stored, f.file_name).toBe(f.accepted - f.updated);
    }
  });

  it('stores a file rejected whole once, with line 0 and no rows', () => {
    const whole = query<{ file_name: string; reason: string; line: number }>(
      db, 'select file_name, reason, line from rejected_rows where line = 0 order by file_name',
    );
    expect(whole.map((r) => [r.file_name, r.reason])).toEqual([
      ['empty.csv', 'EMPTY_FILE'],
      ['header-only.csv', 'EMPTY_FILE'],
      ['mis-mapped.csv', 'TOO_MANY_REJECTS'],
      ['undecodable.csv', 'UNDECODABLE_FILE'],
      ['unrecognised.csv', 'UNRECOGNISED_FILE'],
      ['utf16.csv', 'UNDECODABLE_FILE'],
    ]);
    expect(query(db, "select p.txn_id from payments p join ingested_files f on f.sha256 = p.source_sha256 where f.file_name = 'mis-mapped.csv'")).toEqual([]);
  });

  it('rejects each bad row with its line, reason and raw text, and keeps the rows after them', () => {
    const rows = query<{ line: number; reason: string; raw: string }>(
      db, "select line, reason, raw from rejected_rows where file_name = 'payments-every-reason.csv' order by line",
    );
    expect(rows.map((r) => [r.line, r.reason])).toEqual([
      [3, 'MALFORMED_ROW'], [4, 'MISSING_FIELD'], [5, 'BAD_ID_NUMBER'], [6, 'BAD_REGION_CODE'], [7, 'BAD_AMOUNT'],
      [8, 'BAD_DATE'], [9, 'BAD_YEAR'], [10, 'BAD_CATEGORY'], [11, 'BAD_PAYER_TYPE'], [12, 'BAD_TIER'],
      [13, 'CONFLICTING_TXN_ID'], [15, 'MALFORMED_ROW'],
    ]);
    expect(rows[4]!.raw).toContain('35O.00');
    expect(query(db, "select txn_id, source_line, amount_fen from payments where txn_id in ('B01','B13') order by txn_id")).toEqual([
      { txn_id: 'B01', source_line: 2, amount_fen: 35000 },
      { txn_id: 'B13', source_line: 16, amount_fen: 35000 },
    ]);
  });

  it('normalises full-width digits and a legacy 15-digit number on the way in', () => {
    expect(query(db, "select amount_fen from payments where txn_id = 'MX2022101205'")).toEqual([{ amount_fen: 35000 }]);
    const legacy = query<{ id_number: string }>(db, "select id_number from payments where txn_id = 'MX2023021502'")[0]!;
    expect(legacy.id_number).toMatch(/^36070219651231925[\dX]$/);
  });
});
