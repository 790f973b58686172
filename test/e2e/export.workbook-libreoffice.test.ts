import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { csvRows, readCsvRows } from '../helpers/csv.js';
import { tmp } from '../helpers/files.js';
import { libreOfficeCsvs, workbookNight } from '../helpers/xlsx.js';

/**
 * The complaint, tried as an auditor would: LibreOffice (headless, Debian's libreoffice-calc-nogui)
 * opens workbook.xlsx and saves every sheet as CSV, as shown. No 18-digit ID number nor all-digit txn_id may
 * lose a digit (`3.60702199204129E+17`), and each sheet shows exactly the lines of the CSV it repeats.
 */
describe('workbook.xlsx converted by LibreOffice', () => {
  it('keeps every ID number and txn_id whole, and shows the CSVs\' lines', () => {
    const n = workbookNight();
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const dir = tmp('recon-soffice-');
    libreOfficeCsvs(join(n.out, 'workbook.xlsx'), dir, join(dir, 'profile'));
    const sheet = (name: string) => csvRows(readFileSync(join(dir, `workbook-${name}.csv`), 'utf8'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()).toEqual(
      ['Actions', 'Duplicates', 'Guide', 'Not enrolled', 'Refunds', 'Rejects', 'Summary'].map((s) => `workbook-${s}.csv`));

    const csv = (f: string) => readCsvRows(join(n.out, f));
    const reconciliation = csv('reconciliation.csv');
    const actions = reconciliation.slice(1).filter((row) => row[18] !== '');
    expect(sheet('Actions')).toEqual([reconciliation[0], ...actions]);
    expect(sheet('Refunds')).toEqual(csv('refunds.csv'));
    expect(sheet('Duplicates')).toEqual(csv('duplicates.csv'));
    expect(sheet('Rejects')).toEqual(csv('rejects.csv'));
    expect(sheet('Summary')).toEqual(csv('region_summary.csv'));

    // Spelled out: every ID number with an action, and the all-digit txn_ids, as they were.
    const ids = sheet('Actions').slice(1).map((row) => row[0]);
    expect(ids).toEqual(actions.map((row) => row[0]));
    expect(ids.every((id) => /^\d{17}[\dX]$/.test(id!))).toBe(true);
    expect(sheet('Duplicates').find((row) => row[1] === n.payer)?.[4]).toBe(n.txnIds.join(';'));
    expect(sheet('Not enrolled').some((row) => row[0] === n.assisted)).toBe(true);
    // No number in E notation in any data sheet (the Guide sheet's text explains what `3.60702E+17` means).
    const dataSheets = readdirSync(dir).filter((x) => x.endsWith('.csv') && !x.endsWith('-Guide.csv'));
    expect(dataSheets.length).toBeGreaterThanOrEqual(6);
    for (const f of dataSheets) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/\d\.\d+E\+\d/);
  });
});
