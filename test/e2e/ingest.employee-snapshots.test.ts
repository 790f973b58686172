import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

/**
 * Spec 2.5 (v2): employee lists arrive as monthly snapshots. Natural key (id_number, region_code,
 * insured_from): a repeat is counted, not stored twice; a later file that adds insured_to updates the row
 * (recording the file and line); a blank never clears it; so the order the files arrive in does not matter.
 */
describe('employee-list snapshots', () => {
  const H = ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'];
  const A = idNumber('360702', '19800101', '901');
  const B = idNumber('360702', '19850606', '941');
  const row = (id: string, to: string, region = '360702', from = '2023-03-01') => [id, '某甲', region, from, to, '在职', '某公司'];

  function files() {
    const dir = tmp();
    return {
      dir,
      // March: both still insured. July: A's insured_to added, B repeated as it was, A in another region too.
      march: writeCsv(join(dir, 'employees-2023-03.csv'), [H, row(A, ''), row(B, '')]),
      july: writeCsv(join(dir, 'employees-2023-07.csv'), [H, row(B, ''), row(A, '2023-06-30'), row(A, '', '360100', '2023-07-01')]),
    };
  }
  const ends = (db: string) => query(db, 'select id_number, region_code, insured_from, insured_to from employee_enrollments order by id_number, region_code');
  const expected = [
    { id_number: A, region_code: '360100', insured_from: '2023-07-01', insured_to: null },
    { id_number: A, region_code: '360702', insured_from: '2023-03-01', insured_to: '2023-06-30' },
    { id_number: B, region_code: '360702', insured_from: '2023-03-01', insured_to: null },
  ];

  it('in order: the later snapshot adds insured_to (accepted, updated), repeats are counted, the new key stored', () => {
    const { dir, march, july } = files();
    const db = testDb(dir);
    expect(recon(['ingest', '--db', db, march]).stdout).toMatch(/read 2 \/ accepted 2 \/ repeats 0 \/ rejected 0/);
    expect(recon(['ingest', '--db', db, july]).stdout).toMatch(/read 3 \/ accepted 2 \/ repeats 1 \/ rejected 0/);
    expect(ends(db)).toEqual(expected);
    expect(query(db, "select updated_line, source_line from employee_enrollments where insured_to is not null")).toEqual([{ updated_line: 3, source_line: 2 }]);
    expect(query(db, "select updated from ingested_files where file_name = 'employees-2023-07.csv'")).toEqual([{ updated: 1 }]);
  });

  it('out of order: the older snapshot read last is all repeats and its blank never clears the end held', () => {
    const { dir, march, july } = files();
    const db = testDb(dir);
    expect(recon(['ingest', '--db', db, july]).stdout).toMatch(/read 3 \/ accepted 3 \/ repeats 0 \/ rejected 0/);
    expect(recon(['ingest', '--db', db, march]).stdout).toMatch(/read 2 \/ accepted 0 \/ repeats 2 \/ rejected 0/);
    expect(ends(db)).toEqual(expected);
  });

  it('inside one file: a blank after an end is a repeat, a corrected end updates it again, and the last end read stays', () => {
    const dir = tmp();
    const db = testDb(dir);
    const one = writeCsv(join(dir, 'employees.csv'), [H, row(A, ''), row(A, '2023-05-31'), row(A, ''), row(A, '2023-05-31'), row(A, '2023-06-30')]);
    expect(recon(['ingest', '--db', db, one]).stdout).toMatch(/read 5 \/ accepted 3 \/ repeats 2 \/ rejected 0/);
    expect(query(db, 'select insured_to, source_line, updated_line from employee_enrollments')).toEqual([{ insured_to: '2023-06-30', source_line: 2, updated_line: 6 }]);
  });

  it('other differences in a repeat (name, kind, employer) keep the first', () => {
    const dir = tmp();
    const db = testDb(dir);
    const first = writeCsv(join(dir, 'a.csv'), [H, [A, '陈某己', '360702', '2023-03-01', '', '在职', '甲公司']]);
    const second = writeCsv(join(dir, 'b.csv'), [H, [A, '陈某', '360702', '2023-03-01', '', '灵活就业', '乙公司']]);
    recon(['ingest', '--db', db, first]);
    expect(recon(['ingest', '--db', db, second]).stdout).toMatch(/read 1 \/ accepted 0 \/ repeats 1/);
    expect(query(db, 'select name, insured_kind, employer from employee_enrollments')).toEqual([{ name: '陈某己', insured_kind: 'employee', employer: '甲公司' }]);
  });
});
