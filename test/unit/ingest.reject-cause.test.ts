import { describe, expect, it } from 'vitest';
import { isSpreadsheetDamage, idNumberReject } from '../../src/ingest/id-number-reject.js';
import { tooManyRejectsDetail } from '../../src/ingest/reject-cause.js';

/** Spec 2.3/2.4: the line-0 cause of a TOO_MANY_REJECTS file is decided by the largest group of its rejects. */
describe('the cause of a file with too many rejects', () => {
  const detail = (byReason: [string, number][], spreadsheetIds: number) =>
    tooManyRejectsDetail(10, 12, 0.2, new Map(byReason), spreadsheetIds);

  it('names a spreadsheet that turned the ID column into numbers when those rejects are the most', () => {
    const d = detail([['BAD_ID_NUMBER', 7], ['BAD_AMOUNT', 3]], 6);
    expect(d).toContain('its ID numbers were turned into numbers by a spreadsheet');
    expect(d).toContain('saved as text');
    expect(d).not.toContain('mis-mapped');
  });

  it('keeps mis-mapped columns where other field rejects are more (BAD_ID_NUMBER without a spreadsheet sign counts with them)', () => {
    expect(detail([['BAD_ID_NUMBER', 7], ['BAD_AMOUNT', 3]], 2)).toContain('mis-mapped');
    expect(detail([['BAD_ID_NUMBER', 10]], 0)).toContain('mis-mapped');
  });

  it('tells a damaged ID number\'s reject from any other BAD_ID_NUMBER by its detail', () => {
    const damaged = idNumberReject('3.60702E+17', { ok: false, problem: 'length', detail: 'wrong length' });
    expect(isSpreadsheetDamage(damaged.reason, damaged.detail)).toBe(true);
    expect(isSpreadsheetDamage('BAD_ID_NUMBER', 'wrong length')).toBe(false);
    expect(isSpreadsheetDamage('BAD_AMOUNT', damaged.detail)).toBe(false);
  });
});
