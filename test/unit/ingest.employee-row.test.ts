import { describe, expect, it } from 'vitest';
import { toEmployeeRow } from '../../src/ingest/employee-row.js';
import { recogniseHeader, type EmployeeColumn, type HeaderMap } from '../../src/ingest/header-map.js';
import { idNumber } from '../helpers/files.js';

/** Spec 2.5 (v2): one employee-list record becomes a row, or a reject with the reason codes the other kinds use. */
describe('the employee-list row validator', () => {
  const TODAY = '2023-08-01';
  const header = recogniseHeader(['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer']);
  if (!header.ok || header.kind !== 'employees') throw new Error('not an employee list');
  const map = header.map as HeaderMap<EmployeeColumn>;
  const ID = idNumber('360702', '19800101', '901');
  const rec = (over: Partial<Record<EmployeeColumn, string>> = {}) => {
    const r = { id_number: ID, name: '陈某己', region_code: '360702', insured_from: '2023-03-01', insured_to: '', insured_kind: '', employer: '', ...over };
    return toEmployeeRow([r.id_number, r.name, r.region_code, r.insured_from, r.insured_to, r.insured_kind, r.employer], map, TODAY);
  };

  it('reads a row: dates normalised, a blank insured_to open, a blank insured_kind null, a blank employer empty', () => {
    expect(rec({ insured_from: '2023/3/1' })).toEqual({
      row: { idNumber: ID, name: '陈某己', regionCode: '360702', insuredFrom: '2023-03-01', insuredTo: null, insuredKind: null, employer: '' },
    });
    expect(rec({ insured_to: '20230630', insured_kind: '灵活就业人员', employer: ' 某公司 ' })).toMatchObject({
      row: { insuredTo: '2023-06-30', insuredKind: 'flexible', employer: '某公司' },
    });
  });

  it('reads each insured_kind label of spec 2.5 and the codes themselves', () => {
    const kinds = ['在职职工', '在职', '退休人员', '退休', '灵活就业人员', '灵活就业', 'employee', 'RETIREE', 'flexible']
      .map((k) => ('row' in rec({ insured_kind: k }) ? (rec({ insured_kind: k }) as { row: { insuredKind: string } }).row.insuredKind : k));
    expect(kinds).toEqual(['employee', 'employee', 'retiree', 'retiree', 'flexible', 'flexible', 'employee', 'retiree', 'flexible']);
  });

  it('rejects each bad field with its reason code and a detail naming the column', () => {
    expect(rec({ name: '' })).toEqual({ reject: { reason: 'MISSING_FIELD', detail: 'empty: name' } });
    expect(rec({ id_number: '', insured_from: '' })).toEqual({ reject: { reason: 'MISSING_FIELD', detail: 'empty: id_number, insured_from' } });
    expect(rec({ id_number: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') })).toMatchObject({ reject: { reason: 'BAD_ID_NUMBER' } });
    expect(rec({ region_code: '36070' })).toEqual({ reject: { reason: 'BAD_REGION_CODE', detail: 'region_code "36070" is not 6 digits' } });
    expect(rec({ insured_from: '2023-02-30' })).toEqual({ reject: { reason: 'BAD_DATE', detail: 'insured_from "2023-02-30" is not a valid date' } });
    expect(rec({ insured_to: 'soon' })).toEqual({ reject: { reason: 'BAD_DATE', detail: 'insured_to "soon" is not a valid date' } });
    expect(rec({ insured_to: '2023-02-28' })).toEqual({ reject: { reason: 'BAD_DATE', detail: 'insured_to 2023-02-28 is before insured_from 2023-03-01' } });
    expect(rec({ insured_kind: '公务员' })).toEqual({
      reject: { reason: 'BAD_CATEGORY', detail: 'insured_kind "公务员" is unknown (employee, retiree, flexible)' },
    });
  });

  it('says when a spreadsheet damaged the ID number, as for the other kinds', () => {
    const r = rec({ id_number: '3.60702E+17' });
    expect(r).toMatchObject({ reject: { reason: 'BAD_ID_NUMBER', detail: expect.stringContaining('id_number looks damaged by a spreadsheet') } });
  });

  it('accepts a one-day enrollment (insured_to = insured_from)', () => {
    expect(rec({ insured_to: '2023-03-01' })).toMatchObject({ row: { insuredFrom: '2023-03-01', insuredTo: '2023-03-01' } });
  });
});
