import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { ENGINE, SERVER } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { logEvents, night } from '../helpers/run.js';

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** jobs/nightly.sh run on a night's folders, with the environment a scheduler would give it. */
function nightly(n: ReturnType<typeof night>, vars: Record<string, string>, args: string[] = []) {
  // On PostgreSQL the database comes as DATABASE_URL, as from a Kubernetes Secret (never on the command line).
  const database = SERVER ? { DATABASE_URL: n.db, RECON_DB: '' } : { RECON_DB: n.db };
  const env = { ...process.env, RECON_FAILPOINT: '', RECON_INBOX: n.inbox, RECON_OUT: n.out, ...database, RECON_POLICIES: join(ROOT, 'fixtures/policies'), ...vars };
  return spawnSync(join(ROOT, 'jobs/nightly.sh'), args, { env, encoding: 'utf8' });
}

const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;

/** kubectl, where it is installed: it reads the manifests offline (--local), no cluster needed. */
const kubectl = (args: string[], input?: string) => spawnSync('kubectl', args, { input, encoding: 'utf8', timeout: 60_000 });
const HAS_KUBECTL = kubectl(['version', '--client']).status === 0;
/** A Kubernetes object as kubectl prints it: only what the tests read. */
type K8sObject = {
  kind: string; metadata: { name: string };
  spec: {
    accessModes: string[]; resources: { requests: { storage: string } };
    jobTemplate: { spec: { template: { spec: { volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } } } };
  };
};

/** The objects of a manifest file, as kubectl parses them (its JSON output is one object after another). */
function objects(file: string): K8sObject[] {
  const r = kubectl(['label', '--local', '-f', join(ROOT, file), 'parsed=yes', '-o', 'json']);
  if (r.status !== 0) throw new Error(`kubectl cannot read ${file}: ${r.stderr}`);
  return JSON.parse(`[${r.stdout.trim().replace(/\n\}\n\{/g, '\n},\n{')}]`) as K8sObject[];
}

describe('jobs/: the scheduled entry point and its schedules', () => {
  it('jobs/nightly.sh (the image entry point) runs `recon run` on the paths it is given, passing arguments on', () => {
    const n = night();
    // On PostgreSQL the database comes as DATABASE_URL, as from a Kubernetes Secret (never on the command line).
    const database = SERVER ? { DATABASE_URL: n.db, RECON_DB: '' } : { RECON_DB: n.db };
    const env = { ...process.env, RECON_FAILPOINT: '', RECON_INBOX: n.inbox, RECON_OUT: n.out, ...database, RECON_POLICIES: join(ROOT, 'fixtures/policies'), RECON_SETTLE: '0' };
    const r = spawnSync(join(ROOT, 'jobs/nightly.sh'), ['--as-of', '2023-03-15'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_finished', status: 'done' }); // not a terminal: JSON lines
    expect(existsSync(join(n.out, 'manifest.json'))).toBe(true);

    const direct = night();
    expect(spawnSync(process.execPath, [join(ROOT, 'bin/recon.js'), ...direct.args()]).status).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(direct.out));
  });

  it('nightly.sh passes RECON_AS_OF, RECON_GROUP and RECON_SETTLE on as --as-of, --group and --settle; arguments win', () => {
    const n = night(['tax-ganzhou-2022-10.csv', 'roster-ganzhou-2022-11.csv']);
    const waiting = nightly(n, { RECON_AS_OF: '2023-02-01', RECON_SETTLE: '3600' }); // the files are seconds old
    expect(waiting.status, waiting.stderr).toBe(0);
    expect(manifest(n.out)).toMatchObject({ as_of: '2023-02-01', inputs: [] });
    expect((manifest(n.out).deferred as unknown[]).length).toBe(2);

    const gid = 4242; // root may give files to any gid; a number needs no name in /etc/group
    const r = nightly(n, { RECON_AS_OF: '2023-02-01', RECON_SETTLE: '0', RECON_GROUP: String(gid) }, ['--as-of', '2023-03-15']);
    expect(r.status, r.stderr).toBe(0);
    expect(manifest(n.out)).toMatchObject({ as_of: '2023-03-15', deferred: [], parameters: { group: String(gid), settle: 0 } });
    for (const f of ['', ...readdirSync(n.out)]) {
      const s = lstatSync(join(n.out, f));
      expect([f, s.mode & 0o777, s.gid]).toEqual([f, f ? 0o640 : 0o750, gid]);
    }
  });

  it('nightly.sh without node (cron\'s short PATH, a wrong RECON_NODE): exit 2, saying so, nothing done', () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    const bin = tmp('recon-path-');
    symlinkSync('/usr/bin/dirname', join(bin, 'dirname')); // the one command the script needs before node
    const noNode = nightly(n, { PATH: bin, RECON_SETTLE: '0' });
    expect(noNode.status).toBe(2);
    expect(noNode.stderr).toContain(`nightly.sh: node not found (looked for "node" on PATH=${bin}); set PATH in jobs/crontab or RECON_NODE`);
    const wrong = nightly(n, { RECON_NODE: '/nonexistent/node', RECON_SETTLE: '0' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('node not found (looked for "/nonexistent/node"');
    expect(existsSync(n.out)).toBe(false);
    const given = nightly(n, { RECON_NODE: process.execPath, PATH: bin, RECON_SETTLE: '0' }, ['--as-of', '2023-03-15']);
    expect(given.status, given.stderr).toBe(0);
  });

  it.skipIf(!HAS_KUBECTL || ENGINE !== 'sqlite')('Kubernetes: the CronJob mounts the claims of jobs/pvc.yaml; a rerun Job made from it takes RECON_AS_OF', () => {
    const claims = Object.fromEntries(objects('jobs/pvc.yaml').map((c) => [c.metadata.name, c.spec]));
    expect(Object.keys(claims).sort()).toEqual(['premium-recon-data', 'premium-recon-inbox', 'premium-recon-out']);
    expect(claims['premium-recon-data']?.accessModes).toEqual(['ReadWriteOnce']); // SQLite: one writer, POSIX locks
    for (const c of Object.values(claims)) expect(c.resources.requests.storage).toMatch(/^\d+Gi$/);

    const [cronJob] = objects('jobs/cronjob.yaml');
    expect(cronJob!.kind).toBe('CronJob');
    const pod = cronJob!.spec.jobTemplate.spec.template.spec;
    const mounted = Object.fromEntries(pod.volumes.flatMap((v) => (v.persistentVolumeClaim ? [[v.name, v.persistentVolumeClaim.claimName]] : [])));
    expect(mounted).toEqual({ data: 'premium-recon-data', inbox: 'premium-recon-inbox', out: 'premium-recon-out' });

    // The recipe of cronjob.yaml's header: what `kubectl create job --from=cronjob/premium-recon-nightly NAME
    // --dry-run=client` prints (the CronJob's job template as a Job; that step needs a cluster), then the
    // offline `kubectl set env --local`, whose output `kubectl create -f -` takes.
    expect(read('jobs/cronjob.yaml')).toContain(`kubectl create job --from=cronjob/${cronJob!.metadata.name} `);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'premium-recon-rerun-1' }, spec: cronJob!.spec.jobTemplate.spec };
    const r = kubectl(['set', 'env', '--local', '-f', '-', 'RECON_AS_OF=2026-11-21', '-o', 'json'], JSON.stringify(job));
    expect(r.status, r.stderr).toBe(0);
    const env = (JSON.parse(r.stdout) as { spec: { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } } })
      .spec.template.spec.containers[0]!.env;
    expect(env).toContainEqual({ name: 'RECON_AS_OF', value: '2026-11-21' });
    expect(env).toContainEqual({ name: 'RECON_LANG', value: 'en' });
  });

  // What nightly.sh hands to recon when nothing says otherwise: a stand-in node (RECON_NODE) records its
  // arguments, so the container's default paths are checked without a /inbox or /data on this machine.
  it.skipIf(ENGINE !== 'sqlite')('nightly.sh defaults to the container\'s paths, and keeps DATABASE_URL off the command line', () => {
    const dir = tmp('recon-fake-node-');
    const fake = join(dir, 'node');
    writeFileSync(fake, '#!/bin/sh\nprintf \'%s\\n\' "$@" > "$ARGS_FILE"\n', { mode: 0o700 });
    const argsOf = (vars: Record<string, string>) => {
      const env = { PATH: process.env.PATH!, RECON_NODE: fake, ARGS_FILE: join(dir, 'args'), ...vars };
      const r = spawnSync(join(ROOT, 'jobs/nightly.sh'), [], { env, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, 'args'), 'utf8').trim().split('\n');
    };
    expect(argsOf({})).toEqual([
      join(ROOT, 'bin/recon.js'), 'run', '--inbox', '/inbox', '--out', '/out/latest', '--lang', 'en', '--settle', '120', '--db', '/data/recon.sqlite',
    ]);
    const url = 'postgres://recon:s3cret@db.example:5432/recon';
    const withUrl = argsOf({ DATABASE_URL: url });
    expect(withUrl).not.toContain('--db');
    expect(withUrl.join(' ')).not.toContain('s3cret');
    expect(argsOf({ DATABASE_URL: url, RECON_DB: '/srv/recon.sqlite' })).toContain('/srv/recon.sqlite'); // RECON_DB wins
  });

  it('nightly.sh passes RECON_LANG on: its outputs are those of recon run --lang zh', () => {
    const n = night();
    const r = nightly(n, { RECON_LANG: 'zh', RECON_SETTLE: '0' }, ['--as-of', '2023-03-15']);
    expect(r.status, r.stderr).toBe(0);
    const direct = night();
    expect(recon(direct.args('--lang', 'zh')).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(direct.out));
    expect(readFileSync(join(n.out, 'reconciliation.csv'), 'utf8')).toMatch(/^\uFEFF?证件号码,姓名,/);
  });

  // The image and the CronJob cannot be run here: their structure is checked, once.
  it.skipIf(ENGINE !== 'sqlite')('the Dockerfile volumes and the CronJob mounts are the paths nightly.sh defaults to', () => {
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

  // The crontab is a SQLite deployment (RECON_DB): it runs once, in the SQLite half.
  it.skipIf(ENGINE !== 'sqlite')('the crontab line is a valid /etc/cron.d entry calling the entry point in China time; its environment alone runs the job', () => {
    const lines = read('jobs/crontab').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines).toContain('CRON_TZ=Asia/Shanghai');
    expect(lines.find((l) => l.startsWith('PATH='))).toMatch(/^PATH=\/usr\/local\/bin:\/usr\/bin:\/bin$/); // node is often in /usr/local/bin
    const entry = lines.find((l) => /^\d/.test(l))!.trim().split(/\s+/);
    expect(entry.slice(0, 6)).toEqual(['30', '2', '*', '*', '*', 'recon']);
    expect(entry[6]).toMatch(/jobs\/nightly\.sh$/);

    // cron gives the command the crontab's variables and little else: run nightly.sh with those alone
    // (its folders moved to a night's temporary ones), so that its PATH finds node and the night is done.
    const vars = Object.fromEntries(lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(['PATH', 'RECON_INBOX', 'RECON_OUT', 'RECON_DB']));
    const n = night(['tax-ganzhou-2022-10.csv']);
    const env = { ...vars, RECON_INBOX: n.inbox, RECON_OUT: n.out, RECON_DB: n.db, RECON_SETTLE: '0' };
    const r = spawnSync(join(ROOT, 'jobs/nightly.sh'), ['--as-of', '2023-03-15', '--log', 'json'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_finished', status: 'done' });
    expect(manifest(n.out)).toMatchObject({ as_of: '2023-03-15', inputs: [expect.objectContaining({ name: 'tax-ganzhou-2022-10.csv' })] });
  });
});
