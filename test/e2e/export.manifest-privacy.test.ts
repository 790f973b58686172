import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { idNumber, join, PAYMENT_HEADER } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * manifest.json lists a file's extra columns by name (spec 2), and must hold no personal data: a header
 * line that carries data (glued to a data row, or extra cells that are values) must not put an ID number or
 * a name into it. When one unmapped cell of a header line looks like data, none of its unmapped cells is
 * listed: each is "(column N: not listed, the header line carries data)", so a name the cell-by-cell test
 * would miss (阿依古丽: no common surname) is hidden too. A header without data keeps its names.
 */
describe('manifest.json lists extra columns without the data a header line may carry', () => {
  const headerId = idNumber('360702', '19770707', '321');
  const header = [...PAYMENT_HEADER, '备注', headerId, '王小明', '2022-11-01', '350.00', '阿依古丽'];
  const row = `MP1,${idNumber('360702', '19800101', '101')},陈某己,360702,2023,350.00,2022-10-08,,,,,,`;
  let db: string;
  let out: string;
  let result: CliResult;
  beforeAll(() => {
    const n = night([]);
    writeFileSync(join(n.inbox, 'p.csv'), `${header.join(',')}\n${row}\n`);
    ({ db, out } = n);
    result = recon(n.args());
  });

  it('lists none of the unmapped cells of a header line that carries data, by their column number only', () => {
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: { extra_columns: string[] }[] };
    expect(manifest.inputs[0]!.extra_columns).toEqual([8, 9, 10, 11, 12, 13].map((n) => `(column ${n}: not listed, the header line carries data)`));
  });

  it('keeps the names of genuine extra columns', () => {
    const n = night([]);
    writeFileSync(join(n.inbox, 'p.csv'), `${[...PAYMENT_HEADER, '备注', '高校类别'].join(',')}\n${row.split(',').slice(0, 9).join(',')}\n`);
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')) as { inputs: { extra_columns: string[] }[] };
    expect(manifest.inputs[0]!.extra_columns).toEqual(['备注', '高校类别']);
  });

  it('puts neither the ID number nor the name in the manifest, the database record or the log', () => {
    const stored = query<{ extra_columns: string }>(db, 'select extra_columns from ingested_files')[0]!.extra_columns;
    for (const text of [readFileSync(join(out, 'manifest.json'), 'utf8'), stored, result.stdout, result.stderr]) {
      expect(text).not.toContain(headerId);
      expect(text).not.toContain('王小明');
      expect(text).not.toContain('阿依古丽');
    }
  });
});
