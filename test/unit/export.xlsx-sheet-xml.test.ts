import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../src/export/utf8-chunks.js';
import { CELL_CHARS, columnName, headerRowXml, sheetColumns, sheetRowXml, xmlText } from '../../src/export/xlsx-sheet-xml.js';

/**
 * The workbook's sheet XML as strings (xlsx-sheet-xml.ts) and the buffers it is encoded into
 * (utf8-chunks.ts). test/e2e/export.workbook-text.test.ts reads the same through openpyxl.
 */
describe('xmlText', () => {
  it('escapes what XML must, keeps CR as a reference, and keeps text that needs nothing as it is', () => {
    expect(xmlText('<b>A&B</b> "q" \'s\' ]]>')).toBe('&lt;b&gt;A&amp;B&lt;/b&gt; &quot;q&quot; \'s\' ]]&gt;');
    expect(xmlText('a\rb\r\nc\td\ne')).toBe('a&#13;b&#13;\nc\td\ne');
    const plain = '360702199204129089 南昌市 赣医保发〔2022〕14号';
    expect(xmlText(plain)).toBe(plain);
  });

  it('drops what XML 1.0 cannot hold (C0 controls, DEL, U+FFFE/U+FFFF, a lone surrogate half) and keeps a surrogate pair', () => {
    expect(xmlText('a\x00b\x01\x08\x0B\x0C\x0E\x1F\x7Fc')).toBe('abc');
    expect(xmlText('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(xmlText('𠮷野家')).toBe('𠮷野家');
    expect(xmlText('a\uD842b\uDFB7c')).toBe('abc'); // each half alone
    expect(xmlText('\uDFB7\uD842')).toBe(''); // in the wrong order
    expect(xmlText('𠮷\uD842')).toBe('𠮷');
  });
});

describe('columnName', () => {
  it('counts A..Z, AA..ZZ, AAA', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('sheetRowXml', () => {
  const columns = sheetColumns(['text', 'money', 'date', 'integer', 'rate', 'text']);

  it('writes text as text, numbers with their formats, and leaves empty cells out', () => {
    expect(sheetRowXml(7, ['360702199204129089', '-375.00', '2022-11-01', '2023', '0.9876', ''], columns)).toBe('<row r="7">'
      + '<c r="A7" t="str"><v>360702199204129089</v></c><c r="B7" s="1"><v>-375</v></c><c r="C7" s="3"><v>44866</v></c>'
      + '<c r="D7"><v>2023</v></c><c r="E7" s="2"><v>0.9876</v></c></row>');
  });

  it('gives an amount the number fen / 100 would be', () => {
    for (const [cell, yuan] of [['350.00', 350], ['0.10', 0.1], ['12345678.91', 12345678.91], ['-0.00', 0], ['+7.5', 7.5], ['999999999999.99', 999999999999.99]] as const) {
      expect(sheetRowXml(2, ['', cell], columns)).toBe(`<row r="2"><c r="B2" s="1"><v>${yuan}</v></c></row>`);
    }
  });

  it('keeps a cell that is not a well-formed value of its column as text, with the column\'s format', () => {
    expect(sheetRowXml(2, ['', 'n/a', '2022-11', '3x', '', '=SUM(A1)'], columns)).toBe('<row r="2">'
      + '<c r="B2" s="1" t="str"><v>n/a</v></c><c r="C2" s="3" t="str"><v>2022-11</v></c><c r="D2" t="str"><v>3x</v></c>'
      + '<c r="F2" t="str"><v>=SUM(A1)</v></c></row>');
  });

  it('cuts a text past Excel\'s 32,767 characters, and escapes it', () => {
    const xml = sheetRowXml(2, [`&${'长'.repeat(CELL_CHARS)}`], columns);
    expect(xml).toBe(`<row r="2"><c r="A2" t="str"><v>&amp;${'长'.repeat(CELL_CHARS - 1)}</v></c></row>`);
  });

  it('writes the header as text without a format', () => {
    expect(headerRowXml(['证件号码', 'amount & "fee"'])).toBe('<row r="1"><c r="A1" t="str"><v>证件号码</v></c><c r="B1" t="str"><v>amount &amp; &quot;fee&quot;</v></c></row>');
  });
});

describe('Utf8Chunks', () => {
  it('gives back every string in order, as UTF-8, in buffers of at most 256 KiB but for a longer string on its own', () => {
    const chunks = new Utf8Chunks();
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(`<row r="${i}">${'南昌𠮷'.repeat(i % 50)}</row>`);
    parts.splice(10_000, 0, 'x'.repeat(2_000_000)); // longer than a buffer
    const taken: Buffer[] = [];
    for (const [i, p] of parts.entries()) {
      chunks.add(p);
      if (i % 1000 === 0) taken.push(...chunks.take());
    }
    taken.push(...chunks.take(true));
    expect(chunks.take(true)).toEqual([]);
    expect(Buffer.concat(taken).toString('utf8')).toBe(parts.join(''));
    expect(taken.filter((b) => b.length > 1 << 18).map((b) => b.length)).toEqual([2_000_000]);
    expect(taken.length).toBeGreaterThan(3);
  });
});
