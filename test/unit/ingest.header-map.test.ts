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

  it('keeps the first of two columns with the same meaning and lists the second as extra', () => {
    const h = recogniseHeader(['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', '缴费时间', '入库日期']);
    if (!h.ok || h.kind !== 'payments') throw new Error('not payments');
    expect(h.map.index.paid_at).toBe(6);
    expect(h.map.extra).toEqual(['入库日期']);
  });

  it('does not recognise a file of neither kind, of both kinds, or lacking a required column', () => {
    expect(recogniseHeader(['foo', 'bar'])).toMatchObject({ ok: false });
    expect(recogniseHeader(['txn_id', 'effective_from'])).toMatchObject({ ok: false, detail: expect.stringContaining('both') });
    expect(recogniseHeader(['txn_id', 'id_number', 'name'])).toMatchObject({
      ok: false, detail: 'payments header lacks required columns: region_code, coverage_year, amount, paid_at',
    });
  });
});
