import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ReconError } from '../base/recon-error.js';
import { throwIfStopped } from '../base/stop-request.js';
import { version } from '../base/version.js';
import type { Db } from '../db/db.js';
import { nowInShanghai, preciseNowInShanghai } from '../normalise/dates.js';
import type { WrittenFile } from './csv-file.js';
import { makeFolders, shareFolder, type OutputGid } from './group-access.js';
import type { Lang } from './labels.js';
import { manifestOf, writeManifest, type Manifest, type ManifestRun } from './manifest.js';
import { writeOutputFiles } from './output-files.js';
import { recoverOutFolder } from './out-folder.js';
import { previousReconciliation, type ReconciliationLines } from './previous-lines.js';
import type { SpilledReconciliation } from './region-spill.js';
import { regionTotals, type RegionTotals } from '../db/region-totals.js';
import { reportData, type EnrollmentTargets } from './report-data.js';
import { writeReport } from './report-html.js';
import { sideFolder } from './side-folder.js';
import { swapIn } from './swap-in.js';
import { startWorkbook, type WorkbookInProgress } from './workbook-thread.js';

export type ExportOptions = {
  outDir: string;
  year: number;
  lang: Lang;
  toolVersion: string;
  run?: ManifestRun;
  /**
   * The manifest's outcome. `recon run` passes its own (was a file of this run rejected whole?); by default
   * it is `done_with_rejected_files` when any file ever offered to the database was rejected whole.
   */
  outcome?: Manifest['outcome'];
  /** reconciliation.csv's lines as `recon run` wrote them during reconcile (region-spill.ts), instead of reading the rows back. */
  spilled?: SpilledReconciliation;
  /** `--group`: the group the outputs are shared with (group-access.ts); owner-only without. */
  gid?: OutputGid;
  /** `--targets`: enrollment targets per region, which report.html sets the enrolled persons against. */
  targets?: EnrollmentTargets | null;
};
/** What an export wrote, and the region totals it wrote region_summary.csv from (the night's summary reuses them). */
export type ExportSummary = {
  outDir: string; files: WrittenFile[]; manifest: Manifest; regions: RegionTotals[];
  /** The seconds report.html took (its queries, charts and file), which the benchmark reports apart. */
  reportSeconds: number;
  /** How long workbook.xlsx took to write, on its own thread (the benchmark reports it apart: docs/performance.md). */
  workbookSeconds: number;
  /**
   * How long the export waited for workbook.xlsx once the CSVs were written: what the workbook
   * adds to the run's time, as it is written beside them (workbook-thread.ts).
   */
  workbookWaitSeconds: number;
  /** The seven CSVs' seconds (reconciliation.csv's: reconciliationLines.seconds), which the benchmark reports apart. */
  csvSeconds: number;
  /** How reconciliation.csv's lines were made (spilled, reused from the previous file, formatted) and why not reused (previous-lines.ts). */
  reconciliationLines: ReconciliationLines;
};


/** Thrown when there is nothing to export: the year was never reconciled. */
export class NothingToExportError extends ReconError {}

/** The coverage year reconciled most recently; NothingToExportError when none was. */
export async function latestReconciledYear(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('reconciliations').select('coverage_year').orderBy('reconciled_at', 'desc').orderBy('coverage_year', 'desc').executeTakeFirst();
  if (!row) throw new NothingToExportError('nothing has been reconciled yet: run recon reconcile first');
  return row.coverage_year;
}

/**
 * Tests only: `RECON_TEST_OUTPUTS=csv` leaves workbook.xlsx and report.html out (the manifest then lists
 * the CSVs alone). Loading ECharts and writing both costs about 0.6 s per export, a third of a
 * fixtures run, and the suite runs the CLI hundreds of times to check things the two files do not show
 * (ingest outcomes, rules, folder safety). test/helpers/cli.ts sets it for every test; the files that check
 * the workbook, the report or the full list of outputs ask for all of them (`allOutputs()`). It is never
 * set in production: an operator's run always writes every output of spec 5.
 */
const CSV_ONLY = process.env.RECON_TEST_OUTPUTS === 'csv';

/**
 * Writes the outputs of spec 5 (seven CSVs, workbook.xlsx, report.html, manifest.json) for a reconciled year: into a temporary folder beside `outDir`, then
 * swapped in, so a failure leaves the previous outputs complete and untouched. Every CSV is sorted on a
 * full key, so the same database and as-of date give byte-identical files.
 */
export async function exportOutputs(db: Db, options: ExportOptions): Promise<ExportSummary> {
  const k = db.kysely;
  const recon = await k.selectFrom('reconciliations').selectAll().where('coverage_year', '=', options.year).executeTakeFirst();
  if (!recon) throw new NothingToExportError(`coverage year ${options.year} has not been reconciled: run recon reconcile first`);
  const startedAt = options.run?.startedAt ?? nowInShanghai();
  const outDir = resolve(options.outDir);
  const parent = dirname(outDir);
  makeFolders(parent, options.gid ?? null);
  recoverOutFolder(outDir);
  const tmp = sideFolder(outDir, 'tmp');
  mkdirSync(tmp, { mode: 0o700 });
  let workbook: WorkbookInProgress | null = null;
  try {
    // The previous reconciliation.csv is read from the folder as recovered, before the swap replaces it.
    const previous = previousReconciliation(outDir, {
      year: options.year, lang: options.lang, id: recon.reconcile_id, follows: recon.follows, toolVersion: version(),
    });
    const regions = await regionTotals(k, options.year);
    // workbook.xlsx is written on a thread of its own while this one writes the CSVs (workbook-thread.ts);
    // it is waited for before the report, and stopped if anything else fails.
    workbook = CSV_ONLY ? null : startWorkbook({
      target: db.target, path: join(tmp, 'workbook.xlsx'), name: 'workbook.xlsx', inputs: { year: options.year, lang: options.lang, asOf: recon.as_of, regions },
    });
    const { files, reconciliationLines, csvSeconds } = await writeOutputFiles(db, tmp, {
      year: options.year, lang: options.lang, resultRows: recon.result_rows, previousAsOf: recon.previous_as_of, baselineListed: Number(recon.baseline_listed) === 1,
      spilled: options.spilled, previous, regions,
    });
    const w0 = performance.now();
    const written = workbook ? await workbook.done : null;
    const workbookWaitSeconds = (performance.now() - w0) / 1000;
    if (written) files.push(written.file);
    const workbookSeconds = written?.seconds ?? 0;
    // The report after the workbook's thread has ended: ECharts (about 40 MiB once loaded) and that thread's
    // heap and its buffers are then never resident together (docs/performance.md, "Session 11"). It costs the
    // run the report's second or so, which it would otherwise spend beside the workbook.
    const t0 = performance.now();
    // "report written": when it is written, not when the run began (a run starts before its reconcile, and the
    // report would have said it was written before the reconcile it reports).
    if (!CSV_ONLY) files.push(await writeReport(join(tmp, 'report.html'), await reportData(k, recon, regions, options.targets ?? null, preciseNowInShanghai()), options.lang));
    const reportSeconds = (performance.now() - t0) / 1000;
    const manifest = await manifestOf(db, { ...options, reconcileId: recon.reconcile_id, asOf: recon.as_of, policySources: recon.policy_sources, startedAt, outputs: files });
    const manifestText = writeManifest(tmp, manifest);
    shareFolder(tmp, options.gid ?? null);
    // The last safe point for a stop (SIGTERM): after the swap the new outputs are in, and the run finishes.
    throwIfStopped();
    swapIn(tmp, outDir);
    return {
      outDir, files: [...files, { name: 'manifest.json', sha256: createHash('sha256').update(manifestText).digest('hex'), rows: 1 }], manifest, regions,
      workbookSeconds, workbookWaitSeconds, reportSeconds, reconciliationLines, csvSeconds,
    };
  } catch (err) {
    await workbook?.cancel();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
