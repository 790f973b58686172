import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { findId, idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';
import { checkCharacter } from '../../src/normalise/id-number.js';

/**
 * Spec 2.3 through the real CLI: the 2023 foreign permanent resident ID card (9…) and a Hong Kong residence
 * permit (81…) are ingested and reconciled like a resident's number, the foreign card's birth date used for
 * the newborn rule and for possible duplicates; an ID number a spreadsheet damaged is rejected
 * BAD_ID_NUMBER on its own line with a detail saying so and how to fix the export, never the number itself.
 */
describe('ingest: foreign permanent resident cards, permits and ID numbers damaged by a spreadsheet', () => {
  // 9, issuing province 36, nationality 840 (United States): not a region code.
  const foreign = idNumber('936840', '19850615', '004');
  const foreignTwin = idNumber('936840', '19850615', '005'); // same name and birth date: a possible duplicate
  const foreignNewborn = idNumber('936840', '20230201', '002');
  const hongKong = idNumber('810000', '19900101', '123');
  // A spreadsheet keeps 15 significant digits: the last three of an 18-digit number become 000.
  const victim = findId('360702', '19900307', (id) => checkCharacter(id.slice(0, 15) + '000') !== '0');
  const zeros = victim.slice(0, 15) + '000';
  const legacy = `${victim.slice(0, 6)}${victim.slice(8, 17)}`;
  const row = (txn: string, id: string, name: string, paid = '2022-10-08', category = '') =>
    [txn, id, name, '360702', '2023', '350.00', paid, category];
  const damaged: [line: number, what: string, text: string, fix: string][] = [
    [5, 'scientific notation', '3.60702E+17', 'its lost digits cannot be read back from this file'],
    [6, 'last three digits turned to 000', zeros, 'its lost digits cannot be read back from this file'],
    [7, 'a trailing .0', `${zeros}.0`, 'its lost digits cannot be read back from this file'],
    [8, 'comma-grouped digits', zeros.replace(/\B(?=(\d{3})+$)/g, ','), 'its lost digits cannot be read back from this file'],
    [9, 'a leading apostrophe', `'${victim}`, 'the number is whole without the apostrophe'],
    [10, 'a trailing .0 on a legacy 15-digit number', `${legacy}.0`, 'the number is whole without the .0'],
  ];
  let out: string;
  let db: string;
  let ingest: CliResult;
  beforeAll(() => {
    const dir = tmp();
    db = testDb(dir);
    out = join(dir, 'out');
    const file = writeCsv(join(dir, 'payments.csv'), [
      [...PAYMENT_HEADER, 'category'],
      row('T2', foreign, '史密斯'),
      row('T3', hongKong, '陈大文'),
      row('T4', foreignTwin, '史密斯'),
      ...damaged.map(([line, , text]) => row(`T${line}`, text, '王某')),
      row('T11', foreignNewborn, '史小明', '2023-03-01', '新生儿'),
    ]);
    ingest = recon(['ingest', '--db', db, '--max-reject-rate', '1', file]);
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15']).code).toBe(0);
    const exported = recon(['export', '--db', db, '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
  });

  it('ingest counts the four good rows accepted and the six damaged ones rejected', () => {
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/read 10 \/ accepted 4 \/ repeats 0 \/ rejected 6 /);
  });

  it('accepts and reconciles a foreign permanent resident card and a Hong Kong permit like any number', () => {
    const results = new Map(readCsv(join(out, 'reconciliation.csv')).map((r) => [r.id_number, r]));
    for (const id of [foreign, foreignTwin, hongKong]) {
      expect(results.get(id), id).toMatchObject({ region_code: '360702', status: 'OK', collected_personal: '350.00', benefit_start: '2023-01-01' });
    }
  });

  it("uses the foreign card's birth date: the newborn rule starts benefits on it", () => {
    const newborn = readCsv(join(out, 'reconciliation.csv')).find((r) => r.id_number === foreignNewborn);
    expect(newborn).toMatchObject({ category: 'newborn', benefit_start: '2023-02-01' });
  });

  it("blocks possible duplicates by the foreign card's birth date", () => {
    const pairs = readCsv(join(out, 'duplicates.csv')).filter((r) => r.kind === 'POSSIBLE_DUPLICATE');
    expect(pairs.map((r) => [r.id_number, r.other_id_number])).toEqual([[foreign, foreignTwin]]);
  });

  it('rejects each kind of spreadsheet damage on its own line, saying so and to save the column as text', () => {
    const rejects = readCsv(join(out, 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual(damaged.map(([line]) => [String(line), 'BAD_ID_NUMBER']));
    for (const [line, what, text, fix] of damaged) {
      const r = rejects.find((x) => x.line === String(line))!;
      expect(r.detail, what).toMatch(/^id_number looks damaged by a spreadsheet: /);
      expect(r.detail, what).toContain(fix);
      expect(r.detail, what).toContain('export the file again with the ID column saved as text');
      for (const digits of [text, victim, zeros, legacy, victim.slice(0, 15)]) expect(r.detail, what).not.toContain(digits);
    }
  });
});
