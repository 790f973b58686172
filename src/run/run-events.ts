/**
 * What a run tells its log. Events carry counts, file names, paths and codes only: never an ID number or a
 * name (spec 8), so any reporter may print any field.
 */
export type RunEvent =
  | { event: 'run_started'; run_id: string; command: string; parameters: Record<string, unknown> }
  | { event: 'run_refused'; error: string }
  | { event: 'database_created'; run_id: string; db: string }
  | { event: 'run_interrupted_found'; run_id: string; command: string; pid: number; host: string; started_at: string }
  | { event: 'out_recovered'; out: string; restored: string | null; removed: string[] }
  | { event: 'file_started'; file: string; bytes: number }
  | { event: 'file_progress'; file: string; bytes_read: number; bytes: number; rows_read: number; seconds: number }
  | {
      event: 'file_done'; file: string; kind: string | null; encoding: string | null; outcome: 'ingested' | 'skipped' | 'rejected';
      reject_reason: string | null; reject_detail: string | null; rows_read: number; accepted: number; repeats: number; rejected: number; bytes: number;
      seconds: number; mb_per_s: number;
      /** Outcome `skipped`: when and under which name the same bytes were ingested (null otherwise). */
      ingested_at: string | null; ingested_as: string | null;
    }
  // An inbox file not ingested tonight (still being written, a temporary name), tried again next run.
  | { event: 'file_deferred'; file: string; reason: string }
  // An inbox entry that is not a file (a folder): not read.
  | { event: 'entry_skipped'; file: string; reason: string }
  | { event: 'reconcile_started'; coverage_year: number; as_of: string; persons_total: number | null }
  | { event: 'reconcile_progress'; persons: number; persons_total: number | null; seconds: number }
  | {
      event: 'reconcile_done'; coverage_year: number; as_of: string; persons: number; rows: number; refunds: number; duplicates: number;
      /** Persons with more payments than the rules may hold, reported as TOO_MANY_PAYMENTS (docs/rules.md). */
      too_many_payments: number; seconds: number;
      /**
       * Issue 21: `full` (every person, `full_reason` why: reconcile-mode.ts) or `incremental` (the persons
       * whose result can have changed, `recomputed_by` counting them per reason: dirty-persons.ts).
       */
      mode: 'full' | 'incremental'; full_reason: string | null; recomputed: number; recomputed_by: Record<string, number> | null;
    }
  | { event: 'export_done'; out: string; files: { name: string; rows: number }[]; seconds: number; /** workbook.xlsx's (on its own thread, beside the CSVs) and report.html's seconds (the benchmark reports them apart). */ workbook_seconds: number; report_seconds: number;
      /** Of the export's seconds, those spent waiting for workbook.xlsx once the CSVs were written. */ workbook_wait_seconds: number;
      /** The CSVs' share, and reconciliation.csv's of it; how its lines were made and why not reused (export/previous-lines.ts). */
      csv_seconds: number; reconciliation_seconds: number; reconciliation_lines: 'spilled' | 'reused' | 'formatted'; reconciliation_lines_reason: string | null }
  | { event: 'run_finished'; run_id: string; status: string; exit_code: number; seconds: number; peak_rss_mib: number; summary?: unknown }
  | {
      event: 'run_failed'; run_id: string | null; error: string; seconds: number;
      /** Stopped by SIGTERM or SIGINT (the run is recorded `interrupted`), with the exit code 128 + its number. */
      signal?: 'SIGTERM' | 'SIGINT'; exit_code?: number;
      /** Why the end of the run could not be written to its record (it stays `running` until the next run). */
      record_error?: string;
    };

/** Where events go: a JSON-lines log, a terminal with progress bars, or nowhere. */
export type Reporter = {
  (event: RunEvent): void;
  /** Whether progress totals are worth a query (a terminal draws bars; a JSON log does not need them). */
  readonly wantsTotals?: boolean;
};

export const silentReporter: Reporter = () => {};

/** Seconds since `start` (a `performance.now()` reading), to one decimal. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}
