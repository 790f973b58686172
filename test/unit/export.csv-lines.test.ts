import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvLines } from '../../src/export/csv-lines.js';
import { cleanCell } from '../../src/normalise/text.js';

/** The export's CSV writer must write exactly what csv-stringify (the reference) writes. */
describe('csvLines', () => {
  const tricky = ['', 'plain', '陈某己', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', ' spaced ', "'=1+1", '"', ',', '350.00', '\ufeffbom', '\t'];
  it('matches csv-stringify on every tricky cell and on random rows', () => {
    const rows = tricky.map((c, i) => [c, tricky[(i * 7) % tricky.length]!, String(i)]);
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', '1', ',', '"', '\n', '\r', ' ', '某', '.', '-'];
    for (let r = 0; r < 500; r++) rows.push(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Array.from({ length: Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('')));
    // csv-stringify leaves a lone CR unquoted when rows end in LF; Excel would break the row there, so a CR
    // is quoted too (quoted_match tells the reference the same).
    expect(csvLines(rows)).toBe(stringify(rows, { record_delimiter: '\n', quoted_match: /\r/ }));
  });
});

describe('cleanCell fast path', () => {
  it('gives what the plain fold-and-trim gives', () => {
    const reference = (v: string) => v.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
      .replace(/^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g, '');
    for (const v of ['', ' ', 'abc', ' abc ', '\u3000某\u3000', '３５０．００', '\ufeffx', 'x\u00a0', '\t1\n', 'a\u2003', '\u0085x', 'Ｘ ', '某 某']) {
      expect(cleanCell(v), JSON.stringify(v)).toBe(reference(v));
    }
  });
});
