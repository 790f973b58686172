import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileError } from '../base/file-error.js';
import type { Db } from '../db/db.js';
import { nowInShanghai } from '../normalise/dates.js';
import { hideDataCells } from '../normalise/looks-like-data.js';
import type { WrittenFile } from './csv-file.js';
import type { Lang } from './labels.js';
import { writeOutMarker } from './out-folder.js';

/** The run an export belongs to, as its record in the database shows it (the manifest repeats it). */
export type ManifestRun = {
  runId: string; startedAt: string; command: string; parameters: Record<string, unknown>; inputs: unknown[]; steps: unknown;
  /** Inbox entries the run did not read: deferred files (spec 5, v2) and folders. */
  deferred?: unknown[]; skippedEntries?: unknown[];
  databaseCreated: boolean;
};
export type Manifest = {
  run_id: string;
  tool_version: string;
  command: string | null;
  parameters: Record<string, unknown> | null;
  /** Whether this run created the database it reconciled (a first night, or a wrong --db: spec 6). */
  database_created: boolean;
  as_of: string;
  coverage_year: number;
  /** The outputs' language (headers and labels). */
  lang: Lang;
  /** The reconcile exported (reconciliations.reconcile_id): what the next export checks before it copies lines from this folder (previous-lines.ts). */
  reconcile_id: string | null;
  started_at: string;
  finished_at: string;
  /** Every file held in the database (the results rest on all of them, not only tonight's). */
  inputs: unknown[];
  /** The files this run was given and what happened to each (ingested, skipped as already held, rejected). */
  run_inputs: unknown[];
  /** Counts per step of this run, as in its run record. */
  steps: unknown;
  /** Inbox files this run deferred (still being written, temporary names): {name, reason}; the next run tries them. */
  deferred: unknown[];
  /** Inbox entries that are not files (folders): {name, reason}, not read. */
  skipped_entries: unknown[];
  outputs: WrittenFile[];
  policies: unknown[];
  outcome: 'done' | 'done_with_rejected_files';
};

/** What the manifest is made of besides the database's files: the export's options and the year's reconciliation. */
export type ManifestSources = {
  year: number;
  toolVersion: string;
  run?: ManifestRun | undefined;
  outcome?: Manifest['outcome'] | undefined;
  lang: Lang;
  /** The year's reconciliation: its id, its as-of date and the policy files it used (JSON). */
  reconcileId: string | null;
  asOf: string;
  policySources: string;
  startedAt: string;
  outputs: WrittenFile[];
};

/**
 * manifest.json's content: the run, every file held in the database, the outputs written, the policies.
 * By default the outcome is `done_with_rejected_files` when any file ever offered to the database was
 * rejected whole. No personal data: extra columns' cells that look like data are hidden.
 */
export async function manifestOf(db: Db, m: ManifestSources): Promise<Manifest> {
  const inputs = await db.kysely.selectFrom('ingested_files').selectAll().orderBy('file_name').orderBy('sha256').execute();
  return {
    run_id: m.run?.runId ?? randomUUID(),
    tool_version: m.toolVersion,
    command: m.run?.command ?? null,
    parameters: m.run?.parameters ?? null,
    database_created: m.run?.databaseCreated ?? false,
    as_of: m.asOf,
    coverage_year: m.year,
    lang: m.lang,
    reconcile_id: m.reconcileId,
    started_at: m.startedAt,
    finished_at: nowInShanghai(),
    inputs: inputs.map((f) => ({
      name: f.file_name, sha256: f.sha256, kind: f.kind, encoding: f.encoding, status: f.status, reject_reason: f.reject_reason,
      rows_read: f.rows_read, accepted: f.accepted, updated: f.updated, repeats: f.repeats, rejected: f.rejected,
      blank_lines: f.blank_lines, extra_columns: hideDataCells(JSON.parse(f.extra_columns)), control_totals: JSON.parse(f.control_totals),
      ingested_at: f.ingested_at,
    })),
    run_inputs: m.run?.inputs ?? [],
    steps: m.run?.steps ?? {},
    deferred: m.run?.deferred ?? [],
    skipped_entries: m.run?.skippedEntries ?? [],
    outputs: m.outputs,
    policies: JSON.parse(m.policySources),
    outcome: m.outcome ?? (inputs.some((f) => f.status === 'rejected') ? 'done_with_rejected_files' : 'done'),
  };
}

/** Writes manifest.json into the folder `tmp`, and the marker that makes it the job's folder (out-folder.ts); returns the manifest's text. */
export function writeManifest(tmp: string, manifest: Manifest): string {
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  const manifestPath = join(tmp, 'manifest.json');
  try {
    writeFileSync(manifestPath, manifestText, { mode: 0o600 });
    writeOutMarker(tmp);
  } catch (err) {
    throw fileError(manifestPath, err);
  }
  return manifestText;
}
