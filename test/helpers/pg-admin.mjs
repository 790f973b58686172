// The test helpers' synchronous bridge to PostgreSQL (test/helpers/engine.ts, pgAdmin): a worker thread of the
// test's process that runs one request at a time while the test's thread waits for it (Atomics.wait), so that
// tests stay synchronous, as with better-sqlite3. It replaced a child process per request (`node pg-admin.mjs`),
// which cost 0.4-0.6 s each in node's start and pg's import: on the PostgreSQL half, every query a test made
// and every database it created (docs/performance.md, "Session 14: CI's time"). Each request still connects
// and disconnects as the child did, so no connection of the tests' outlives a request. Requests:
//   ['create', adminUrl, database]      creates a database (on a Citus coordinator: a cluster of its own,
//                                       scripts/citus-nodes.mjs); answers ''
//   ['query', url, sql, paramsJson]     answers the rows as JSON (of the last statement)
// Protocol: workerData holds `signal` (an Int32Array over a SharedArrayBuffer) and `port`; the answer,
// { result } or { error }, is posted on the port, then signal[0] is set to 1 and notified.
import { workerData } from 'node:worker_threads';

const { signal, port } = workerData;

// Imported here rather than at the top, so that a failure to load them (no dist/: build first) is an answer,
// not a thread that dies while the test's thread waits for it.
const modules = Promise.all([import('pg'), import('../../dist/db/postgres/postgres-client.js'), import('../../scripts/citus-nodes.mjs')]);

async function handle([command, url, arg, params]) {
  const [{ default: pg }, { clientConfig }, { createDatabase }] = await modules;
  if (command === 'create') {
    await createDatabase(url, arg);
    return '';
  }
  if (command !== 'query') throw new Error(`unknown command ${command}`);
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    let i = 0;
    const text = arg.replace(/\?/g, () => `$${++i}`);
    // Several statements without parameters give one result each: the last one's rows are answered.
    const result = await client.query(text, JSON.parse(params));
    return JSON.stringify((Array.isArray(result) ? result.at(-1) : result).rows);
  } finally {
    await client.end();
  }
}

port.on('message', async (args) => {
  let answer;
  try {
    answer = { result: await handle(args) };
  } catch (err) {
    answer = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
