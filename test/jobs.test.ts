import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { csvBytes } from './helpers/csv.js';
import { ENGINE } from './helpers/engine.js';
import { logEvents, night } from './helpers/run.js';

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('jobs/: the scheduled entry point and its schedules', () => {
  it('jobs/nightly.sh (the image entry point) runs `recon run` on the paths it is given, passing arguments on', () => {
    const n = night();
    // On PostgreSQL the database comes as DATABASE_URL, as from a Kubernetes Secret (never on the command line).
    const database = ENGINE === 'postgres' ? { DATABASE_URL: n.db, RECON_DB: '' } : { RECON_DB: n.db };
    const env = { ...process.env, RECON_FAILPOINT: '', RECON_INBOX: n.inbox, RECON_OUT: n.out, ...database, RECON_POLICIES: join(ROOT, 'fixtures/policies'), RECON_SETTLE: '0' };
    const r = spawnSync(join(ROOT, 'jobs/nightly.sh'), ['--as-of', '2023-03-15'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_finished', status: 'done' }); // not a terminal: JSON lines
    expect(existsSync(join(n.out, 'manifest.json'))).toBe(true);

    const direct = night();
    expect(spawnSync(process.execPath, [join(ROOT, 'bin/recon.js'), ...direct.args()]).status).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(direct.out));
  });

  it('uses the same paths as the Dockerfile volumes and the CronJob mounts', () => {
    const script = read('jobs/nightly.sh');
    for (const p of ['${RECON_INBOX:-/inbox}', '${RECON_OUT:-/out/latest}', '${RECON_DB:-/data/recon.sqlite}']) expect(script).toContain(p);
    const docker = read('Dockerfile');
    expect(docker).toContain('VOLUME ["/data", "/inbox", "/out"]');
    expect(docker).toContain('ENTRYPOINT ["/app/jobs/nightly.sh"]');
    expect(docker).toMatch(/^USER recon$/m);
    expect(docker).toMatch(/^FROM .* AS build$/m);
    const k8s = read('jobs/cronjob.yaml');
    expect(k8s).toMatch(/^kind: CronJob$/m);
    expect(k8s).toMatch(/^ {2}concurrencyPolicy: Forbid$/m);
    expect(k8s).toMatch(/^ {2}timeZone: "Asia\/Shanghai"$/m);
    for (const m of ['mountPath: /data', 'mountPath: /inbox, readOnly: true', 'mountPath: /out']) expect(k8s).toContain(m);
    expect(k8s).toContain('runAsUser: 10001');
    expect(docker).toContain('--uid 10001');
  });

  it('the crontab line is a valid /etc/cron.d entry calling the entry point in China time', () => {
    const lines = read('jobs/crontab').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines).toContain('CRON_TZ=Asia/Shanghai');
    const entry = lines.find((l) => /^\d/.test(l))!.trim().split(/\s+/);
    expect(entry.slice(0, 6)).toEqual(['30', '2', '*', '*', '*', 'recon']);
    expect(entry[6]).toMatch(/jobs\/nightly\.sh$/);
  });
});
