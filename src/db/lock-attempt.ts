/**
 * What each engine's run lock gives back (sqlite/sqlite-run-lock.ts, postgres/postgres-run-lock.ts): the
 * lock, or the run that holds it, read from its run record. src/run/run-lock.ts takes the lock and words
 * the refusal (exit 3).
 */

/** Held for the whole of a run; `release` lets the next run in. */
export type RunLock = { release(): Promise<void> };

/** The run holding the lock, as its run record describes it (null when it has not recorded itself yet). */
export type RunHolder = { run_id: string; command: string; pid: number; host: string; started_at: string };

/** The newest run record still `running`: the holder of the lock, if it got as far as recording itself. */
export const HOLDER_SQL = "select run_id, command, pid, host, started_at from runs where status = 'running' order by started_at desc limit 1";

/** What an engine's lock attempt gives: the lock, or the run that holds it. */
export type LockAttempt = { lock: RunLock } | { holder: RunHolder | null };
