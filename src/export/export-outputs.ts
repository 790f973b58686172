import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/open-database.js';
import { formatFen } from '../normalise/amount.js';
import { nowInShanghai } from '../normalise/dates.js';
import { hideDataCells } from '../normalise/looks-like-data.js';
import { STATUSES } from '../reconcile/person-facts.js';
import { regionName } from '../regions/region-table.js';
import { failpoint } from '../failpoints.js';
import { fileError } from '../file-error.js';
import { throwIfStopped } from '../stop-request.js';
import { guardText, moneyCell as money, textCell as text, writeCsv, writeCsvFromParts, type WrittenFile } from './csv-file.js';
import { RECONCILIATION_COLUMNS, reconciliationCells } from './reconciliation-cells.js';
import { regionTotals, type RegionTotals } from './region-totals.js';
import { sideFolder } from './side-folder.js';
import { makeFolders, shareFolder, type OutputGid } from './group-access.js';
import { notTheJobs, recoverOutFolder, writeOutMarker } from './out-folder.js';
import { withSwapLock } from './swap-lock.js';
import type { SpilledReconciliation } from './region-spill.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import { header, label, type Lang } from './labels.js';

/** The run an export belongs to, as its record in the database shows it (the manifest repeats it). */
export type ManifestRun = {
  runId: string; startedAt: string; command: string; parameters: Record<string, unknown>; inputs: unknown[]; steps: unknown;
  /** Inbox entries the run did not read: deferred files (spec 5, v2) and folders. */
  deferred?: unknown[]; skippedEntries?: unknown[];
  databaseCreated: boolean;
};

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
};
/** What an export wrote, and the region totals it wrote region_summary.csv from (the night's summary reuses them). */
export type ExportSummary = { outDir: string; files: WrittenFile[]; manifest: Manifest; regions: RegionTotals[] };

export type Manifest = {
  run_id: string;
  tool_version: string;
  command: string | null;
  parameters: Record<string, unknown> | null;
  /** Whether this run created the database it reconciled (a first night, or a wrong --db: spec 6). */
  database_created: boolean;
  as_of: string;
  coverage_year: number;
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

/** Thrown when there is nothing to export: the year was never reconciled. */
export class NothingToExportError extends Error {}

/** The coverage year reconciled most recently; NothingToExportError when none was. */
export async function latestReconciledYear(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('reconciliations').select('coverage_year').orderBy('reconciled_at', 'desc').orderBy('coverage_year', 'desc').executeTakeFirst();
  if (!row) throw new NothingToExportError('nothing has been reconciled yet: run recon reconcile first');
  return row.coverage_year;
}

/**
 * Writes the six outputs of spec 5 for a reconciled year: into a temporary folder beside `outDir`, then
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
  try {
    const { lang, year } = options;
    const files: WrittenFile[] = [];
    const h = (names: string[]) => names.map((n) => header(n, lang));

    const reconciliation = join(tmp, 'reconciliation.csv');
    const spilled = options.spilled;
    if (spilled) {
      // `recon run`: the lines were written as reconcile stored the rows; check they are this year's, in
      // this language, and as many as reconcile recorded, before copying them in.
      if (spilled.year !== year || spilled.lang !== lang || spilled.rows !== recon.result_rows) {
        throw new Error(`the spilled reconciliation lines (${spilled.year}, ${spilled.lang}, ${spilled.rows} rows) do not match ${year}, ${lang}, ${recon.result_rows} rows`);
      }
      files.push(await writeCsvFromParts(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), spilled.parts, spilled.rows));
    } else {
      // The values come in RECON_RESULTS's order (the select's), as reconciliationCells takes them.
      files.push(await writeCsv(reconciliation, 'reconciliation.csv', h([...RECONCILIATION_COLUMNS]), mapRows(
        db.valueBatches(k.selectFrom('recon_results').select([...RECON_RESULTS.inserted]).where('coverage_year', '=', year).orderBy('region_code').orderBy('id_number')),
        (values) => reconciliationCells(values, lang),
      )));
    }
    failpoint('export-file');

    files.push(await writeCsv(join(tmp, 'refunds.csv'), 'refunds.csv', h(['id_number', 'name', 'region_code', 'payee', 'amount', 'reason', 'rule']), mapRows(
      db.batches(k.selectFrom('recon_refunds').selectAll().where('coverage_year', '=', year)
        .orderBy('region_code').orderBy('id_number').orderBy('payee').orderBy('reason')),
      (r) => [text(r.id_number), text(r.name), r.region_code, label(r.payee, lang), money(r.amount), label(r.reason, lang), text(r.rule)],
    )));

    files.push(await writeCsv(join(tmp, 'duplicates.csv'), 'duplicates.csv', h(['kind', 'id_number', 'name', 'region_codes', 'txn_ids', 'other_id_number', 'detail']), mapRows(
      db.batches(k.selectFrom('recon_duplicates').selectAll().where('coverage_year', '=', year)
        .orderBy('kind').orderBy('id_number').orderBy('other_id_number').orderBy('region_codes')),
      (r) => [label(r.kind, lang), text(r.id_number), text(r.name), r.region_codes, text(r.txn_ids), text(r.other_id_number), text(r.detail)],
    )));

    files.push(await writeCsv(join(tmp, 'rejects.csv'), 'rejects.csv', h(['file', 'line', 'kind', 'reason', 'detail', 'raw']), mapRows(
      db.batches(k.selectFrom('rejected_rows').select(['file_name', 'file_sha256', 'line', 'kind', 'reason', 'detail', 'raw'])
        .orderBy('file_name').orderBy('file_sha256').orderBy('line')),
      (r) => [text(r.file_name), String(r.line), r.kind, r.reason, text(r.detail), text(r.raw)],
    )));

    const regions = await regionTotals(k, year);
    files.push(await writeCsv(join(tmp, 'region_summary.csv'), 'region_summary.csv', h(summaryColumns()), [regions.map(regionSummaryCells)]));

    const inputs = await k.selectFrom('ingested_files').selectAll().orderBy('file_name').orderBy('sha256').execute();
    const manifest: Manifest = {
      run_id: options.run?.runId ?? randomUUID(),
      tool_version: options.toolVersion,
      command: options.run?.command ?? null,
      parameters: options.run?.parameters ?? null,
      database_created: options.run?.databaseCreated ?? false,
      as_of: recon.as_of,
      coverage_year: year,
      started_at: startedAt,
      finished_at: nowInShanghai(),
      inputs: inputs.map((f) => ({
        name: f.file_name, sha256: f.sha256, kind: f.kind, encoding: f.encoding, status: f.status, reject_reason: f.reject_reason,
        rows_read: f.rows_read, accepted: f.accepted, updated: f.updated, repeats: f.repeats, rejected: f.rejected,
        blank_lines: f.blank_lines, extra_columns: hideDataCells(JSON.parse(f.extra_columns)), control_totals: JSON.parse(f.control_totals),
        ingested_at: f.ingested_at,
      })),
      run_inputs: options.run?.inputs ?? [],
      steps: options.run?.steps ?? {},
      deferred: options.run?.deferred ?? [],
      skipped_entries: options.run?.skippedEntries ?? [],
      outputs: files,
      policies: JSON.parse(recon.policy_sources),
      outcome: options.outcome ?? (inputs.some((f) => f.status === 'rejected') ? 'done_with_rejected_files' : 'done'),
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    const manifestPath = join(tmp, 'manifest.json');
    try {
      writeFileSync(manifestPath, manifestText, { mode: 0o600 });
      writeOutMarker(tmp);
    } catch (err) {
      throw fileError(manifestPath, err);
    }
    shareFolder(tmp, options.gid ?? null);
    // The last safe point for a stop (SIGTERM): after the swap the new outputs are in, and the run finishes.
    throwIfStopped();
    swapIn(tmp, outDir);
    return { outDir, files: [...files, { name: 'manifest.json', sha256: createHash('sha256').update(manifestText).digest('hex'), rows: 1 }], manifest, regions };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function* mapRows<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[]): AsyncGenerator<string[][]> {
  for await (const rows of batches) yield rows.map(map);
}

function summaryColumns(): string[] {
  return ['region_code', 'region_name', 'persons', 'expected_personal', 'collected_personal', 'expected_assistance', 'collected_assistance',
    'refund_total', 'arrears', ...STATUSES.map((s) => `count_${s}`), 'collection_rate'];
}

/** region_summary.csv's cells for one region; collection_rate = rated collected / expected, four decimals. */
function regionSummaryCells(t: RegionTotals): string[] {
  const ep = t.expectedPersonal;
  return [
    t.regionCode, guardText(regionName(t.regionCode)), String(t.persons), formatFen(ep), formatFen(t.collectedPersonal),
    formatFen(t.expectedAssistance), formatFen(t.collectedAssistance), formatFen(t.refunds), formatFen(t.arrears),
    ...STATUSES.map((s) => String(t.statuses[s])),
    ep > 0 ? (Math.round((t.ratedCollectedPersonal / ep) * 10000) / 10000).toFixed(4) : '',
  ];
}

/**
 * Replaces `outDir` with the finished `tmp` folder, under the swap lock (swap-lock.ts): check that what is
 * at `outDir` is still the job's (out-folder.ts), rename it aside, rename the new one in; then delete the
 * old, which was checked. Each rename is atomic; a kill between them leaves the old folder whole as
 * `.<name>.old-*`, which the next run or export puts back before it starts (`recoverOutFolder`).
 */
function swapIn(tmp: string, outDir: string): void {
  let old: string | null = null;
  withSwapLock(outDir, () => {
    const foreign = notTheJobs(outDir);
    if (foreign) throw new Error(`--out ${outDir} changed during the run and ${foreign}; the new outputs were not swapped in`);
    if (existsSync(outDir)) renameSync(outDir, (old = sideFolder(outDir, 'old')));
    try {
      failpoint('export-swap'); // the one moment `outDir` is absent: the old outputs are whole in `old`
      renameSync(tmp, outDir);
    } catch (err) {
      if (old) renameSync(old, outDir);
      throw err;
    }
  });
  if (old) rmSync(old, { recursive: true, force: true });
}
