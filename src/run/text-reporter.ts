import type { Reporter, RunEvent } from './run-events.js';
import { visible, visibleDeep } from './visible-text.js';

const REDRAW_EVERY_MS = 100;
const BAR_WIDTH = 24;

/** `[##########--------------]  42%` */
export function progressBar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
}

const count = (n: number) => n.toLocaleString('en-US');
const rate = (mbPerS: number) => `${mbPerS.toFixed(1)} MB/s`;

/** What a file's line says after its counts (FileReport's and file_done's fields, as their names go). */
export type FileOutcome = {
  outcome: 'ingested' | 'skipped' | 'rejected';
  rejectReason: string | null;
  rejectDetail: string | null;
  /** A skipped file: when (`YYYY-MM-DDTHH:MM:SS+08:00`) and as which name its bytes were ingested. */
  ingestedAt: string | null;
  ingestedAs: string | null;
};

/**
 * What follows a file's counts when it was not read now: skipped (the same bytes were ingested before,
 * saying when and under which name, since tonight's name may differ; its counts are then 0) or rejected
 * whole, with the reason and its detail. The same words in `recon ingest`'s result lines and the run's log.
 */
export function fileOutcomeNote(f: FileOutcome): string {
  if (f.outcome === 'skipped') {
    const when = f.ingestedAt ? ` on ${f.ingestedAt.slice(0, 19).replace('T', ' ')}` : '';
    return visible(`  (already ingested${when}${f.ingestedAs === null ? '' : ` as ${f.ingestedAs}`}: skipped)`);
  }
  if (f.outcome === 'rejected') return visible(`  REJECTED ${f.rejectReason}${f.rejectDetail ? ` (${f.rejectDetail})` : ''}`);
  return '';
}

/** The line for an inbox entry not read tonight: deferred (tried again next run) or not a file. */
export function setAsideNote(what: 'deferred' | 'skipped', entry: { file: string; reason: string }): string {
  return visible(what === 'deferred'
    ? `  deferred  ${entry.file}  (${entry.reason}; tried again next run)`
    : `  skipped   ${entry.file}  (${entry.reason}: not read)`);
}

/**
 * What follows the reconcile's counts when persons had more payments than the rules may hold (docs/rules.md,
 * TOO_MANY_PAYMENTS): a count only, never who. The same words in `recon reconcile`'s result line and the log.
 */
export function tooManyPaymentsNote(persons: number): string {
  return persons ? `; ${persons} with too many payments to reconcile (TOO_MANY_PAYMENTS, for review)` : '';
}

/**
 * One line per event a person reads; progress lines are drawn (and redrawn in place) only on a terminal.
 * Every string of the event (file names, paths, reasons) is shown with its control characters escaped
 * (visible-text.ts), so that no file name can rewrite the terminal or forge a line of the log.
 */
export function renderEvent(event: RunEvent): string | null {
  const e = visibleDeep(event);
  switch (e.event) {
    case 'run_started':
      return `recon ${e.command}: run ${e.run_id}`;
    case 'database_created':
      return `note: created the database ${e.db}, where there was none: expected on the first run only; on any other, check --db (a volume not mounted?)`;
    case 'run_interrupted_found':
      return `note: run ${e.run_id} (recon ${e.command}, pid ${e.pid} on ${e.host}, started ${e.started_at}) was killed before it finished; its lock was released when it died and it is now marked interrupted`;
    case 'out_recovered':
      return [
        e.restored ? `note: ${e.out} was missing (a swap was killed between its two renames); the previous outputs were put back from ${e.restored}` : null,
        e.removed.length > 0 ? `note: removed ${e.removed.length} folder(s) left beside ${e.out} by killed runs` : null,
      ].filter(Boolean).join('\n');
    case 'file_started':
      return null;
    case 'file_progress':
      return `  ${e.file}  ${progressBar(e.bytes_read, e.bytes)}  ${count(e.rows_read)} rows  ${rate(e.bytes_read / 1e6 / Math.max(e.seconds, 0.001))}`;
    case 'file_done': {
      const outcome = fileOutcomeNote({
        outcome: e.outcome, rejectReason: e.reject_reason, rejectDetail: e.reject_detail, ingestedAt: e.ingested_at, ingestedAs: e.ingested_as,
      }) || `  (${e.seconds} s, ${rate(e.mb_per_s)})`;
      return `  ${(e.kind ?? 'unknown').padEnd(9)} read ${count(e.rows_read)} / accepted ${count(e.accepted)} / repeats ${count(e.repeats)} / rejected ${count(e.rejected)}  ${e.file}${outcome}`;
    }
    case 'file_deferred':
      return setAsideNote('deferred', e);
    case 'entry_skipped':
      return setAsideNote('skipped', e);
    case 'reconcile_started':
      return null;
    case 'reconcile_progress':
      return `  reconcile  ${e.persons_total ? progressBar(e.persons, e.persons_total) + '  ' : ''}${count(e.persons)} persons  (${count(Math.round(e.persons / Math.max(e.seconds, 0.001)))}/s)`;
    case 'reconcile_done':
      return `  reconciled ${e.coverage_year} as of ${e.as_of}: ${count(e.persons)} persons, ${count(e.rows)} rows, ${count(e.refunds)} refunds, ${count(e.duplicates)} duplicate findings${tooManyPaymentsNote(e.too_many_payments)}; ${recomputedNote(e)} (${e.seconds} s)`;
    case 'export_done':
      return `  wrote ${e.files.length} files to ${e.out} (${e.seconds} s)${linesNote(e.reconciliation_lines, e.reconciliation_lines_reason)}`;
    case 'run_finished':
      return `recon: run ${e.run_id} ${e.status} (exit ${e.exit_code}, ${e.seconds} s)`;
    case 'run_refused':
    case 'run_failed':
      return null; // the CLI prints the error itself (src/cli/main.ts), once, whatever the log format
  }
}

/**
 * Human output on stderr. On a terminal, progress events redraw one line in place (at most every 100 ms);
 * elsewhere (a pipe, a file) progress is left out and every other event is one plain line. With
 * `progressOnly` (the step commands, which print their own result lines on stdout) only the progress and
 * the notes an operator must see (an interrupted run found, a database created) are shown.
 */
export function textReporter(err: { write(s: string): unknown; isTTY?: boolean }, options: { progressOnly?: boolean } = {}): Reporter {
  const shownWhenProgressOnly = new Set<RunEvent['event']>(['run_interrupted_found', 'database_created', 'out_recovered']);
  const tty = Boolean(err.isTTY);
  let drawn = false;
  let lastDraw = -Infinity;
  const reporter = (e: RunEvent) => {
    const line = renderEvent(e);
    const progress = e.event === 'file_progress' || e.event === 'reconcile_progress';
    if (progress) {
      if (!tty || line === null) return;
      const t = performance.now();
      if (t - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = t;
      err.write(`\r\x1b[K${line}`);
      drawn = true;
      return;
    }
    if (line === null || (options.progressOnly && !shownWhenProgressOnly.has(e.event))) {
      if (drawn) err.write('\r\x1b[K');
      drawn = false;
      return;
    }
    err.write(`${drawn ? '\r\x1b[K' : ''}${line}\n`);
    drawn = false;
  };
  return Object.assign(reporter, { wantsTotals: tty });
}

/** How many persons a night put through the rules, and why (issue 21). */
export function recomputedNote(e: { mode: string; full_reason: string | null; recomputed: number; recomputed_by: Record<string, number> | null }): string {
  if (e.mode === 'full') return `full (${(e.full_reason ?? '').replaceAll('_', ' ')}): ${count(e.recomputed)} persons recomputed`;
  const why = Object.entries(e.recomputed_by ?? {}).filter(([, n]) => n > 0).map(([reason, n]) => `${reason.replaceAll('_', ' ')} ${count(n)}`);
  return `incremental: ${count(e.recomputed)} persons recomputed${why.length ? ` (${why.join(', ')})` : ''}`;
}

/** How reconciliation.csv was made, where it is news: its previous lines reused, or formatted whole although the reconcile was incremental (why). */
function linesNote(lines: string, reason: string | null): string {
  if (lines === 'reused') return '; reconciliation.csv: the previous file\'s unchanged lines reused';
  if (lines === 'formatted' && reason !== 'full_reconcile') return `; reconciliation.csv: every line formatted (${reason ?? ''})`;
  return '';
}
