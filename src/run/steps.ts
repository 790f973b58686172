import type { FileReport } from '../ingest/ingest-file.js';
import { ingestFiles, type IngestResult } from '../ingest/ingest-files.js';
import type { InputEntry } from '../ingest/inbox-entries.js';
import { todayInShanghai } from '../normalise/dates.js';
import type { PolicySet } from '../policy/policy-set.js';
import { countPersons } from '../reconcile/person-stream.js';
import { reconcileYear, type ReconcileSummary } from '../reconcile/reconcile-year.js';
import { allSinks, type ResultSink } from '../reconcile/result-sink.js';
import { resultWriter } from '../db/result-writer.js';
import { exportOutputs, type ExportSummary } from '../export/export-outputs.js';
import type { Lang } from '../export/labels.js';
import type { EnrollmentTargets } from '../export/report-data.js';
import type { SpilledReconciliation } from '../export/region-spill.js';
import { version } from '../base/version.js';
import { runInput } from './run-records.js';
import { secondsSince } from './run-events.js';
import type { RunContext } from './with-run.js';

/**
 * The three steps of a night, each reporting its events and writing its counts into the run record. The
 * step commands (`recon ingest|reconcile|export`) run one of them; `recon run` runs all three.
 */

export async function ingestStep(ctx: RunContext, entries: InputEntry[], maxRejectRate: number, rescan = false): Promise<IngestResult> {
  const { report, run } = ctx;
  let bulkLoad = false;
  const result = await ingestFiles(ctx.db, entries, { maxRejectRate, today: todayInShanghai(), rescan }, {
    bulkLoad: (bulk) => { bulkLoad = bulk; },
    fileStarted: (file, bytes) => report({ event: 'file_started', file, bytes }),
    fileDeferred: (e) => report({ event: 'file_deferred', file: e.name, reason: e.reason }),
    entrySkipped: (e) => report({ event: 'entry_skipped', file: e.name, reason: e.reason }),
    progress: (file, bytesRead, bytes, rowsRead, seconds) =>
      report({ event: 'file_progress', file, bytes_read: bytesRead, bytes, rows_read: rowsRead, seconds }),
    fileDone: (r, seconds) => {
      run.inputs.push(runInput(r));
      report({
        event: 'file_done', file: r.file, kind: r.kind, encoding: r.encoding, outcome: r.outcome, reject_reason: r.rejectReason, reject_detail: r.rejectDetail,
        rows_read: r.rowsRead, accepted: r.accepted, repeats: r.repeats, rejected: r.rejected, bytes: r.bytes,
        seconds: Math.round(seconds * 10) / 10, mb_per_s: Math.round((r.bytes / 1e6 / Math.max(seconds, 0.001)) * 10) / 10,
        ingested_at: r.ingestedAt, ingested_as: r.ingestedAs,
      });
    },
  });
  const { reports } = result;
  const sum = (f: (r: FileReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  run.steps.ingest = {
    files: reports.length,
    ingested: reports.filter((r) => r.outcome === 'ingested').length,
    skipped: reports.filter((r) => r.outcome === 'skipped').length,
    rejected_files: reports.filter((r) => r.outcome === 'rejected').length,
    rows_read: sum((r) => r.rowsRead), accepted: sum((r) => r.accepted), repeats: sum((r) => r.repeats), rejected: sum((r) => r.rejected),
    // A bulk load: the payments' covering index was dropped for the files and built again after them.
    bulk_load: bulkLoad,
    // Inbox entries not read tonight, with why: deferred files come back next run; folders are not read.
    deferred: result.deferred,
    skipped_entries: result.skipped,
  };
  await ctx.save();
  await ctx.db.afterStep();
  return result;
}

/**
 * Reconciles into the result tables, and into `alsoInto` when given (`recon run`: reconciliation.csv's spill),
 * which only a full night writes to (reconcile-year.ts): `mode` says which night it was.
 */
export async function reconcileStep(
  ctx: RunContext, policies: PolicySet, year: number, asOf: string, alsoInto: ResultSink | null = null, full = false,
): Promise<ReconcileSummary> {
  const { report } = ctx;
  const t0 = performance.now();
  let total: number | null = null;
  if (report.wantsTotals) total = await countPersons(ctx.db.kysely, year, asOf);
  report({ event: 'reconcile_started', coverage_year: year, as_of: asOf, persons_total: total });
  const tables = resultWriter(ctx.db);
  const sink = alsoInto ? allSinks(tables, alsoInto) : tables;
  const s = await reconcileYear(ctx.db, policies, year, asOf, sink, (persons) =>
    report({ event: 'reconcile_progress', persons, persons_total: total, seconds: secondsSince(t0) }), { full, tables });
  // How the night went: how many persons were put through the rules, and why (a full night's reason, or
  // the incremental night's count per reason: dirty-persons.ts).
  const how = { mode: s.mode, full_reason: s.fullReason, recomputed: s.recomputed, recomputed_by: s.recomputedBy };
  ctx.run.steps.reconcile = {
    coverage_year: year, as_of: asOf, persons: s.persons, rows: s.rows, refunds: s.refunds, duplicates: s.duplicates, too_many_payments: s.tooManyPayments,
    ...how,
  };
  await ctx.save();
  await ctx.db.afterStep();
  report({
    event: 'reconcile_done', coverage_year: year, as_of: asOf, persons: s.persons, rows: s.rows, refunds: s.refunds, duplicates: s.duplicates,
    too_many_payments: s.tooManyPayments, ...how, seconds: secondsSince(t0),
  });
  return s;
}

export async function exportStep(
  ctx: RunContext,
  options: {
    out: string; year: number; lang: Lang; outcome?: 'done' | 'done_with_rejected_files'; spilled?: SpilledReconciliation; gid?: number | null;
    targets?: EnrollmentTargets | null;
  },
): Promise<ExportSummary> {
  const t0 = performance.now();
  const { run } = ctx;
  const s = await exportOutputs(ctx.db, {
    outDir: options.out, year: options.year, lang: options.lang, toolVersion: version(), outcome: options.outcome, spilled: options.spilled, gid: options.gid,
    targets: options.targets ?? null,
    run: {
      runId: run.runId, startedAt: run.startedAt, command: run.command, parameters: run.parameters, inputs: run.inputs, steps: run.steps,
      deferred: run.steps.ingest?.deferred ?? [], skippedEntries: run.steps.ingest?.skipped_entries ?? [],
      databaseCreated: run.databaseCreated,
    },
  });
  // reconciliation_lines: `spilled`, `reused` (the previous file's lines, the changed persons' merged in) or
  // `formatted`, with why not reused (export/previous-lines.ts).
  const lines = { reconciliation_lines: s.reconciliationLines.lines, reconciliation_lines_reason: s.reconciliationLines.reason };
  run.steps.export = { out: s.outDir, files: s.files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })), ...lines };
  await ctx.save();
  ctx.report({ event: 'export_done', out: s.outDir, files: s.files.map((f) => ({ name: f.name, rows: f.rows })), ...lines, seconds: secondsSince(t0),
    // workbook.xlsx's and report.html's shares of the export, apart (the benchmark's workbook_s and report_s).
    workbook_seconds: Math.round(s.workbookSeconds * 1000) / 1000, workbook_wait_seconds: Math.round(s.workbookWaitSeconds * 1000) / 1000, report_seconds: Math.round(s.reportSeconds * 1000) / 1000,
    // The CSVs' share, and reconciliation.csv's of it (issue 21: an incremental night's merge pass).
    csv_seconds: Math.round(s.csvSeconds * 1000) / 1000, reconciliation_seconds: Math.round(s.reconciliationLines.seconds * 1000) / 1000,
  });
  return s;
}
