import { describe, expect, it } from 'vitest';
import { recogniseHeader } from '../../src/ingest/header-map.js';
import { toPaymentRow } from '../../src/ingest/payment-row.js';
import { toRosterRow } from '../../src/ingest/roster-row.js';
import { checkCharacter } from '../../src/normalise/id-number.js';
import { spreadsheetDamage } from '../../src/normalise/spreadsheet-damage.js';
import { findId, idNumber, PAYMENT_HEADER } from '../helpers/files.js';

const TODAY = '2026-11-22';
// A spreadsheet keeps 15 significant digits: the last three of an 18-digit number become 000.
const person = findId('360702', '19900307', (id) => checkCharacter(id.slice(0, 15) + '000') !== '0');
const zeros = person.slice(0, 15) + '000';
const legacy = `${person.slice(0, 6)}${person.slice(8, 17)}`;
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');

/** Each kind of damage (spec 2.3), and whether the digits survived it (`undo`). */
const DAMAGED: [what: string, text: string, undo: string | null][] = [
  ['scientific notation', '3.60702E+17', null],
  ['scientific notation, lowercase e, no plus', '3.60702199003e17', null],
  ['last three digits turned to 000', zeros, null],
  ['a trailing .0 on a number that lost its tail', `${zeros}.0`, null],
  ['a trailing .0 on a legacy 15-digit number', `${legacy}.0`, 'without the .0'],
  ['comma-grouped digits that lost their tail', grouped(zeros), null],
  ['comma-grouped legacy 15 digits', grouped(legacy), 'without the commas'],
  ['a leading apostrophe', `'${person}`, 'without the apostrophe'],
];

describe('ID numbers damaged by a spreadsheet (spec 2.3)', () => {
  for (const [what, text, undo] of DAMAGED) {
    it(`recognises ${what}`, () => {
      expect(spreadsheetDamage(text)).toMatchObject({ undo });
    });
  }

  it('leaves alone what a spreadsheet did not do: valid numbers, a wrong check character, a real 000 tail', () => {
    expect(spreadsheetDamage(person)).toBeNull();
    expect(spreadsheetDamage(legacy)).toBeNull();
    expect(spreadsheetDamage(person.slice(0, 17) + (person[17] === '1' ? '2' : '1'))).toBeNull();
    expect(spreadsheetDamage(person.slice(0, 16))).toBeNull();
    const realZeros = findId('360702', '19900307', (id) => id.endsWith('000'));
    expect(spreadsheetDamage(realZeros)).toBeNull();
  });
});

describe('ingest rejects a damaged id_number saying so, never with the number', () => {
  const payments = recogniseHeader(PAYMENT_HEADER);
  const roster = recogniseHeader(['id_number', 'name', 'region_code', 'category', 'effective_from']);
  if (!payments.ok || payments.kind !== 'payments' || !roster.ok || roster.kind !== 'roster') throw new Error('headers');
  const payment = (id: string) => toPaymentRow(['T1', id, '陈某', '360702', '2023', '350.00', '2022-10-08'], payments.map, TODAY);
  const recognition = (id: string) => toRosterRow([id, '陈某', '360702', '低保对象', '2022-01-01'], roster.map, TODAY);

  for (const [what, text, undo] of DAMAGED) {
    it(`${what}: BAD_ID_NUMBER, the sign, and to save the column as text`, () => {
      for (const r of [payment(text), recognition(text)]) {
        if (!('reject' in r)) throw new Error('accepted');
        expect(r.reject.reason).toBe('BAD_ID_NUMBER');
        expect(r.reject.detail).toMatch(/^id_number looks damaged by a spreadsheet: /);
        expect(r.reject.detail).toContain(spreadsheetDamage(text)!.sign);
        expect(r.reject.detail).toContain(undo ? `the number is whole ${undo}` : 'its lost digits cannot be read back');
        expect(r.reject.detail).toContain('saved as text');
        for (const digits of [text, person, person.slice(0, 15), legacy]) expect(r.reject.detail).not.toContain(digits);
      }
    });
  }

  it('other bad numbers keep their own detail; valid ones, foreign cards and permits included, are accepted', () => {
    const wrong = person.slice(0, 17) + (person[17] === '1' ? '2' : '1');
    const r = payment(wrong);
    expect('reject' in r && r.reject).toEqual({ reason: 'BAD_ID_NUMBER', detail: expect.stringMatching(/^check character /) });
    for (const id of [person, idNumber('936840', '19850615', '004'), idNumber('810000', '19900101', '123')]) {
      expect(payment(id)).toMatchObject({ row: { idNumber: id } });
      expect(recognition(id)).toMatchObject({ row: { idNumber: id } });
    }
  });
});
