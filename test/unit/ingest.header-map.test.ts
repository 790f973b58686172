import { describe, expect, it } from 'vitest';
import { recogniseHeader } from '../../src/ingest/header-map.js';

describe('header mapping', () => {
  it('maps English names in any order and lists extra columns', () => {
    const h = recogniseHeader(['amount', 'txn_id', 'paid_at', 'name', 'id_number', 'coverage_year', 'region_code', 'note']);
    expect(h.ok && h.kind).toBe('payments');
    if (!h.ok || h.kind !== 'payments') return;
    expect(h.map.index).toMatchObject({ amount: 0, txn_id: 1, paid_at: 2, name: 3, id_number: 4, coverage_year: 5, region_code: 6 });
    expect(h.map.extra).toEqual(['note']);
  });

  it('maps the Chinese aliases, with full-width and blank noise', () => {
    const h = recogniseHeader([' 电子税票号码', '公民身份号码', '姓名', '参保地编码', '参保年度', '实缴金额', '入库日期　', '资金来源', '人员类别', '缴费档次', '缴费渠道']);
    expect(h.ok && h.kind).toBe('payments');
    if (!h.ok || h.kind !== 'payments') return;
    expect(Object.keys(h.map.index)).toHaveLength(11);
    expect(h.map.extra).toEqual([]);
  });

  it('recognises a roster by effective_from (认定日期)', () => {
    const h = recogniseHeader(['证件号码', '姓名', '行政区划代码', '困难类别', '认定日期', '终止日期', '认定部门']);
    expect(h.ok && h.kind).toBe('roster');
  });

  it('recognises an employee list by insured_from, in English or under the Chinese aliases of spec 2.5', () => {
    const en = recogniseHeader(['region_code', 'insured_from', 'id_number', 'name', 'insured_to', 'insured_kind', 'employer']);
    expect(en.ok && en.kind).toBe('employees');
    if (!en.ok || en.kind !== 'employees') return;
    expect(en.map.index).toEqual({ region_code: 0, insured_from: 1, id_number: 2, name: 3, insured_to: 4, insured_kind: 5, employer: 6 });
    for (const cells of [
      ['证件号码', '姓名', '参保地编码', '参保开始日期', '参保终止日期', '参保身份', '单位名称'],
      ['身份证号码', '姓名', '统筹区编码', '参保日期', '停保日期', '职工类别'],
      ['公民身份号码', '姓名', '行政区划代码', '开始日期', '终止日期'],
    ]) {
      const h = recogniseHeader(cells);
      expect(h.ok && h.kind, cells.join()).toBe('employees');
      if (h.ok) expect(h.map.extra).toEqual([]);
    }
    // 终止日期 is also a roster's effective_to: with 认定日期 beside it the file is a roster.
    expect(recogniseHeader(['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '终止日期'])).toMatchObject({ ok: true, kind: 'roster' });
    expect(recogniseHeader(['id_number', 'name', 'insured_from'])).toEqual({
      ok: false, detail: 'employees header lacks required columns: region_code',
    });
  });

  it('keeps the first of two columns with the same meaning and lists the second as extra', () => {
    const h = recogniseHeader(['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', '缴费时间', '入库日期']);
    if (!h.ok || h.kind !== 'payments') throw new Error('not payments');
    expect(h.map.index.paid_at).toBe(6);
    expect(h.map.extra).toEqual(['入库日期']);
  });

  it('does not recognise a file of no kind, of two kinds, or lacking a required column; the detail names all three kinds', () => {
    expect(recogniseHeader(['foo', 'bar'])).toEqual({
      ok: false, detail: 'header has none of txn_id (payments), effective_from (roster) or insured_from (employees)',
    });
    expect(recogniseHeader(['txn_id', 'effective_from'])).toMatchObject({ ok: false, detail: expect.stringContaining('both') });
    expect(recogniseHeader(['effective_from', '参保开始日期'])).toEqual({
      ok: false, detail: 'header has both effective_from (roster) and insured_from (employees) columns: a file is of one kind',
    });
    expect(recogniseHeader(['txn_id', 'effective_from', 'insured_from'])).toMatchObject({ ok: false, detail: expect.stringContaining('insured_from (employees) columns') });
    expect(recogniseHeader(['txn_id', 'id_number', 'name'])).toMatchObject({
      ok: false, detail: 'payments header lacks required columns: region_code, coverage_year, amount, paid_at',
    });
  });
});
