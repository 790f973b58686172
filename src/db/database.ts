import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. Staging layer (one table per source, parsed and cast, no business
 * rules): `ingested_files`, `payments`, `roster_entries`, `rejected_rows`. Each comment states the grain.
 */
export interface Database {
  ingested_files: IngestedFilesTable;
  payments: PaymentsTable;
  roster_entries: RosterEntriesTable;
  rejected_rows: RejectedRowsTable;
  reconciliations: ReconciliationsTable;
  recon_results: ReconResultsTable;
  recon_refunds: ReconRefundsTable;
  recon_duplicates: ReconDuplicatesTable;
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
}

/** Results layer: one row per person and region for the coverage year (rule 1). Amounts in fen. */
export interface ReconResultsTable {
  coverage_year: number;
  id_number: string;
  region_code: string;
  name: string;
  category: string;
  tier: string;
  assistance_category: string | null;
  standard: number | null;
  subsidy: number | null;
  expected_personal: number | null;
  collected_personal: number;
  expected_assistance: number | null;
  collected_assistance: number;
  variance: number | null;
  refund_due: number;
  status: string;
  /** `;`-joined flag codes. */
  flags: string;
  benefit_start: string | null;
  first_paid_at: string | null;
  last_paid_at: string | null;
  payments: number;
  is_primary: number;
  /** `; `-joined citations the row rests on. */
  rule: string;
}

/** One row per refund: person, region and payee (a row can owe the person and the assistance fund). */
export interface ReconRefundsTable {
  coverage_year: number;
  id_number: string;
  region_code: string;
  payee: string;
  name: string;
  amount: number;
  reason: string;
  rule: string;
}

/** One row per duplicate finding (kind, person, and for possible duplicates the other person). */
export interface ReconDuplicatesTable {
  coverage_year: number;
  kind: string;
  id_number: string;
  name: string;
  region_codes: string;
  txn_ids: string;
  other_id_number: string;
  detail: string;
}

/** One row per distinct file content (sha256); the name is the first one it was seen under. */
export interface IngestedFilesTable {
  sha256: string;
  file_name: string;
  kind: 'payments' | 'roster' | null;
  encoding: string | null;
  /** `ingested`, or `rejected` when the whole file was refused (its rows are not kept). */
  status: 'ingested' | 'rejected';
  reject_reason: string | null;
  bytes: number;
  rows_read: number;
  accepted: number;
  /** Of the accepted roster rows, those that set or changed the effective_to of a held recognition. */
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

/** One row per txn_id (a tax-bureau transaction). Amounts in fen; negative = reversal or refund. */
export interface PaymentsTable {
  txn_id: string;
  id_number: string;
  name: string;
  region_code: string;
  coverage_year: number;
  amount_fen: number;
  paid_on: string;
  paid_time: string | null;
  payer_type: string;
  category: string;
  tier: string;
  channel: string;
  source_sha256: string;
  source_line: number;
}

/** One row per recognition: natural key (id_number, category, effective_from). */
export interface RosterEntriesTable {
  id_number: string;
  category: string;
  effective_from: string;
  name: string;
  region_code: string;
  effective_to: string | null;
  source_dept: string;
  source_sha256: string;
  source_line: number;
  /** The file and line that last set effective_to, when a later snapshot did. */
  updated_sha256: string | null;
  updated_line: number | null;
}

/** One row per rejected input line (the line where the record starts), or line 0 for a whole file. */
export interface RejectedRowsTable {
  id: Generated<number>;
  file_sha256: string;
  file_name: string;
  line: number;
  kind: string;
  reason: string;
  detail: string;
  raw: string;
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
