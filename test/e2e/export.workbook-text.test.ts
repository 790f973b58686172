import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOutputs, recon } from '../helpers/cli.js';
import { readCsvRows } from '../helpers/csv.js';
import { PAYMENT_HEADER, writeText } from '../helpers/files.js';
import { night } from '../helpers/run.js';
import { readXlsx, type XlsxSheet } from '../helpers/xlsx.js';

allOutputs(); // this file checks workbook.xlsx (test/helpers/cli.ts)

/**
 * Text that the workbook's XML must carry (src/export/xlsx-sheet-xml.ts), read back by openpyxl: rejected
 * lines whose raw text holds what XML escapes, control characters XML 1.0 cannot hold, CR, a character
 * beyond the BMP, a formula, and more than Excel's 32,767 characters a cell. The Rejects sheet shows
 * rejects.csv's cells, but for the characters XML cannot hold (dropped) and the cut at 32,767; each as
 * text. Then the same in Chinese, continued past a lowered row limit on `拒收 (2)`, ... .
 */
const ODD_NAMES = [
  '"<b>A&B</b> ""q"" \'s\' ]]>"',
  '"ctl\x01\x0B\x1F\x7Fend tab\there"',
  '"cr\rin\r\nlines"',
  '𠮷野家 =SUM(A1)',
  '长'.repeat(30_000),
  'L'.repeat(100_000),
];
const CELL_CHARS = 32_767;

/** A text as the workbook holds it: without the characters XML 1.0 cannot hold (and DEL), cut to Excel's limit. */
const inWorkbook = (text: string) => text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '').slice(0, CELL_CHARS);

const shown = (s: XlsxSheet) => s.rows.map((r) => r.map((c) => (c === null ? '' : String(c.v))));

describe('workbook.xlsx: odd text, read by openpyxl', () => {
  it('escaped, without what XML cannot hold, cut at 32,767 characters, always text; in Chinese on continued sheets too', () => {
    const n = night();
    const lines = [
      PAYMENT_HEADER.join(','),
      ...ODD_NAMES.map((name, i) => `T-odd-${i},360702199204129089,${name},360702,2023,abc,2022-11-01 09:00:00`),
      '=HYPERLINK("http://example.invalid"),360702199204129089,n,360702,2023,abc,2022-11-01 09:00:00',
    ];
    writeText(join(n.inbox, 'tax-odd-2022-11.csv'), `${lines.join('\n')}\n`);
    const r = recon(n.args('--max-reject-rate', '1'));
    expect(r.code, r.stderr).toBe(0);

    const csv = readCsvRows(join(n.out, 'rejects.csv'));
    const raw = csv[0]!.indexOf('raw');
    expect(csv.length).toBe(ODD_NAMES.length + 2);
    expect(csv.slice(1).map((row) => row[raw]!.length).sort((a, b) => b - a)[0]).toBeGreaterThan(CELL_CHARS); // one must be cut
    expect(csv.slice(1).some((row) => row[raw]!.includes('\r'))).toBe(true);
    const expected = csv.map((row) => row.map(inWorkbook));

    const rejects = readXlsx(join(n.out, 'workbook.xlsx')).find((s) => s.name === 'Rejects')!;
    expect(shown(rejects)).toEqual(expected);
    for (const row of rejects.rows.slice(1)) expect(row[raw]!.t).toBe('s');
    const formula = rejects.rows.find((row) => String(row[raw]!.v).includes('HYPERLINK'))!;
    expect(formula[raw]!.v).toBe(`'${lines.at(-1)}`); // the CSV's guard, and text, not a formula

    // In Chinese, continued every 3 rows: the same raw cells, across 拒收, 拒收 (2), 拒收 (3).
    const zh = join(dirname(n.out), 'zh');
    const e = recon(['export', '--db', n.db, '--out', zh, '--lang', 'zh'], { env: { RECON_TEST_SHEET_ROWS: '4' } });
    expect(e.code, e.stderr).toBe(0);
    const sheets = readXlsx(join(zh, 'workbook.xlsx'));
    const parts = sheets.filter((s) => s.name.startsWith('拒收'));
    expect(parts.map((s) => s.name)).toEqual(['拒收', '拒收 (2)', '拒收 (3)']);
    expect(sheets.map((s) => s.name)).toContain('待处理 (2)');
    for (const s of parts) expect([s.freeze, s.filter]).toEqual(['A2', `A1:F${s.rows.length}`]);
    expect(parts.flatMap((s) => s.rows.slice(1).map((row) => String(row[raw]!.v)))).toEqual(expected.slice(1).map((row) => row[raw]));
  });
});
