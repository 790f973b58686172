import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOutputs, recon } from '../helpers/cli.js';
import { readCsvRows } from '../helpers/csv.js';
import { readXlsx, workbookNight, type XlsxCell, type XlsxSheet } from '../helpers/xlsx.js';

allOutputs(); // this file checks workbook.xlsx and report.html (test/helpers/cli.ts)

/**
 * workbook.xlsx (spec 5, v2), read by openpyxl, not by the code that wrote it: its sheets in each language,
 * each sheet's cells exactly the CSV's values, ID numbers, txn_ids and region codes as text, amounts as
 * numbers shown 0.00, dates as dates, the header frozen with filters, and a sheet past the row limit
 * continued on a second one. `recon run` writes it in English, `recon export` in Chinese.
 */
const SHEETS = {
  en: ['Summary', 'Actions', 'Refunds', 'Duplicates', 'Not enrolled', 'Rejects', 'Guide'],
  zh: ['概览', '待处理', '退费', '重复参保', '应保尽保', '拒收', '说明'],
};
const TEXT = ['id_number', 'other_id_number', 'txn_ids', 'region_code', 'region_codes'];
const MONEY = ['standard', 'subsidy', 'expected_personal', 'collected_personal', 'expected_assistance', 'collected_assistance', 'variance',
  'assistance_variance', 'refund_due', 'amount', 'refund_total', 'arrears'];
const DATES = ['benefit_start', 'first_paid_at', 'last_paid_at'];

/** A cell as the CSV writes it: an amount with two decimals, a rate with four, a date as YYYY-MM-DD, empty for none. */
function shown(c: XlsxCell): string {
  if (c === null) return '';
  if (c.t === 'n' && c.fmt === '0.00') return (c.v as number).toFixed(2);
  if (c.t === 'n' && c.fmt === '0.0000') return (c.v as number).toFixed(4);
  return String(c.v);
}
const texts = (s: XlsxSheet) => s.rows.map((r) => r.map(shown));

function run(lang: 'en' | 'zh') {
  const n = workbookNight();
  const r = recon(n.args());
  expect(r.code, r.stderr).toBe(0);
  if (lang === 'en') return { n, out: n.out };
  const out = join(dirname(n.out), 'zh');
  const e = recon(['export', '--db', n.db, '--out', out, '--lang', 'zh']);
  expect(e.code, e.stderr).toBe(0);
  return { n, out };
}

describe('workbook.xlsx, read by openpyxl', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang === 'en' ? 'recon run, English' : 'recon export --lang zh'}: the sheets hold the CSVs' values, typed, with frozen headers and filters`, () => {
      const { n, out } = run(lang);
      const sheets = readXlsx(join(out, 'workbook.xlsx'));
      expect(sheets.map((s) => s.name)).toEqual(SHEETS[lang]);
      const [summary, actions, refunds, duplicates, notEnrolled, rejects, guide] = sheets as [XlsxSheet, XlsxSheet, XlsxSheet, XlsxSheet, XlsxSheet, XlsxSheet, XlsxSheet];

      // Exactly the CSVs' rows (the Actions sheet: reconciliation.csv's rows with an action).
      const csv = (f: string) => readCsvRows(join(out, f));
      const reconciliation = csv('reconciliation.csv');
      const actionAt = reconciliation[0]!.indexOf(lang === 'en' ? 'actions' : '待办事项');
      expect(texts(summary)).toEqual(csv('region_summary.csv'));
      expect(texts(actions)).toEqual([reconciliation[0], ...reconciliation.slice(1).filter((r) => r[actionAt] !== '')]);
      expect(actions.rows.length).toBeGreaterThan(5);
      expect(texts(refunds)).toEqual(csv('refunds.csv'));
      expect(texts(duplicates)).toEqual(csv('duplicates.csv'));
      expect(texts(rejects)).toEqual(csv('rejects.csv'));
      expect(rejects.rows.length).toBe(2);
      expect(guide.rows.length).toBeGreaterThan(1);

      // The cells' types, by column (the English run's header names: the columns are the same in both languages).
      for (const [i, sheet] of sheets.entries()) {
        expect(sheet.freeze, sheet.name).toBe('A2');
        const width = sheet.rows[0]!.length;
        expect(sheet.filter, sheet.name).toBe(`A1:${String.fromCharCode(64 + width)}${sheet.rows.length}`);
        const names = EN_HEADERS[i]!;
        for (const row of sheet.rows.slice(1)) {
          row.forEach((c, col) => {
            if (c === null) return;
            const where = `${sheet.name} ${names[col]} ${String(c.v)}`;
            if (TEXT.includes(names[col]!)) expect(c.t, where).toBe('s');
            if (MONEY.includes(names[col]!)) expect([c.t, c.fmt], where).toEqual(['n', '0.00']);
            if (DATES.includes(names[col]!)) expect([c.t, c.fmt], where).toEqual(['d', 'yyyy-mm-dd']);
          });
        }
      }
      // What the types are for: 18-digit ID numbers and all-digit txn_ids kept whole, as text.
      const dup = duplicates.rows.find((r) => r[1]?.v === n.payer)!;
      expect(dup[4]).toMatchObject({ t: 's', v: n.txnIds.join(';') });
      expect(actions.rows.slice(1).every((r) => r[0]!.t === 's' && /^\d{17}[\dX]$/.test(r[0]!.v as string))).toBe(true);
      const dated = actions.rows.slice(1).find((r) => r[21] !== null)!;
      expect(dated[21]!.t).toBe('d');
      expect(typeof dated[11]!.v).toBe('number');

      // 应保尽保: the NOT_ENROLLED rows, with the roster category and the department of the latest recognition.
      const status = reconciliation[0]!.indexOf(lang === 'en' ? 'status' : '对账结果');
      const notEnrolledIds = reconciliation.slice(1).filter((r) => r[status] === (lang === 'en' ? 'NOT_ENROLLED' : '应保未保')).map((r) => r[0]);
      expect(notEnrolled.rows.slice(1).map((r) => r[0]!.v)).toEqual(notEnrolledIds);
      const header = texts(notEnrolled)[0]!;
      const assisted = texts(notEnrolled).find((r) => r[0] === n.assisted)!;
      expect(assisted[header.indexOf(lang === 'en' ? 'source_dept' : '认定部门')]).toBe('乡村振兴局');
      expect(assisted[header.indexOf(lang === 'en' ? 'assistance_category' : '资助类别')]).toBe(lang === 'en' ? 'minimum_living' : '低保对象');

      // The manifest lists it, with its hash and its sheets' data rows.
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { name: string; sha256: string; rows: number }[] };
      const listed = manifest.outputs.find((o) => o.name === 'workbook.xlsx')!;
      expect(listed.sha256).toBe(createHash('sha256').update(readFileSync(join(out, 'workbook.xlsx'))).digest('hex'));
      expect(listed.rows).toBe(sheets.reduce((sum, s) => sum + s.rows.length - 1, 0));
    });
  }

  it('a sheet past the row limit continues on "name (2)", "name (3)", ... with the same header (the limit lowered for the test)', () => {
    const n = workbookNight();
    expect(recon(n.args()).code).toBe(0);
    const whole = readXlsx(join(n.out, 'workbook.xlsx'));
    const out = join(dirname(n.out), 'split');
    const e = recon(['export', '--db', n.db, '--out', out], { env: { RECON_TEST_SHEET_ROWS: '4' } });
    expect(e.code, e.stderr).toBe(0);
    const split = readXlsx(join(out, 'workbook.xlsx'));
    for (const sheet of whole) {
      const parts = split.filter((s) => s.name === sheet.name || s.name.startsWith(`${sheet.name} (`));
      const expected = Math.max(1, Math.ceil((sheet.rows.length - 1) / 3));
      expect(parts.map((s) => s.name), sheet.name).toEqual([sheet.name, ...Array.from({ length: expected - 1 }, (_, i) => `${sheet.name} (${i + 2})`)]);
      for (const part of parts) {
        expect(part.rows[0], part.name).toEqual(sheet.rows[0]);
        expect(part.rows.length).toBeLessThanOrEqual(4);
        expect([part.freeze, part.filter?.startsWith('A1:')]).toEqual(['A2', true]);
      }
      expect(parts.flatMap((s) => s.rows.slice(1))).toEqual(sheet.rows.slice(1));
    }
    expect(split.find((s) => s.name === 'Actions (2)')).toBeDefined();
  });
});

/** Each sheet's columns by their English names, in sheet order (SHEETS.en): what the types are checked against. */
const EN_HEADERS = (() => {
  const n = workbookNight();
  const r = recon(n.args());
  if (r.code !== 0) throw new Error(r.stderr);
  return readXlsx(join(n.out, 'workbook.xlsx')).map((s) => s.rows[0]!.map((c) => String(c!.v)));
})();
