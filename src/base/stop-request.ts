import { constants } from 'node:os';
import { ReconError } from './recon-error.js';

/**
 * A request to stop the run at its next safe point: SIGTERM (Kubernetes stopping the pod), SIGINT (Ctrl-C),
 * or an error nobody could catch (an uncaught exception). The run layer makes the request
 * (run/run-guard.ts); the work honours it where stopping leaves nothing half done, by throwing the reason:
 * - while it waits for a worker thread's next message (`messagesOf`): the worker is terminated and the
 *   open file transaction or reconcile rolls back;
 * - before each inbox file (ingest);
 * - before each write of an output file, and before the swap (export): the temporary folder is removed,
 *   the previous outputs stay.
 * Synchronous work (a SQLite statement, an index build) is not interrupted: the stop comes after it. Once the
 * new outputs are swapped in there is no safe point left, and the run finishes as it would have.
 *
 * Process-wide, like the failpoints: one run per process.
 */

/** The run was stopped by a signal: exit code 128 + the signal's number, as shells report a killed process. */
export class StoppedError extends ReconError {
  override readonly exitCode: number;
  override readonly heading: string = '';
  constructor(readonly signal: 'SIGTERM' | 'SIGINT') {
    super(`stopped by ${signal} before it finished`);
    this.exitCode = 128 + constants.signals[signal];
  }
}

let reason: Error | null = null;
const listeners = new Set<(why: Error) => void>();

/** Asks the work to stop at its next safe point, throwing `why` there. The first request wins. */
export function requestStop(why: Error): void {
  if (reason) return;
  reason = why;
  for (const listener of listeners) listener(why);
}

/** Forgets the request (the run is over). */
export function clearStopRequest(): void {
  reason = null;
}

/** A safe point: throws the reason to stop, if a stop was requested. One comparison otherwise. */
export function throwIfStopped(): void {
  if (reason) throw reason;
}

/** Calls `listener` when a stop is requested (at once if it already was), for work waiting on something; returns the unsubscribe. */
export function onStopRequest(listener: (why: Error) => void): () => void {
  if (reason) listener(reason);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
