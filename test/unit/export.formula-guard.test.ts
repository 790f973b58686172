import { describe, expect, it } from 'vitest';
import { guardText } from '../../src/export/csv-file.js';

/** The guard itself; test/e2e/export.guards.test.ts checks it in the written files. */
describe('export guards', () => {
  it('prefixes text cells that a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+86', '-x', '@SUM(A1)', '\tx', '\rx', 'ok'].map(guardText)).toEqual(["'=1+1", "'+86", "'-x", "'@SUM(A1)", "'\tx", "'\rx", 'ok']);
  });
});
