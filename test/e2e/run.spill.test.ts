import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { CSVS, csvBytes } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * `recon run` writes reconciliation.csv's lines while reconcile stores the rows (export/region-spill.ts),
 * while `recon export` reads the rows back from the database. The two ways must give the same bytes:
 * the export from the database is the reference.
 */
describe('recon run writes the same reconciliation.csv as recon export', () => {
  /** Runs `recon export` from the run's database into a second folder and compares every CSV. */
  function expectExportEqualsRun(db: string, out: string, lang: string) {
    const again = join(dirname(out), 'again');
    const r = recon(['export', '--db', db, '--out', again, '--lang', lang]);
    expect(r.code, r.stderr).toBe(0);
    const [run, exported] = [csvBytes(out), csvBytes(again)];
    for (const f of CSVS) expect(run[f]!.equals(exported[f]!), f).toBe(true);
  }

  for (const lang of ['en', 'zh']) {
    it(`the fixtures, --lang ${lang}; no spill folder is left behind`, () => {
      const n = night();
      const r = recon(n.args('--lang', lang));
      expect(r.code, r.stderr).toBe(0);
      expectExportEqualsRun(n.db, n.out, lang);
      expect(readdirSync(dirname(n.out)).filter((e) => e.startsWith('.'))).toEqual([]);
    });
  }

  it('a generated night of 30,000 persons: lines held past one flush, many regions and statuses', () => {
    const dir = tmp();
    const gen = spawnSync(process.execPath, [join(ROOT, 'scripts/gen.mjs'), '--persons', '30000', '--out', dir, '--seed', '3'], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const db = testDb(dir);
    const out = join(dir, 'out', 'latest');
    const r = recon(['run', '--inbox', join(dir, 'inbox'), '--out', out, '--db', db, '--as-of', '2023-03-15', '--log', 'json', '--settle', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toContain('reconciliation.csv');
    expectExportEqualsRun(db, out, 'en');
  });
});
