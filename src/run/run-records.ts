import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/db.js';
import type { RunsTable } from '../db/database.js';
import type { FileReport } from '../ingest/ingest-file.js';
import type { SetAside } from '../ingest/inbox-entries.js';
import { preciseNowInShanghai } from '../normalise/dates.js';

export type RunStatus = RunsTable['status'];

/** One input file as a run record and the manifest show it. */
export type RunInput = {
  name: string; sha256: string; kind: string | null; encoding: string | null; outcome: FileReport['outcome'];
  reject_reason: string | null; rows_read: number; accepted: number; repeats: number; rejected: number;
  /** A skipped file: when and under which name its bytes were ingested (its counts here are 0: nothing read tonight). */
  ingested_at: string | null; ingested_as: string | null;
};

/** Counts per step; a step absent from it has not finished (or was not part of the command). */
export type RunSteps = {
  ingest?: { files: number; ingested: number; skipped: number; rejected_files: number; rows_read: number; accepted: number; repeats: number; rejected: number; bulk_load: boolean;
    deferred: SetAside[]; skipped_entries: SetAside[];
  };
  reconcile?: {
    coverage_year: number; as_of: string; persons: number; rows: number; refunds: number; duplicates: number; too_many_payments: number;
    /** Incremental nights (issue 21): which night it was, why a full one was full, how many persons were recomputed and why. */
    mode: 'full' | 'incremental'; full_reason: string | null; recomputed: number; recomputed_by: Record<string, number> | null;
  };
  export?: { out: string; files: { name: string; sha256: string; rows: number }[] };
};

/** A run in progress: its identity and what it has done so far (mutated as steps finish, then saved). */
export type RunState = {
  runId: string;
  command: string;
  parameters: Record<string, unknown>;
  startedAt: string;
  inputs: RunInput[];
  steps: RunSteps;
  /** Whether this run created the database (its first run): the manifest says so (spec 6). */
  databaseCreated: boolean;
};

/** `20261122-020001-3f9a1c`: sortable by start time (Asia/Shanghai), readable on a phone call, unique. */
export function newRunId(startedAt: string): string {
  return `${startedAt.slice(0, 10).replaceAll('-', '')}-${startedAt.slice(11, 19).replaceAll(':', '')}-${randomBytes(3).toString('hex')}`;
}

export function runInput(r: FileReport): RunInput {
  return {
    name: r.file, sha256: r.sha256, kind: r.kind, encoding: r.encoding, outcome: r.outcome, reject_reason: r.rejectReason,
    rows_read: r.rowsRead, accepted: r.accepted, repeats: r.repeats, rejected: r.rejected, ingested_at: r.ingestedAt, ingested_as: r.ingestedAs,
  };
}

/**
 * Marks every run still recorded as `running` as `interrupted`. Called only by the holder of the run
 * lock, so those runs are certainly dead: a live one would still hold the lock. Returns them for the log.
 */
export async function markInterruptedRuns(db: Db, byRunId: string): Promise<Pick<RunsTable, 'run_id' | 'command' | 'pid' | 'host' | 'started_at'>[]> {
  const stale = await db.kysely.selectFrom('runs').select(['run_id', 'command', 'pid', 'host', 'started_at'])
    .where('status', '=', 'running').orderBy('started_at').execute();
  if (stale.length > 0) {
    await db.kysely.updateTable('runs')
      .set({ status: 'interrupted', error: `the process ended without recording its end (killed, crashed, stopped by a second signal, or the write of its end failed); found by run ${byRunId}` })
      .where('run_id', 'in', stale.map((s) => s.run_id)).execute();
  }
  return stale;
}

export async function insertRun(db: Db, run: RunState): Promise<void> {
  await db.kysely.insertInto('runs').values({
    run_id: run.runId, command: run.command, parameters: JSON.stringify(run.parameters), pid: process.pid, host: hostname(),
    started_at: run.startedAt, finished_at: null, status: 'running', exit_code: null, inputs: JSON.stringify(run.inputs),
    steps: JSON.stringify(run.steps), error: null,
  }).execute();
}

/** Saves the inputs and step counts so far, so an interrupted run still shows how far it got. */
export async function saveRunProgress(db: Db, run: RunState): Promise<void> {
  await db.kysely.updateTable('runs').set({ inputs: JSON.stringify(run.inputs), steps: JSON.stringify(run.steps) })
    .where('run_id', '=', run.runId).execute();
}

export async function finishRun(db: Db, run: RunState, end: { status: RunStatus; exitCode: number; error?: string }): Promise<void> {
  await db.kysely.updateTable('runs').set({
    status: end.status, exit_code: end.exitCode, error: end.error ?? null, finished_at: preciseNowInShanghai(),
    inputs: JSON.stringify(run.inputs), steps: JSON.stringify(run.steps),
  }).where('run_id', '=', run.runId).execute();
}
