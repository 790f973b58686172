import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { ENGINE } from '../helpers/engine.js';
import { join, tmp } from '../helpers/files.js';

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

  it('fails loudly, exit 1, when the Citus half cannot run: PostgreSQL without the Citus extension and no RECON_TEST_CITUS_URL', () => {
    // A PostgreSQL whose library folder (pg_config --pkglibdir) has no citus.so.
    const bin = tmp('recon-fake-pg-');
    const lib = join(bin, 'lib');
    mkdirSync(lib);
    writeFileSync(join(bin, 'pg_ctl'), '#!/bin/sh\nexit 1\n');
    writeFileSync(join(bin, 'pg_config'), `#!/bin/sh\necho ${lib}\n`);
    for (const f of ['pg_ctl', 'pg_config']) chmodSync(join(bin, f), 0o755);
    const env: Record<string, string | undefined> = { ...process.env, PG_BINDIR: bin, RECON_TEST_ENGINES: 'citus' };
    delete env.RECON_TEST_CITUS_URL;
    const r = spawnSync(process.execPath, ['scripts/test.mjs'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Citus half NOT RUN: no RECON_TEST_CITUS_URL and the Citus extension is not installed');
    expect(r.stdout).not.toContain('Test Files');
  });
});
