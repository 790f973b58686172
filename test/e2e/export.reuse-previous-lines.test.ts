import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { idNumber, writeCsv } from '../helpers/files.js';
import { logEvents, night } from '../helpers/run.js';

/**
 * Issue 21, phase 2: an incremental night's reconciliation.csv is the previous file in --out with the
 * changed persons' lines merged in (export/previous-lines.ts), but only when that file is provably the one
 * exported from the reconcile tonight's follows. An edited file, another --out folder, a folder exported
 * from an older reconcile, another --lang and another version of the job each fall back to formatting
 * every line, and every night's file is byte for byte what `recon export` formats from the same database
 * into a new folder. The same reconcile exported again into its folder reuses every line.
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
/** A name the CSV writer must quote (a comma and a quote): its line is copied through the quoted-record path. */
const QUOTED = '乙,"甲"';
const pay = (txn: string, serial: string, name: string, amount: string) =>
  [txn, idNumber('360702', '19900101', serial), name, '360702', '2023', amount, '2022-10-01 09:00:00', '个人', '普通居民', '1'];

describe('an incremental night reuses the previous reconciliation.csv only when it provably may', () => {
  it('falls back to formatting for an edited file, another folder, an older export and another language, with the same bytes', () => {
    const n = night();
    const a = join(n.root, 'out-a');
    const b = join(n.root, 'out-b');
    writeCsv(join(n.inbox, 'pay-q.csv'), [PAYMENTS, pay('Q1', '211', QUOTED, '350.00'), pay('Q2', '212', '乙丙', '100.00')]);
    let asOf = 20;
    const runNight = (out: string, serial: string, lang = 'zh') => {
      // Each night one new payment of a new person, and a later as-of date: an incremental night.
      writeCsv(join(n.inbox, `pay-${serial}.csv`), [PAYMENTS, pay(`N${serial}`, serial, '乙丁', '350.00')]);
      const r = recon(n.args('--as-of', `2023-03-${asOf++}`, '--out', out, '--lang', lang));
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const done = logEvents(r.stdout).find((e) => e.event === 'export_done')!;
      // What formatting every row gives: the same database exported into a new folder.
      const fresh = join(n.root, `export-${serial}`);
      const e = recon(['export', '--db', n.db, '--out', fresh, '--lang', lang]);
      expect(e.code, e.stderr + e.stdout).toBe(0);
      const [got, want] = [csvBytes(out, ['reconciliation.csv']), csvBytes(fresh, ['reconciliation.csv'])];
      expect(got['reconciliation.csv']!.equals(want['reconciliation.csv']!), `night ${serial}: reconciliation.csv`).toBe(true);
      return `${String(done.reconciliation_lines)}${done.reconciliation_lines_reason ? `:${String(done.reconciliation_lines_reason)}` : ''}`;
    };

    expect(runNight(a, '301')).toBe('spilled'); // the year's first night: full
    expect(readFileSync(join(a, 'reconciliation.csv'), 'utf8')).toContain('"乙,""甲"""');
    expect(runNight(a, '302')).toBe('reused');

    // One byte of an unchanged person's line edited: the sha256 no longer matches the manifest's.
    const file = join(a, 'reconciliation.csv');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('乙丙');
    writeFileSync(file, text.slice(0, at) + '乙戊' + text.slice(at + 2));
    expect(runNight(a, '303')).toBe('formatted:file_changed');
    expect(runNight(a, '304')).toBe('reused');

    // Another --out folder: nothing to reuse; back in the first folder, its export is of an older reconcile.
    expect(runNight(b, '305')).toBe('formatted:no_previous_output');
    expect(runNight(a, '306')).toBe('formatted:other_reconcile');
    expect(runNight(a, '307')).toBe('reused');

    // Another language: the previous lines' labels are the other language's.
    expect(runNight(a, '308', 'en')).toBe('formatted:other_language');
    expect(runNight(a, '309', 'en')).toBe('reused');

    // An export by another version of the job (an upgrade between two nights): its labels may differ.
    const manifestPath = join(a, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), tool_version: '0.0.1-older' }));
    expect(runNight(a, '310', 'en')).toBe('formatted:other_tool_version');

    // The same reconcile exported again into its own folder (recon export after recon run): every line reused.
    const before = readFileSync(join(a, 'reconciliation.csv'));
    const again = recon(['export', '--db', n.db, '--out', a, '--lang', 'en']);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const [last] = query<{ steps: string }>(n.db, "select steps from runs where command = 'export' order by started_at desc, run_id desc limit 1");
    expect(JSON.parse(last!.steps).export).toMatchObject({ reconciliation_lines: 'reused', reconciliation_lines_reason: null });
    expect(readFileSync(join(a, 'reconciliation.csv')).equals(before)).toBe(true);
  }, 120_000);
});
