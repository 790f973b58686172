import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';
import { findId, PAYMENT_HEADER, writeCsv } from './files.js';
import { night } from './run.js';

/** One cell as openpyxl reads it: its value (a date as YYYY-MM-DD), type (`s` text, `n` number, `d` date) and number format. */
export type XlsxCell = { v: string | number; t: string; fmt: string } | null;
export type XlsxSheet = { name: string; freeze: string | null; filter: string | null; rows: XlsxCell[][] };

/** Debian's python3 (python3-openpyxl), not a version manager's that may come first on PATH. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** A workbook's sheets as read by openpyxl, an independent reader (test/helpers/xlsx-dump.py), not the code that wrote it. */
export function readXlsx(path: string): XlsxSheet[] {
  const r = spawnSync(PYTHON, [join(ROOT, 'test/helpers/xlsx-dump.py'), path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status, `xlsx-dump.py (needs Debian's python3-openpyxl): ${r.stderr}`).toBe(0);
  return (JSON.parse(r.stdout) as { sheets: XlsxSheet[] }).sheets;
}

/** LibreOffice (Debian's libreoffice-calc-nogui, headless) on PATH as soffice, or null. */
export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? 'soffice';

/**
 * Converts every sheet of a workbook to CSV with LibreOffice headless, as shown (`sheet=-1`: one file per
 * sheet, `<name>-<sheet>.csv`), into `outDir`. The profile is a folder of the test's own, so that parallel
 * runs do not share one (LibreOffice locks its profile).
 */
export function libreOfficeCsvs(workbook: string, outDir: string, profile: string): void {
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, workbook],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: profile } });
  expect(r.status, `soffice (needs Debian's libreoffice-calc-nogui): ${r.stderr}`).toBe(0);
}

/**
 * The fixtures' night, plus what the workbook must keep intact: a person who paid twice with all-digit
 * txn_ids (a DUPLICATE_PAYMENT row in duplicates.csv), a rejected line, and an assisted person who paid
 * nothing (NOT_ENROLLED in Nanchang, whose window for assisted persons has closed by the fixtures' as-of date) recognised twice in the same category by two departments, the later one current.
 */
export function workbookNight() {
  const n = night();
  const payer = findId('360702', '19880808', () => true);
  const assisted = findId('360100', '19700101', () => true);
  const txnIds = ['320221101000000000001', '320221101000000000002'];
  writeCsv(join(n.inbox, 'tax-digits-2022-11.csv'), [
    PAYMENT_HEADER,
    [txnIds[0]!, payer, '钱某', '360702', '2023', '350.00', '2022-11-01 09:00:00'],
    [txnIds[1]!, payer, '钱某', '360702', '2023', '350.00', '2022-11-02 09:00:00'],
    ['320221101000000000003', '360702198808080000', '坏某', '360702', '2023', '350.00', '2022-11-03 09:00:00'],
  ]);
  writeCsv(join(n.inbox, 'roster-depts-2022-11.csv'), [
    ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'],
    [assisted, '孙某', '360100', '低保对象', '2022-03-01', '2022-06-30', '民政局'],
    [assisted, '孙某', '360100', '低保对象', '2022-10-01', '', '乡村振兴局'],
  ]);
  return { ...n, payer, assisted, txnIds, args: (...extra: string[]) => n.args('--max-reject-rate', '1', ...extra) };
}
