import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, PAYMENT_HEADER, tmp } from '../helpers/files.js';
import { looksLikeData } from '../../src/normalise/looks-like-data.js';

/**
 * manifest.json lists a file's extra columns by name (spec 2), and must hold no personal data: a header
 * line that carries data (glued to a data row, or extra cells that are values) must not put an ID number or
 * a name into it. Such a cell is listed as "(column N: looks like data, not listed)".
 */
describe('manifest.json lists extra columns without the data a header line may carry', () => {
  const root = tmp('recon-manifest-privacy-');
  const inbox = join(root, 'inbox');
  mkdirSync(inbox);
  const headerId = idNumber('360702', '19770707', '321');
  const header = [...PAYMENT_HEADER, '备注', headerId, '王小明', '2022-11-01', '350.00', '高校类别'];
  const row = `MP1,${idNumber('360702', '19800101', '101')},陈某己,360702,2023,350.00,2022-10-08,,,,,,`;
  writeFileSync(join(inbox, 'p.csv'), `${header.join(',')}\n${row}\n`);
  const db = testDb(join(root, 'data'));
  const out = join(root, 'out', 'latest');
  const result = recon(['run', '--inbox', inbox, '--out', out, '--db', db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0']);

  it('keeps genuine extra column names and replaces cells that look like data by their column number', () => {
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: { extra_columns: string[] }[] };
    expect(manifest.inputs[0]!.extra_columns).toEqual([
      '备注', '(column 9: looks like data, not listed)', '(column 10: looks like data, not listed)',
      '(column 11: looks like data, not listed)', '(column 12: looks like data, not listed)', '高校类别',
    ]);
  });

  it('puts neither the ID number nor the name in the manifest, the database record or the log', () => {
    const stored = query<{ extra_columns: string }>(db, 'select extra_columns from ingested_files')[0]!.extra_columns;
    for (const text of [readFileSync(join(out, 'manifest.json'), 'utf8'), stored, result.stdout, result.stderr]) {
      expect(text).not.toContain(headerId);
      expect(text).not.toContain('王小明');
    }
  });

  it('tells values from column names', () => {
    const data = [headerId, '36070219770707321', '13912345678', '2023/1/5', '2023年1月', '350.00', '¥1,350', '-20', '王小明', '陈某己', '欧阳娜娜', '李明'];
    const names = ['备注', 'note', 'channel_2', '缴费金额', '金额', '高校类别', '张数', '民政', '特困供养人员', '柜台', '认定部门', '第2档'];
    expect(data.filter((c) => !looksLikeData(c))).toEqual([]);
    expect(names.filter((c) => looksLikeData(c))).toEqual([]);
  });
});
