import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { ENGINE, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * `recon explain` and `recon policies --db` show the policy values the reconcile applied (stored with it),
 * not the policy files as they are on disk now (spec 6, v2): an auditor reading a row's explanation a month
 * later sees what the row rests on, even after a policy file was corrected.
 */
describe('the policy set stored with each reconcile', () => {
  const n = night();
  const policies = join(n.root, 'policies');
  let person = '';

  beforeAll(() => {
    cpSync(join(ROOT, 'fixtures/policies'), policies, { recursive: true });
    const args = n.args().map((a) => (a === join(ROOT, 'fixtures/policies') ? policies : a));
    const r = recon(args);
    expect(r.code, r.stderr).toBe(0);
    person = query<{ id_number: string }>(n.db, "select id_number from recon_results where region_code like '4108%' order by id_number")[0]!.id_number;
    // After the night, somebody corrects the override on disk: the window now ends in November.
    const file = join(policies, '410800-2023.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"end": "2022-12-31"', '"end": "2022-11-30"'));
  });

  it('recon policies --db prints the values the reconcile applied, the files now print the new ones', () => {
    const stored = recon(['policies', '--db', n.db, '--year', '2023']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toMatch(/^policy set stored with the reconcile of coverage year 2023 as of 2023-03-15/);
    expect(stored.stdout).toMatch(/override +\w{12} +410800-2023\.json/);
    const jiaozuo = stored.stdout.slice(stored.stdout.indexOf('\n410800 '));
    expect(jiaozuo).toMatch(/end: 2022-12-31, the deadline +← 410800/);
    const files = recon(['policies', '--policies', policies, '--year', '2023']);
    expect(files.stdout.slice(files.stdout.indexOf('\n410800 '))).toMatch(/end: 2022-11-30, the deadline +← 410800/);
  });

  it('recon explain shows the chain as the reconcile applied it, and says so', () => {
    const r = recon(['explain', person, '--db', n.db, '--policies', policies]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Policy values: as applied by that reconcile/);
    expect(r.stdout).toMatch(/start: 2022-09-01 +← 410800/);
    expect(r.stdout).toMatch(/end: 2022-12-31, the deadline +← 410800/);
    expect(r.stdout).not.toMatch(/2022-11-30/);
  });

  it('recon policies --db refuses a database that does not exist and creates nothing', () => {
    const dir = tmp();
    const missing = ENGINE === 'sqlite' ? join(dir, 'data', 'recon.sqlite') : testDb(dir).replace(/\/[^/]+$/, '/recon_no_such_database');
    const r = recon(['policies', '--db', missing]);
    expect(r.code).toBe(2);
    if (ENGINE === 'sqlite') expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('recon policies --db on a database with nothing reconciled says so (exit 1); --db with --policies is a usage error', () => {
    const dir = tmp();
    const db = testDb(dir);
    expect(recon(['ingest', '--db', db, join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv')]).code).toBe(0);
    const r = recon(['policies', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nothing reconciled in this database yet/);
    expect(recon(['policies', '--db', db, '--policies', policies]).code).toBe(2);
  });
});
