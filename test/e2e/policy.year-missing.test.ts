import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query, snapshot } from '../helpers/db.js';
import { join, tmp } from '../helpers/files.js';
import { logEvents, night, type Night } from '../helpers/run.js';
import { tree } from '../helpers/tree.js';

/**
 * A coverage year for which not one policy file exists (spec 6): the first night of a new year, e.g.
 * `recon run` without --as-of on 1 December 2026 reconciles 2027. It fails (exit 1) naming the year and
 * how to add its files, before anything is ingested, and leaves the previous outputs and results as they were.
 */
describe('a coverage year without any policy file', () => {
  const resultsBefore = () => query(n.db, 'select * from recon_results order by id_number, region_code');
  /** The night's arguments on 1 December 2026, with no --year: the default year is 2027. */
  const december = (...extra: string[]) => n.args(...extra).map((a) => (a === '2023-03-15' ? '2026-12-01' : a));
  let n: Night;
  let outBefore: Record<string, string>;
  let dbBefore: Record<string, unknown[]>;
  let results: Record<string, unknown>[];
  beforeAll(() => {
    n = night(['tax-ganzhou-2022-10.csv']);
    expect(recon(n.args()).code).toBe(0);
    outBefore = tree(n.out);
    dbBefore = snapshot(n.db);
    results = resultsBefore();
  });

  it('recon run exits 1 naming the year and the files to add; nothing ingested, reconciled or exported', () => {
    n.deliver('roster-ganzhou-2022-11.csv'); // a new file: a failed night must not ingest it
    const r = recon(december());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('no policy file for coverage year 2027');
    expect(r.stderr).toContain('000000-2027.json');
    expect(r.stderr).toContain(`--policies DIR (now ${join(ROOT, 'fixtures/policies')}`);
    expect(r.stderr).toContain('recon policies --year 2027');
    expect(tree(n.out)).toEqual(outBefore);
    expect(snapshot(n.db)).toEqual(dbBefore);
    expect(resultsBefore()).toEqual(results);
    expect(query(n.db, 'select coverage_year from reconciliations')).toEqual([{ coverage_year: 2023 }]);
    // The failure is recorded and logged like any other.
    const failed = logEvents(r.stdout).find((e) => e.event === 'run_failed');
    expect(failed?.error).toContain('coverage year 2027');
    expect(query(n.db, 'select status, error from runs order by started_at desc limit 1')).toEqual([{ status: 'failed', error: failed?.error }]);
    expect(logEvents(r.stdout).map((e) => e.event)).not.toContain('file_started');
  });

  it('recon reconcile --year 2027 exits 1 too, and keeps the results', () => {
    const r = recon(['reconcile', '--db', n.db, '--year', '2027', '--as-of', '2026-12-01']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('no policy file for coverage year 2027');
    expect(r.stderr).toContain('--policies DIR (none was given');
    expect(resultsBefore()).toEqual(results);
  });

  it('recon policies --year 2027 says so and exits 1, so a check before the night fails', () => {
    const r = recon(['policies', '--year', '2027']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('no policy file for coverage year 2027');
  });

  it('once a file for the year is added (here the national one alone), the night runs', () => {
    const dir = join(tmp(), 'policies');
    mkdirSync(dir);
    writeFileSync(join(dir, '000000-2027.json'), JSON.stringify({ region_code: '000000', coverage_year: 2027 }));
    const r = recon(december().map((a) => (a === join(ROOT, 'fixtures/policies') ? dir : a)));
    expect(r.code, r.stderr).toBe(0);
    expect(query(n.db, 'select coverage_year from reconciliations order by coverage_year')).toEqual([{ coverage_year: 2023 }, { coverage_year: 2027 }]);
    expect(recon(['policies', '--year', '2027', '--policies', dir]).code).toBe(0);
  });
});
