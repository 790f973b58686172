import { hostname } from 'node:os';
import { describeTarget } from '../db/database-target.js';
import { engineFor } from '../db/open-database.js';
import type { RunHolder, RunLock } from '../db/lock-attempt.js';
import { EXIT, ReconError } from '../base/recon-error.js';

/** Another run holds the database: exit code 3. The message names the holder (pid, host, start time). */
export class LockedError extends ReconError {
  override readonly exitCode: number = EXIT.locked;
  override readonly heading: string = '';
}

/**
 * Takes the one-run-at-a-time lock of a database, or throws LockedError at once (no waiting). Both
 * engines' locks are released by the operating system or the server when the process dies, however it
 * dies, so a run killed with -9 never blocks the next night and no pid is guessed (a pid check cannot work
 * across containers, whose hosts differ every night). What a dead run does leave is its run record in
 * state `running`; the next holder marks it `interrupted` (run-records.ts).
 * - SQLite: an exclusive transaction on a small file beside the database (`<db>.lock`), an fcntl lock
 *   (sqlite/sqlite-run-lock.ts). It needs a filesystem with working POSIX locks.
 * - PostgreSQL: a session advisory lock (postgres/postgres-run-lock.ts).
 */
export async function acquireRunLock(target: string): Promise<RunLock> {
  if (target === ':memory:') return { release: async () => {} };
  const attempt = await (await engineFor(target)).tryRunLock(target);
  if ('lock' in attempt) return attempt.lock;
  throw new LockedError(`another run holds the database ${describeTarget(target)}: ${describeHolder(attempt.holder)}; this run did nothing`);
}

function describeHolder(holder: RunHolder | null): string {
  if (!holder) return 'a run that is just starting and has not recorded itself yet';
  const here = holder.host === hostname() ? ' (this host)' : '';
  return `recon ${holder.command} run ${holder.run_id}, pid ${holder.pid} on host ${holder.host}${here}, started ${holder.started_at}`;
}
