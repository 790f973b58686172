import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { join, tmp } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/** A --policies folder holding one file for `region`, 2023. */
function override(region: string, values: Record<string, unknown>): string {
  const dir = join(tmp(), 'policies');
  mkdirSync(dir);
  writeFileSync(join(dir, `${region}-2023.json`), JSON.stringify({ region_code: region, coverage_year: 2023, ...values }));
  return dir;
}

/** Spec 3 (v2): what a file inherits is checked at load; a violation stops before anything is ingested. */
describe('policy chain validation at load', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a standard below the floor Fujian ships', '350100', { personal_standard: { resident: { '1': 30000 } } }, 'personal_standard.resident.1'],
    ['a window end after the end_latest Jiangxi ships', '360100', { collection_window: { end: '2023-04-30' } }, 'collection_window.end'],
    ['an assisted_end after the assisted_end_latest Ganzhou ships', '360702', { collection_window: { assisted_end: '2023-04-15' } }, 'collection_window.assisted_end'],
    ['an assisted_end before the window end in force', '360702', { collection_window: { assisted_end: '2022-12-01' } }, 'collection_window.assisted_end'],
    ['a start after the inherited end', '360702', { collection_window: { start: '2023-01-05' } }, 'collection_window.start'],
  ];

  it.each(cases)('%s: recon run exits 1 naming file and key, nothing ingested', (_what, region, values, key) => {
    const n = night();
    const args = n.args();
    args[args.indexOf('--policies') + 1] = override(region, values);
    const r = recon(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${region}-2023.json`);
    expect(r.stderr).toContain(key);
    expect(existsSync(n.db) ? query(n.db, 'select count(*) as n from payments') : [{ n: 0 }]).toEqual([{ n: 0 }]);
  });

  it.each(cases)('%s: recon policies exits 1 naming file and key', (_what, region, values, key) => {
    const r = recon(['policies', '--year', '2023', '--policies', override(region, values)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${region}-2023.json`);
    expect(r.stderr).toContain(key);
  });

  it('a standard at or above the floor, and a county assisted_end within its city\'s latest date, are accepted', () => {
    expect(recon(['policies', '--year', '2023', '--policies', override('350100', { personal_standard: { resident: { '1': 35000 } } })]).code).toBe(0);
    expect(recon(['policies', '--year', '2023', '--policies', override('360702', { collection_window: { assisted_end: '2023-03-31' } })]).code).toBe(0);
  });
});
