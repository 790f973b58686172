import { checkDatabase, openDatabase } from '../db/open-database.js';
import { describeTarget } from '../db/database-target.js';
import { namedDatabaseError } from '../db/database-errors.js';
import type { Db } from '../db/db.js';
import { preciseNowInShanghai } from '../normalise/dates.js';
import { LockedError, acquireRunLock } from './run-lock.js';
import { finishRun, insertRun, markInterruptedRuns, newRunId, saveRunProgress, type RunState, type RunStatus } from './run-records.js';
import { secondsSince, type Reporter } from './run-events.js';
import { guardRun } from './run-guard.js';
import { StoppedError, throwIfStopped } from '../base/stop-request.js';
import { asReconError } from '../base/recon-error.js';

export type RunContext = {
  db: Db;
  run: RunState;
  report: Reporter;
  /** Writes the run's inputs and step counts so far to its record. */
  save(): Promise<void>;
};

export type RunOutcome = {
  status: Extract<RunStatus, 'done' | 'done_with_rejected_files'>;
  exitCode: number;
  /** What the final log event carries (counts only). */
  summary?: unknown;
};

/**
 * Runs `work` as one recorded run of a writing command: checks the database (a command without `create`
 * refuses one that does not exist; an empty or foreign file is refused by every command), takes the run
 * lock (or fails at once with exit 3), opens the database (logging `database_created` when this run made
 * it), marks runs left `running` by killed processes as interrupted, records this run as `running`, and
 * finishes the record with the outcome, or with `failed` and the error when `work` throws (the error is
 * then rethrown, for the CLI to turn into an exit code). The lock is released last. The check comes before
 * the lock because the lock may create files beside the database.
 *
 * For the run's duration, SIGTERM and SIGINT stop the work at its next safe point and the run is recorded
 * `interrupted` with exit code 128 + the signal's number; an uncaught error fails it (run-guard.ts). When
 * the end of the run cannot be recorded (the write that records it fails too: a full disk, a database server
 * gone), that is said on stderr and in `run_failed` (`record_error`); the next run marks the record
 * `interrupted` (markInterruptedRuns).
 */
export async function withRun<T extends RunOutcome>(
  options: { dbPath: string; create: boolean; command: string; parameters: Record<string, unknown>; report: Reporter },
  work: (ctx: RunContext) => Promise<T>,
): Promise<T> {
  const { report } = options;
  const target = options.dbPath;
  const guard = guardRun();
  const lock = await checkDatabase(target, options).then(() => acquireRunLock(target)).catch((caught: unknown) => {
    guard.remove();
    // Refused: another run holds the lock. Anything else (no database, no database server) is a failure.
    const err = namedDatabaseError(caught, target) as Error;
    report(err instanceof LockedError ? { event: 'run_refused', error: err.message } : { event: 'run_failed', run_id: null, error: err.message, seconds: 0 });
    throw err;
  });
  const t0 = performance.now();
  let db: Db | null = null;
  const startedAt = preciseNowInShanghai();
  // The database target is recorded and logged without a password (a PostgreSQL URL may carry one).
  const parameters = 'db' in options.parameters ? { ...options.parameters, db: describeTarget(target) } : options.parameters;
  const run: RunState = { runId: newRunId(startedAt), command: options.command, parameters, startedAt, inputs: [], steps: {}, databaseCreated: false };
  let recorded = false;
  try {
    const opened = await openDatabase(target, options);
    db = opened.db;
    const open = db;
    run.databaseCreated = opened.created;
    for (const stale of await markInterruptedRuns(open, run.runId)) report({ event: 'run_interrupted_found', ...stale });
    await insertRun(open, run);
    recorded = true;
    report({ event: 'run_started', run_id: run.runId, command: run.command, parameters: run.parameters });
    if (opened.created) report({ event: 'database_created', run_id: run.runId, db: describeTarget(target) });
    throwIfStopped(); // a signal while the database was opened: recorded, nothing begun
    const outcome = await work({ db: open, run, report, save: () => saveRunProgress(open, run) });
    // An uncaught error during the work fails the run even if the work then returned: something broke.
    const fatal = guard.fatal();
    if (fatal) throw fatal;
    await finishRun(open, run, { status: outcome.status, exitCode: outcome.exitCode });
    report({
      event: 'run_finished', run_id: run.runId, status: outcome.status, exit_code: outcome.exitCode, seconds: secondsSince(t0),
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024), summary: outcome.summary,
    });
    return outcome;
  } catch (caught) {
    const err = namedDatabaseError(caught, target);
    const message = (err as Error).message;
    // Stopped by a signal: `interrupted`, as a killed run is found later, with the signal's exit code.
    const stop = err instanceof StoppedError ? { status: 'interrupted', signal: err.signal } as const : null;
    // The code the process exits with (src/cli/main.ts): 128 + the signal's number when stopped, 1 for a failure.
    const { exitCode } = asReconError(err);
    let recordError: string | undefined;
    if (db && recorded) {
      const open = db;
      const end = () => finishRun(open, run, { status: stop?.status ?? 'failed', exitCode, error: message });
      // The failed work's transaction was rolled back, so even on a full disk there may be room for this
      // write; if not, once more after the step housekeeping (SQLite: the write-ahead log folded back into
      // the file and truncated, which frees what the night's committed files held in it).
      await end().catch(() => open.afterStep().then(end)).catch((e: unknown) => {
        recordError = (namedDatabaseError(e, target) as Error).message;
      });
    }
    report({
      event: 'run_failed', run_id: run.runId, error: message, seconds: secondsSince(t0),
      ...(stop && { signal: stop.signal, exit_code: exitCode }), ...(recordError !== undefined && { record_error: recordError }),
    });
    if (recordError !== undefined) {
      process.stderr.write(`recon: the end of run ${run.runId} could not be recorded (${recordError}); its record stays 'running' until the next run marks it interrupted\n`);
    }
    throw err;
  } finally {
    await db?.close();
    await lock.release();
    guard.remove();
  }
}
