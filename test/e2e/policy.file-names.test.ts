import { mkdirSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';
import { query } from '../helpers/db.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A folder of policy files, each written as the bytes given. */
function policyFolder(files: Record<string, Buffer | string>): string {
  const dir = join(tmp(), 'policies');
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

const county = (extra: Record<string, unknown> = {}) => JSON.stringify({ region_code: '360702', coverage_year: 2023, name: '章贡区', waiting_days: 30, ...extra });

describe('policy files as operators save them', () => {
  it('a file ending .JSON (any case) is read', () => {
    const dir = policyFolder({ '360702-2023.JSON': county(), '360703-2023.Json': JSON.stringify({ region_code: '360703', coverage_year: 2023, waiting_days: 45 }) });
    const r = recon(['policies', '--policies', dir, '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(2 overrides)');
    expect(r.stdout).toMatch(/360702 章贡区 — 2023\n(.*\n)*? {4}waiting_days: 30 days/);
    expect(r.stdout).toMatch(/360703 .* — 2023\n(.*\n)*? {4}waiting_days: 45 days/);
  });

  it('a file with a UTF-8 BOM is read, Chinese name and all', () => {
    const dir = policyFolder({ '360702-2023.json': Buffer.concat([BOM, Buffer.from(county(), 'utf8')]) });
    const r = recon(['policies', '--policies', dir, '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('360702 章贡区 — 2023');
  });

  it('a reconcile whose only file for the year is 000000-2027.JSON with a BOM runs', () => {
    const root = tmp();
    const db = testDb(root);
    const payments = writeCsv(join(root, 'p.csv'), [PAYMENT_HEADER, ['T1', idNumber('360702', '19800101', '901'), '陈某己', '360702', '2027', '400.00', '2026-10-08']]);
    expect(recon(['ingest', '--db', db, payments]).code).toBe(0);
    const dir = policyFolder({ '000000-2027.JSON': Buffer.concat([BOM, Buffer.from(JSON.stringify({ region_code: '000000', coverage_year: 2027, personal_standard: { resident: { 1: 40000 } }, collection_window: { start: '2026-09-01', end: '2026-12-31' } }))]) });
    const r = recon(['reconcile', '--db', db, '--year', '2027', '--as-of', '2026-12-01', '--policies', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, 'select standard, collected_personal from recon_results')).toEqual([{ standard: 40000, collected_personal: 40000 }]);
  });

  it('UTF-16 and GBK files are refused by name, saying to save them as UTF-8', () => {
    const utf16 = policyFolder({ '360702-2023.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(county(), 'utf16le')]) });
    const gbk = policyFolder({ '360702-2023.json': iconv.encode(county(), 'gbk') });
    for (const [dir, problem] of [[utf16, 'is UTF-16 ("Unicode"): save it as UTF-8'], [gbk, 'is not UTF-8 (GBK?): save it as UTF-8']] as const) {
      const r = recon(['policies', '--policies', dir]);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toContain(`${join(dir, '360702-2023.json')}: (file): ${problem}`);
    }
  });

  it('two files for one jurisdiction and year in one folder, differing in case, are refused', () => {
    const dir = policyFolder({ '360702-2023.json': county(), '360702-2023.JSON': county({ waiting_days: 60 }) });
    const r = recon(['policies', '--policies', dir]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toContain('is for the same jurisdiction and year as 360702-2023.JSON');
  });
});
