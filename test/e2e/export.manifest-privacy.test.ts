import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, PAYMENT_HEADER, tmp } from '../helpers/files.js';

/**
 * manifest.json lists a file's extra columns by name (spec 2), and must hold no personal data: a header
 * line that carries data (glued to a data row, or extra cells that are values) must not put an ID number or
 * a name into it. Such a cell is listed as "(column N: looks like data, not listed)".
 */
describe('manifest.json lists extra columns without the data a header line may carry', () => {
  const headerId = idNumber('360702', '19770707', '321');
  const header = [...PAYMENT_HEADER, '备注', headerId, '王小明', '2022-11-01', '350.00', '高校类别'];
  const row = `MP1,${idNumber('360702', '19800101', '101')},陈某己,360702,2023,350.00,2022-10-08,,,,,,`;
  let db: string;
  let out: string;
  let result: CliResult;
  beforeAll(() => {
    const root = tmp('recon-manifest-privacy-');
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'p.csv'), `${header.join(',')}\n${row}\n`);
    db = testDb(join(root, 'data'));
    out = join(root, 'out', 'latest');
    result = recon(['run', '--inbox', inbox, '--out', out, '--db', db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0']);
  });

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
});
