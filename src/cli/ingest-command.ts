import { parseArgs } from 'node:util';
import type { FileReport } from '../ingest/ingest-file.js';
import { listInputs, type InputEntry } from '../ingest/inbox-entries.js';
import { ingestStep } from '../run/steps.js';
import { fileOutcomeNote, setAsideNote } from '../run/text-reporter.js';
import { visible } from '../run/visible-text.js';
import { withRun } from '../run/with-run.js';
import { EXIT, UsageError } from '../base/recon-error.js';
import { stepReporter } from './log-option.js';
import { databasePath, maxRejectRate, settleSeconds } from './options.js';

export const INGEST_HELP = `recon ingest [--db FILE|URL] [--max-reject-rate R] [--settle SECONDS] [--rescan] FILE|DIR...
  Loads payment CSVs, assistance rosters and employee-insurance enrollment lists into the database,
  one transaction per file.
  A folder stands for the files in it. Files already ingested (same bytes) are skipped.
  As in recon run, a folder's temporary-looking files are deferred; so are files modified less than
  --settle seconds ago (default 0 here: the files named are taken as complete).
  A file held since an earlier run and unchanged since (its stamp) is skipped without being read;
  --rescan reads every file again (docs/ingest.md).`;

/** `recon ingest FILE...`: prints one line per file; exit 4 when a file was rejected whole. */
export async function ingestCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, 'max-reject-rate': { type: 'string' }, settle: { type: 'string' }, rescan: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('needs at least one FILE or DIR');
  const rate = maxRejectRate(values['max-reject-rate']);
  const settle = settleSeconds(values.settle, 0);
  let entries: InputEntry[];
  try {
    entries = listInputs(positionals, settle);
  } catch (err) {
    throw new UsageError(`cannot read input: ${(err as Error).message}`);
  }
  const rescan = values.rescan ?? false;
  const parameters = { files: positionals, db: databasePath(values.db), max_reject_rate: rate, settle, rescan };
  const result = await withRun({ dbPath: parameters.db, create: true, command: 'ingest', parameters, report: stepReporter() }, async (ctx) => {
    const { reports, deferred, skipped } = await ingestStep(ctx, entries, rate, rescan);
    for (const r of reports) out.write(formatReport(r) + '\n');
    for (const d of deferred) out.write(setAsideNote('deferred', { file: d.name, reason: d.reason }).trimStart() + '\n');
    for (const s of skipped) out.write(setAsideNote('skipped', { file: s.name, reason: s.reason }).trimStart() + '\n');
    const rejectedWhole = reports.some((r) => r.outcome === 'rejected');
    return { status: rejectedWhole ? 'done_with_rejected_files' : 'done', exitCode: rejectedWhole ? EXIT.fileRejected : EXIT.done } as const;
  });
  return result.exitCode;
}

/**
 * `payments  gb18030    read 12 / accepted 10 / repeats 1 / rejected 1  tax-2022-10.csv`, the name with its
 * control characters escaped (visible-text.ts).
 */
export function formatReport(r: FileReport): string {
  return (
    `${(r.kind ?? 'unknown').padEnd(9)} ${(r.encoding ?? '-').padEnd(10)} ` +
    `read ${r.rowsRead} / accepted ${r.accepted} / repeats ${r.repeats} / rejected ${r.rejected}  ${visible(r.file)}${fileOutcomeNote(r)}`
  );
}
