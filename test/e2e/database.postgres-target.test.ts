import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { SERVER, testDb } from '../helpers/engine.js';
import { join } from '../helpers/files.js';
import { night } from '../helpers/run.js';

const SECRET = 'hunter2-not-for-logs';

describe('a PostgreSQL target', () => {
  it('a server that cannot be reached fails with exit 1, naming the server but never the password', () => {
    const n = night();
    const r = recon(n.args().map((a) => (a === n.db ? `postgres://recon:${SECRET}@127.0.0.1:1/recon` : a)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to PostgreSQL at 127.0.0.1:1/recon');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it.skipIf(!SERVER)('DATABASE_URL selects it when --db is not given; its password stays out of logs, run records and the manifest', () => {
    const n = night();
    const url = new URL(testDb(n.root));
    url.password = SECRET; // the test cluster trusts loopback, so any password connects
    const args = n.args();
    args.splice(args.indexOf('--db'), 2);
    const r = recon(args, { env: { DATABASE_URL: url.toString() } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    const manifest = readFileSync(join(n.out, 'manifest.json'), 'utf8');
    expect(manifest).not.toContain(SECRET);
    expect(JSON.parse(manifest).parameters.db).toMatch(/^postgres:\/\/recon:\*\*\*@127\.0\.0\.1:\d+\/recon_t/);
    const runs = query<{ parameters: string }>(url.toString(), 'select parameters from runs');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.parameters).not.toContain(SECRET);
  });
});
