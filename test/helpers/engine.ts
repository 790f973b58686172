import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * The engine this test run uses: a server when DATABASE_URL is set (npm test sets it for the suite's
 * second and third halves, pointing at a throw-away cluster; scripts/test.mjs), else SQLite files in temp
 * folders. The server is PostgreSQL, or Citus when RECON_TEST_ENGINE says so: a Citus coordinator speaks
 * PostgreSQL and the job treats it as PostgreSQL (the schema's distribution aside), so tests about the
 * PostgreSQL engine hold there too and ask SERVER; the few about Citus itself ask ENGINE === 'citus'.
 */
export const ENGINE: 'sqlite' | 'postgres' | 'citus' = !process.env.DATABASE_URL ? 'sqlite' : process.env.RECON_TEST_ENGINE === 'citus' ? 'citus' : 'postgres';

/** Whether the database is a PostgreSQL server (plain or Citus): URLs instead of files, SQL in PostgreSQL's dialect. */
export const SERVER = ENGINE !== 'sqlite';

let created = 0;

/**
 * A fresh, empty database for one test: a SQLite file under `dir`, or a new database on the test
 * cluster (the cluster is thrown away after the run, so nothing is dropped).
 */
export function testDb(dir: string, file = 'recon.sqlite'): string {
  if (ENGINE === 'sqlite') return join(dir, file);
  const name = `recon_t${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;
  pgAdmin(['create', process.env.DATABASE_URL!, name]);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The admin bridge (pg-admin.mjs): a worker thread of this test process, started on the first request. */
let bridge: { worker: Worker; port: MessagePort; signal: Int32Array } | null = null;

/** How long a request may take before the test fails rather than hang (a CREATE DATABASE on Citus takes seconds). */
const BRIDGE_TIMEOUT_MS = 120_000;

/**
 * Runs a request on the admin bridge (pg-admin.mjs) and waits for it, blocking this thread as the
 * spawnSync of a child did before; its answer (JSON for queries).
 */
export function pgAdmin(args: string[]): string {
  if (!bridge) {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./pg-admin.mjs', import.meta.url), { workerData: { signal, port: port2 }, transferList: [port2] });
    worker.unref();
    port1.unref();
    bridge = { worker, port: port1, signal };
  }
  Atomics.store(bridge.signal, 0, 0);
  bridge.port.postMessage(args);
  if (Atomics.wait(bridge.signal, 0, 0, BRIDGE_TIMEOUT_MS) === 'timed-out') {
    // Its late answer must not be taken for the next request's: the next request starts a new bridge.
    void bridge.worker.terminate();
    bridge = null;
    throw new Error(`pg-admin ${args[0]}: no answer in ${BRIDGE_TIMEOUT_MS / 1000} s`);
  }
  const answer = receiveMessageOnPort(bridge.port)?.message as { result: string } | { error: string } | undefined;
  if (!answer) throw new Error(`pg-admin ${args[0]}: signalled without an answer`);
  if ('error' in answer) throw new Error(`pg-admin ${args[0]} failed: ${answer.error}`);
  return answer.result;
}
