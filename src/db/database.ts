import type { Generated } from 'kysely';
import type { ReconDuplicatesTable, ReconRefundsTable, ReconResultsTable, ReconSuspensionsTable } from './result-shapes.js';
import type { RegionHistoryTable } from './history-shapes.js';
import type { RegionTotalsTable } from './totals-shapes.js';
import type { EmployeeEnrollmentsTable, PaymentsTable, RejectedRowsColumns, RosterEntriesTable } from './staging-shapes.js';

export type { EmployeeEnrollmentsTable, PaymentsTable, ReconDuplicatesTable, ReconRefundsTable, ReconResultsTable, ReconSuspensionsTable, RosterEntriesTable };

/** The kinds of input file (spec 2): recognised by their header, recorded per file. */
export type InputKind = 'payments' | 'roster' | 'employees';

/**
 * The tables, as Kysely sees them. Staging layer (one table per source, parsed and cast, no business
 * rules): `ingested_files`, `payments`, `roster_entries`, `employee_enrollments`, `rejected_rows`. Each
 * comment states the grain.
 * The tables written in bulk take their types from their row shapes (staging-shapes.ts, result-shapes.ts).
 */
export interface Database {
  ingested_files: IngestedFilesTable;
  file_stamps: FileStampsTable;
  payments: PaymentsTable;
  roster_entries: RosterEntriesTable;
  employee_enrollments: EmployeeEnrollmentsTable;
  rejected_rows: RejectedRowsTable;
  reconciliations: ReconciliationsTable;
  recon_results: ReconResultsTable;
  /** The year's results as the previous successful reconcile of another as-of date left them, for changes.csv: recon_results' replica, swapped with it by name (previous-results.ts). */
  recon_results_previous: ReconResultsTable;
  recon_refunds: ReconRefundsTable;
  recon_duplicates: ReconDuplicatesTable;
  recon_suspensions: ReconSuspensionsTable;
  region_history: RegionHistoryTable;
  /** Per (coverage year, region): the totals of the year's result rows as its last reconcile left them (region-totals.ts). */
  region_totals: RegionTotalsTable;
  recon_horizons: ReconHorizonsTable;
  recon_inputs: ReconInputsTable;
  recon_baseline_persons: ReconBaselinePersonsTable;
  recon_changed_persons: ReconChangedPersonsTable;
  runs: RunsTable;
}

/** One row per coverage year: the parameters of its latest reconciliation. */
export interface ReconciliationsTable {
  coverage_year: number;
  as_of: string;
  reconciled_at: string;
  persons: number;
  result_rows: number;
  /** JSON list of the policy files used, with their sha256. */
  policy_sources: string;
  /**
   * The effective policy set this reconcile applied (PolicySet.toData() as JSON: every file's values and
   * citations), so that `recon explain` and `recon policies --db` show what the results rest on, not the
   * files on disk now (spec 6, v2). Null for a reconcile made before this column existed.
   */
  policy_set: string | null;
  /**
   * The as-of date of the reconcile whose results recon_results_previous holds (changes.csv's baseline);
   * null when there was none (the year's first reconcile). Added by migration 010.
   */
  previous_as_of: string | null;
  /** The tool version that made the results (migration 014): another version's results are recomputed whole. */
  tool_version: string | null;
  /** `full` or `incremental` (migration 014; null before). */
  mode: string | null;
  /** Why a full reconcile was full (reconcile-mode.ts), null for an incremental one. */
  full_reason: string | null;
  /** Persons put through the rules (all of them on a full reconcile). */
  recomputed: number | null;
  /** JSON: how many persons were recomputed for each reason (dirty-persons.ts), on an incremental reconcile. */
  recomputed_by: string | null;
  /** Persons past MAX_PAYMENTS_PER_PERSON among the year's results. */
  too_many_payments: number | null;
  /**
   * 1 when recon_results_previous holds the baseline rows only of the persons listed in
   * recon_baseline_persons (an incremental night): the others' baseline is their current rows. 0: it holds
   * the whole baseline (previous-results.ts).
   */
  baseline_listed: Generated<number>;
  /** This reconcile's id (a UUID, migration 016), which the manifest of an export from it records as `reconcile_id`. Null before. */
  reconcile_id: string | null;
  /**
   * The id of the reconcile whose results this one changed for some persons only (an incremental night):
   * recon_changed_persons lists them. Null for a full reconcile (every row may have changed).
   */
  follows: string | null;
}

/** A person whose result has no row but holds only until a date (recon_results.holds_until has the rest). */
export interface ReconHorizonsTable { coverage_year: number; id_number: string; holds_until: string }
/** An ingested file whose facts a reconcile of the year has taken in (dirty-persons.ts). */
export interface ReconInputsTable { coverage_year: number; sha256: string }
/** A person whose baseline rows recon_results_previous holds, when the baseline is listed (previous-results.ts). */
export interface ReconBaselinePersonsTable { coverage_year: number; id_number: string }
/**
 * The persons whose rows the year's last reconcile, an incremental one, may have changed against the one
 * it follows (reconciliations.follows): the persons it recomputed and those it added rule 10's REVIEW to.
 * Every other person's rows are as that reconcile left them (export/previous-lines.ts).
 */
export interface ReconChangedPersonsTable { coverage_year: number; id_number: string }




/**
 * One row per file (device and inode) held since an earlier look: its stamp then (size, modification and
 * change times: ingest/file-stamp.ts) and the sha256 of its bytes, so that the file, found again with the
 * same stamp, is skipped without being read (ingest-file.ts). Written only for a file whose bytes are held
 * (`ingested_files` with status `ingested`); a stamp that no longer matches is replaced by the next read.
 */
export interface FileStampsTable {
  file_id: string;
  stamp: string;
  sha256: string;
}

/** One row per distinct file content (sha256); the name is the first one it was seen under. */
export interface IngestedFilesTable {
  sha256: string;
  file_name: string;
  kind: InputKind | null;
  encoding: string | null;
  /** `ingested`, or `rejected` when the whole file was refused (its rows are not kept). */
  status: 'ingested' | 'rejected';
  reject_reason: string | null;
  bytes: number;
  rows_read: number;
  accepted: number;
  /** Of the accepted snapshot rows (rosters, employee lists), those that set or changed a held row's end date. */
  updated: number;
  repeats: number;
  rejected: number;
  blank_lines: number;
  /** JSON array of header cells that mapped to no column. */
  extra_columns: string;
  /** JSON: per payer_type, count and sum (fen) of accepted amounts (payments files only). */
  control_totals: string;
  ingested_at: string;
}




/**
 * Run records: one row per invocation of a command that writes (`run`, `ingest`, `reconcile`, `export`).
 * A row is inserted as `running` once the run holds the lock, and finished with its outcome; a row left
 * `running` by a killed process is marked `interrupted` by the next run (see src/run/run-lock.ts).
 */
export interface RunsTable {
  run_id: string;
  command: string;
  /** JSON object of the parameters after defaults (paths, year, as-of date, language). */
  parameters: string;
  pid: number;
  host: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'done_with_rejected_files' | 'failed' | 'interrupted';
  exit_code: number | null;
  /** JSON array: the input files this run was given, with sha256 and what happened to each. */
  inputs: string;
  /** JSON object: counts per step (ingest, reconcile, export). */
  steps: string;
  /** Why the run failed or was interrupted (never ID numbers or names). */
  error: string | null;
}

/** `rejected_rows` (staging-shapes.ts) with its key, which the database numbers. */
export type RejectedRowsTable = RejectedRowsColumns & { id: Generated<number> };
