// Joining PostgreSQL servers into a Citus cluster, database by database: Citus keeps its node list in each
// database, and a distributed table's shards live in the database of the same name on every worker. Used by
// scripts/pg-cluster.mjs (the throw-away cluster's `postgres` database) and test/helpers/pg-admin.mjs (each
// test's own database, on a cluster of pg-cluster.mjs or one named by RECON_TEST_DATABASE_URL).
import pg from 'pg';

/** `url` with another host and port (the same user and database). */
function at(url, host, port) {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString();
}

// Citus gives the cause of a failed command on a worker as a WARNING before its ERROR ("failure on connection
// marked as essential: host:port" names only the worker): the warnings are added to the error's message.
async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  const notices = [];
  client.on('notice', (n) => notices.push(`${n.severity}: ${n.message}`));
  await client.connect();
  try {
    return await work(client);
  } catch (err) {
    if (notices.length > 0 && err instanceof Error) err.message += ` (the server's notices before it: ${notices.join('; ')})`;
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Makes the database of `coordinatorUrl` a Citus cluster over the same-named database on each worker
 * (`workers`: [{ host, port }]): the extension on every node, then the coordinator's own address and the
 * workers in the coordinator's node list.
 */
export async function joinCitusNodes(coordinatorUrl, workers) {
  for (const w of workers) await withClient(at(coordinatorUrl, w.host, w.port), (c) => c.query('create extension if not exists citus'));
  await withClient(coordinatorUrl, async (c) => {
    const u = new URL(coordinatorUrl);
    await c.query('create extension if not exists citus');
    await c.query('select citus_set_coordinator_host($1, $2)', [u.hostname, Number(u.port || 5432)]);
    for (const w of workers) await c.query('select citus_add_node($1, $2)', [w.host, w.port]);
  });
}

/** The workers of the Citus cluster whose coordinator `adminUrl` names, or [] when its database has no Citus. */
export async function citusWorkers(adminUrl) {
  return withClient(adminUrl, async (c) => {
    const { rows } = await c.query(`select exists (select 1 from pg_extension where extname = 'citus') as citus`);
    if (!rows[0].citus) return [];
    const nodes = await c.query(`select nodename as host, nodeport as port from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeid`);
    return nodes.rows;
  });
}

/** The advisory lock key createDatabase holds ("recon-db" in ASCII). */
const CREATE_LOCK = 0x7265636f6e2d6462n.toString();

/**
 * Creates database `name` on the server of `adminUrl`; when that server is a Citus coordinator, also on
 * each of its workers, and joins them into a cluster of their own (joinCitusNodes). Returns the workers ([] off Citus).
 */
export async function createDatabase(adminUrl, name) {
  // One at a time on a cluster: citus_add_node copies the coordinator's roles to the worker, and two test files
  // doing so at once failed in CI's run ("failure on connection marked as essential", the worker's warning
  // "tuple concurrently updated": both wrote the same role's row of the worker's shared catalog). The lock is
  // a session advisory lock in the admin database, which every test file of the run shares.
  return withClient(adminUrl, async (lock) => {
    await lock.query('select pg_advisory_lock($1)', [CREATE_LOCK]);
    try {
      return await createOnce(adminUrl, name);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [CREATE_LOCK]);
    }
  });
}

async function createOnce(adminUrl, name) {
  const workers = await citusWorkers(adminUrl);
  for (const w of workers) await withClient(at(adminUrl, w.host, w.port), (c) => c.query(`create database "${name}"`));
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  if (workers.length === 0) return workers;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await joinCitusNodes(url.toString(), workers);
  return workers;
}

/** Drops database `name` made by createDatabase: on the coordinator first, then on each of its `workers`. */
export async function dropDatabase(adminUrl, name, workers) {
  const drop = `drop database "${name}" with (force)`;
  await withClient(adminUrl, (c) => c.query(drop));
  for (const w of workers) await withClient(at(adminUrl, w.host, w.port), (c) => c.query(drop));
}
