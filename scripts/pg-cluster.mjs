// A throw-away PostgreSQL cluster for the test suite: created in a temporary folder, listening on a free
// loopback port only, owned by the test run and removed at the end. Used by scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinCitusNodes } from './citus-nodes.mjs';

/** The folder holding initdb and pg_ctl: $PG_BINDIR, Debian's /usr/lib/postgresql/<newest>/bin, or PATH. */
export function findPostgresBin() {
  if (process.env.PG_BINDIR) return existsSync(join(process.env.PG_BINDIR, 'pg_ctl')) ? process.env.PG_BINDIR : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 ? join(which.stdout.trim(), '..') : null;
}

/** A port nothing listens on now (the kernel picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a cluster; returns { url, port, stop }. PostgreSQL refuses to run as root, so under root
 * (CI containers) the server runs as the `postgres` user that Debian's package creates. Durability is
 * switched off (fsync, full-page writes): the cluster is thrown away after the run. `settings` are more
 * server settings (`-c name=value`), e.g. the Citus library for startCitusCluster.
 */
export async function startCluster(bin, settings = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'recon-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  try {
    if (asRoot) {
      const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      if (ids.status !== 0) throw new Error('running as root and there is no postgres user to run the server as');
      chownSync(dir, Number(ids.stdout), Number(gids.stdout));
    }
    const port = await freePort();
    run('initdb', ['-D', data, '-U', 'recon', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const options = [
      `-h 127.0.0.1 -p ${port} -k ${dir}`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300',
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
    let stopped = false;
    return {
      url: `postgres://recon@127.0.0.1:${port}/postgres`,
      port,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Whether the Citus extension is installed into the PostgreSQL of `bin` (/work/shared/citus/build-citus.sh builds it). */
export function hasCitus(bin) {
  const r = spawnSync(join(bin, 'pg_config'), ['--pkglibdir'], { encoding: 'utf8' });
  const lib = r.status === 0 ? r.stdout.trim() : join(bin, '..', 'lib');
  return existsSync(join(lib, 'citus.so'));
}

/**
 * A throw-away Citus cluster: a coordinator and `workers` workers, each a cluster of startCluster with the
 * Citus library preloaded, joined in their `postgres` database (the test helpers copy that membership into
 * each test's database: test/helpers/pg-admin.mjs). Returns { url (the coordinator's), workers, stop };
 * everything started is stopped and removed if a later step fails. `citus.shard_count` is 4 (2 shards per
 * worker) instead of 32: every multi-shard statement opens a connection per shard, and a test night on
 * 2 cores spends its time on connections rather than rows with 32.
 */
export async function startCitusCluster(bin, workers = 2) {
  const settings = { shared_preload_libraries: 'citus', 'citus.shard_count': 4, max_worker_processes: 64, max_prepared_transactions: 100 };
  const nodes = [];
  const stop = () => { for (const n of nodes.reverse()) n.stop(); };
  try {
    for (let i = 0; i <= workers; i++) nodes.push(await startCluster(bin, settings));
    await joinCitusNodes(nodes[0].url, nodes.slice(1).map((n) => ({ host: '127.0.0.1', port: n.port })));
  } catch (err) {
    stop();
    throw err;
  }
  return { url: nodes[0].url, workers: nodes.slice(1).map((n) => n.url), stop };
}
