import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv, writeText } from '../helpers/files.js';

/**
 * Spec 2.5 (v2): the employee-insurance enrollment list (职工医保参保名单) is a third kind of input, recognised
 * by its header (insured_from), read in English or Chinese headers, UTF-8 or GB18030, every line accounted
 * for as for the other kinds, every bad row a reject with its line and reason, and the same bytes read once.
 */
describe('the employee-insurance enrollment list', () => {
  const A = idNumber('360702', '19800101', '901');
  const B = idNumber('360702', '19850606', '941');
  const ZH = ['证件号码', '姓名', '参保地编码', '参保开始日期', '参保终止日期', '参保身份', '单位名称'];
  const EN = ['employer', 'insured_kind', 'insured_to', 'insured_from', 'region_code', 'name', 'id_number'];
  const stored = (db: string) => query(db, 'select id_number, region_code, insured_from, name, insured_to, insured_kind, employer from employee_enrollments order by id_number, region_code, insured_from');

  describe('headers and encodings', () => {
    const dir = tmp();
    const zhRows = [ZH, [A, '陈某己', '360702', '2023-03-01', '2023-06-30', '在职职工', '赣州某某物流有限公司'], [B, '欧阳某甲', '360702', '2018/7/1', '', '退休人员', '']];
    const enRows = [EN, ...zhRows.slice(1).map((r) => [r[6]!, r[5]!, r[4]!, r[3]!, r[2]!, r[1]!, r[0]!])];
    const files = {
      'zh-gb18030.csv': writeCsv(join(dir, 'zh-gb18030.csv'), zhRows, { encoding: 'gb18030', eol: '\r\n' }),
      'zh-utf8-bom.csv': writeCsv(join(dir, 'zh-utf8-bom.csv'), zhRows, { bom: true }),
      'en-utf8.csv': writeCsv(join(dir, 'en-utf8.csv'), enRows),
      'en-gb18030.csv': writeCsv(join(dir, 'en-gb18030.csv'), enRows, { encoding: 'gb18030' }),
    };
    const expected = [
      { id_number: A, region_code: '360702', insured_from: '2023-03-01', name: '陈某己', insured_to: '2023-06-30', insured_kind: 'employee', employer: '赣州某某物流有限公司' },
      { id_number: B, region_code: '360702', insured_from: '2018-07-01', name: '欧阳某甲', insured_to: null, insured_kind: 'retiree', employer: '' },
    ];

    for (const [name, path] of Object.entries(files)) {
      it(`${name}: recognised as an employee list and stored the same`, () => {
        const db = testDb(tmp());
        const r = recon(['ingest', '--db', db, path]);
        expect(r.code, r.stderr).toBe(0);
        const encoding = name.includes('gb18030') ? 'gb18030' : name.includes('bom') ? 'utf-8-bom' : 'utf-8';
        expect(r.stdout).toMatch(new RegExp(`^employees +${encoding} +read 2 / accepted 2 / repeats 0 / rejected 0 +${name}`, 'm'));
        expect(stored(db)).toEqual(expected);
        expect(query(db, 'select kind, encoding from ingested_files')).toEqual([{ kind: 'employees', encoding }]);
      });
    }
  });

  describe('bad rows and the accounting', () => {
    let db: string;
    let stdout: string;
    let manifest: { inputs: Record<string, unknown>[] };
    beforeAll(() => {
      const dir = tmp();
      db = testDb(dir);
      const inbox = join(dir, 'inbox');
      mkdirSync(inbox);
      // The fixture's bad rows (scripts/make-fixtures.mjs), with no reject-rate limit: each row read alone.
      copyFileSync(join(ROOT, 'fixtures/bad/employees-bad-rows.csv'), join(inbox, 'employees-bad-rows.csv'));
      const r = recon(['run', '--inbox', inbox, '--out', join(dir, 'out'), '--db', db, '--policies', join(ROOT, 'fixtures/policies'),
        '--as-of', '2023-03-15', '--settle', '0', '--log', 'text', '--max-reject-rate', '1']);
      expect(r.code, r.stderr).toBe(0);
      stdout = r.stderr; // the text log's file lines
      manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as typeof manifest;
    });

    it('reads 9 rows: 1 accepted, 1 repeat, 7 rejected, and says so', () => {
      expect(stdout).toMatch(/^ {2}employees read 9 \/ accepted 1 \/ repeats 1 \/ rejected 7 +employees-bad-rows\.csv/m);
      const [f] = query<{ rows_read: number; accepted: number; repeats: number; rejected: number }>(db, 'select rows_read, accepted, repeats, rejected from ingested_files');
      expect(f!.rows_read).toBe(f!.accepted + f!.repeats + f!.rejected);
      expect(query(db, 'select count(*) as n from employee_enrollments')).toEqual([{ n: 1 }]);
      // The manifest's record of the file: its kind and counts; no control totals (no money in an employee list).
      expect(manifest.inputs).toEqual([expect.objectContaining({
        name: 'employees-bad-rows.csv', kind: 'employees', encoding: 'utf-8', status: 'ingested', rows_read: 9, accepted: 1, updated: 0,
        repeats: 1, rejected: 7, control_totals: {},
      })]);
    });

    it('rejects every bad row with its line, the reason codes of the other kinds, and its raw text', () => {
      const rows = query<{ line: number; kind: string; reason: string; detail: string; raw: string }>(db, 'select line, kind, reason, detail, raw from rejected_rows order by line');
      expect(rows.map((r) => [r.line, r.kind, r.reason])).toEqual([
        [3, 'employees', 'BAD_ID_NUMBER'], [4, 'employees', 'BAD_REGION_CODE'], [5, 'employees', 'BAD_DATE'], [6, 'employees', 'BAD_DATE'],
        [7, 'employees', 'BAD_CATEGORY'], [8, 'employees', 'MISSING_FIELD'], [10, 'employees', 'MALFORMED_ROW'],
      ]);
      expect(rows[0]!.detail).toMatch(/^id_number looks damaged by a spreadsheet: it is in scientific notation/);
      expect(rows[0]!.raw).toContain('3.60702E+17');
      expect(rows[2]!.detail).toBe('insured_from "2021-02-30" is not a valid date');
      expect(rows[3]!.detail).toBe('insured_to 2020-12-31 is before insured_from 2021-01-01');
      expect(rows[4]!.detail).toBe('insured_kind "公务员" is unknown (employee, retiree, flexible)');
      expect(rows[5]!.detail).toBe('empty: name');
    });
  });

  it('a file with too many bad rows is rejected whole: its rows listed, none kept', () => {
    const db = testDb(tmp());
    const r = recon(['ingest', '--db', db, join(ROOT, 'fixtures/bad/employees-bad-rows.csv')]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/read 9 \/ accepted 0 \/ repeats 0 \/ rejected 9 +employees-bad-rows\.csv +REJECTED TOO_MANY_REJECTS \(7 of 9 rows rejected/);
    expect(query(db, 'select count(*) as n from employee_enrollments')).toEqual([{ n: 0 }]);
    expect(query<{ line: number }>(db, 'select line from rejected_rows order by line').map((x) => x.line)).toEqual([0, 3, 4, 5, 6, 7, 8, 10]);
  });

  it('a file with insured_from and another kind\'s marking column is UNRECOGNISED_FILE, naming the kinds', () => {
    const dir = tmp();
    const db = testDb(dir);
    const path = writeText(join(dir, 'two-kinds.csv'), `id_number,name,region_code,category,effective_from,insured_from\n${A},陈某己,360702,低保,2022-01-01,2022-01-01\n`);
    const r = recon(['ingest', '--db', db, path]);
    expect(r.code).toBe(4);
    expect(query(db, 'select reason, detail from rejected_rows')).toEqual([{
      reason: 'UNRECOGNISED_FILE', detail: 'header has both effective_from (roster) and insured_from (employees) columns: a file is of one kind',
    }]);
  });

  it('is read once: the same bytes again, under any name, are skipped and change nothing', () => {
    const dir = tmp();
    const db = testDb(dir);
    const first = writeCsv(join(dir, 'employees-2023-02.csv'), [ZH, [A, '陈某己', '360702', '2023-03-01', '', '在职', '']], { encoding: 'gb18030' });
    expect(recon(['ingest', '--db', db, first]).code).toBe(0);
    const before = { rows: stored(db), files: query(db, 'select sha256, file_name, accepted from ingested_files') };
    const copy = join(dir, 'copy-of-february.csv');
    copyFileSync(first, copy);
    for (const path of [first, copy]) {
      const again = recon(['ingest', '--db', db, path]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/read 0 \/ accepted 0 \/ repeats 0 \/ rejected 0 .*already ingested on .* as employees-2023-02\.csv: skipped/);
    }
    expect({ rows: stored(db), files: query(db, 'select sha256, file_name, accepted from ingested_files') }).toEqual(before);
    expect(readFileSync(first).equals(readFileSync(copy))).toBe(true);
  });
});
