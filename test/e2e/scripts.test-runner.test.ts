import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { ENGINE } from '../helpers/engine.js';

// The runner itself, with no engine: the SQLite half runs it, once.
describe.skipIf(ENGINE !== 'sqlite')('npm test (scripts/test.mjs)', () => {
  it('fails loudly, exit 1, when the PostgreSQL half cannot run: no server binaries and no RECON_TEST_DATABASE_URL', () => {
    const env: Record<string, string | undefined> = { ...process.env, PG_BINDIR: '/nonexistent', RECON_TEST_ENGINES: 'postgres' };
    delete env.RECON_TEST_DATABASE_URL;
    const r = spawnSync(process.execPath, ['scripts/test.mjs'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('PostgreSQL half NOT RUN: no RECON_TEST_DATABASE_URL and no PostgreSQL server binaries (initdb, pg_ctl) found.');
    expect(r.stdout).toContain('This run FAILS');
    expect(r.stdout).not.toContain('Test Files'); // no vitest was started
  });
});
