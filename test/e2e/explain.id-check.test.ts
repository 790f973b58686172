import { beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../src/normalise/id-number.js';
import { recon } from '../helpers/cli.js';
import { testDb } from '../helpers/engine.js';
import { findId, idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';

/** Full-width digits and X, as a government system or an IME may type them. */
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * `recon explain ID_NUMBER` checks the number before it reads anything (spec 6): a wrong check character,
 * or a number a spreadsheet has damaged, is a usage error (exit 2) saying so, with the number masked. An ID
 * number typed as ingest would accept it (full-width, lowercase x) finds the person.
 */
describe('recon explain checks the ID number it is given', () => {
  const person = findId('360702', '19800101', (id) => id.endsWith('X'));
  const explain = (id: string) => recon(['explain', id, '--db', db]);
  let db: string;
  beforeAll(() => {
    const dir = tmp();
    db = testDb(dir);
    const file = writeCsv(join(dir, 'p.csv'), [PAYMENT_HEADER, ['T1', person, '陈某己', '360702', '2023', '350.00', '2022-10-08']]);
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15']).code).toBe(0);
  });

  it('a lowercase x and full-width digits are normalised as in ingest, and find the person', () => {
    for (const typed of [person.toLowerCase(), fullWidth(person), ` ${person}\u3000`]) {
      const r = explain(typed);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Person ${person}, coverage year 2023`);
      expect(r.stdout).toContain('Payments (1):');
    }
  });

  it('a wrong check character: exit 2, saying what it should be, with the number masked', () => {
    const wrong = person.slice(0, 17) + '5';
    const r = explain(wrong);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`recon explain: ${person.slice(0, 6)}********${wrong.slice(14)} is not a valid ID number: its check character (the last) should be X`);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(wrong);
  });

  // An ID whose last three digits a spreadsheet turned to 000: the check character then fails.
  const damaged = findId('360702', '19900307', (id) => checkCharacter(id.slice(0, 15) + '000') !== '0');
  const zeros = damaged.slice(0, 15) + '000';
  for (const [what, typed, advice] of [
    ['its last three digits turned to 000', zeros, 'typed as Text'],
    ['scientific notation', '3.60702E+17', 'typed as Text'],
    ['a trailing .0', `${zeros}.0`, 'typed as Text'],
    ['digits grouped by commas', zeros.replace(/(\d{3})(?=\d)/g, '$1,'), 'typed as Text'],
    ['a leading apostrophe', `'${person}`, 'give it without the apostrophe'],
    ['a trailing .0 on a legacy 15-digit number (all its digits kept)', `${person.slice(0, 6)}${person.slice(8, 17)}.0`, 'give it without the .0'],
  ] as const) {
    it(`copied from a spreadsheet, ${what}: exit 2, saying so and what to do`, () => {
      const r = explain(typed);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toContain('looks damaged by a spreadsheet');
      expect(r.stderr).toContain(advice);
      expect(r.stderr).not.toContain(typed);
      expect(r.stdout).toBe('');
    });
  }

  it('other impossible numbers are refused too, each saying why', () => {
    for (const [typed, why] of [
      [person.slice(0, 16), 'it has 16 characters; an ID number has 18 (or 15, the old form)'],
      [`10${person.slice(2)}`, 'it starts with 10, which is no province\'s code'],
      [idNumber('360702', '19801301', '100'), 'its birth date (characters 7 to 14) is not a possible date'],
      [`${person.slice(0, 10)}A${person.slice(11)}`, 'digits only'],
    ] as const) {
      const r = explain(typed);
      expect(r.code, typed).toBe(2);
      expect(r.stderr).toContain(why);
    }
  });

  it('the number is checked before the database: a wrong one on a missing database is still about the number', () => {
    const missing = join(tmp(), 'none', 'recon.sqlite');
    const r = recon(['explain', zeros, '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('looks damaged by a spreadsheet');
  });
});
