import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { findId, join, PAYMENT_HEADER, writeCsv } from '../helpers/files.js';
import { night, type Night } from '../helpers/run.js';
import { checkCharacter } from '../../src/normalise/id-number.js';

/**
 * Spec 2.3/2.4: a payments file whose ID column a spreadsheet turned into numbers (3.60702E+17, or the last
 * three digits 000) has most of its rows rejected BAD_ID_NUMBER and is rejected whole; the line-0 cause
 * says what happened to the ID column and how to export it as text, not that the columns are mis-mapped.
 */
describe('TOO_MANY_REJECTS of ID numbers a spreadsheet damaged names that cause', () => {
  let n: Night;
  let run: CliResult;
  let rejects: Record<string, string>[];
  beforeAll(() => {
    n = night([]);
    const ids = [1, 2, 3, 4, 5, 6].map((k) => findId('360702', `1990030${k}`, (id) => checkCharacter(id.slice(0, 15) + '000') !== '0'));
    const row = (txn: string, id: string) => [txn, id, '钱某甲', '360702', '2023', '350.00', '2022-10-08'];
    writeCsv(join(n.inbox, 'from-excel.csv'), [
      PAYMENT_HEADER,
      row('S1', ids[0]!), row('S2', ids[1]!), // intact
      row('S3', '3.60702E+17'), row('S4', '3.60702E+17'), row('S5', '3.60702E+17'),
      ...ids.slice(2).map((id, i) => row(`S${6 + i}`, id.slice(0, 15) + '000')),
      row('S10', '36070219900307'), // a plain wrong number: BAD_ID_NUMBER, but no spreadsheet sign
    ]);
    run = recon(n.args());
    rejects = readCsv(join(n.out, 'rejects.csv')).filter((r) => r.file === 'from-excel.csv');
  });

  it('rejects the file whole, listing its bad rows', () => {
    expect(run.code, run.stderr).toBe(4);
    expect(rejects[0]).toMatchObject({ line: '0', reason: 'TOO_MANY_REJECTS' });
    expect(rejects.slice(1).map((r) => r.reason)).toEqual(Array(8).fill('BAD_ID_NUMBER'));
  });

  it('says the ID column was turned into numbers by a spreadsheet and how to export it as text, not mis-mapped columns', () => {
    const detail = rejects[0]!.detail!;
    expect(detail).toContain('8 of 10 rows rejected');
    expect(detail).toContain('its ID numbers were turned into numbers by a spreadsheet');
    expect(detail).toContain('export the file again with the ID column saved as text');
    expect(detail).toContain('rejects by reason: BAD_ID_NUMBER 8');
    expect(detail).not.toContain('mis-mapped');
  });
});
