import { StoppedError, clearStopRequest, requestStop } from '../base/stop-request.js';

/** What a run's process handlers saw. */
export type RunGuard = {
  /** An uncaught exception or unhandled rejection during the run, if there was one: the run then fails. */
  fatal(): Error | null;
  /** Removes the handlers (the run is over): a signal then acts as Node's default does. */
  remove(): void;
};

/**
 * Process handlers for the duration of a run (withRun), so that the run's end is recorded however it ends
 * while the process can still write (docs/operations.md, "Exit codes and signals"):
 * - SIGTERM (Kubernetes stopping the pod, `kill`) and SIGINT (Ctrl-C): the work stops at its next safe
 *   point (stop-request.ts) and the run is recorded `interrupted`; the CLI exits 128 + the signal's number
 *   (143, 130). A second signal while stopping exits at once with that code, leaving the record `running`
 *   for the next run to mark `interrupted`, as after `kill -9`; nothing half done is kept either way.
 * - An uncaught exception or unhandled rejection (a bug): instead of dying with the record `running`,
 *   the work stops at its next safe point and the run is recorded `failed` with that error.
 * Each is said on stderr at once, since the run may take a moment to reach its safe point.
 */
export function guardRun(): RunGuard {
  let signalled = false;
  let fatal: Error | null = null;
  const onSignal = (signal: 'SIGTERM' | 'SIGINT') => {
    const stop = new StoppedError(signal);
    if (signalled) {
      process.stderr.write(`recon: ${signal} again: stopping at once (exit ${stop.exitCode}); the run record stays 'running' until the next run marks it interrupted\n`);
      process.exit(stop.exitCode);
    }
    signalled = true;
    process.stderr.write(`recon: ${signal} received: stopping at the next safe point; nothing half done is kept (send it again to stop at once)\n`);
    requestStop(stop);
  };
  const onFatal = (err: unknown) => {
    const error = err instanceof Error ? err : new Error(`unhandled rejection: ${String(err)}`);
    fatal ??= error;
    process.stderr.write(`recon: uncaught error during the run, stopping at the next safe point: ${error.message}\n`);
    requestStop(error);
  };
  const onTerm = () => onSignal('SIGTERM');
  const onInt = () => onSignal('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  return {
    fatal: () => fatal,
    remove() {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('uncaughtException', onFatal);
      process.off('unhandledRejection', onFatal);
      clearStopRequest();
    },
  };
}
