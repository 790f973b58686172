import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database.js';
import type { FileReport } from '../ingest/ingest-file.js';
import { expandInputs, ingestFiles } from '../ingest/ingest-files.js';
import { todayInShanghai } from '../normalise/dates.js';
import { EXIT, UsageError } from './errors.js';
import { databasePath, maxRejectRate } from './options.js';

export const INGEST_HELP = `recon ingest [--db FILE] [--max-reject-rate R] FILE|DIR...
  Loads payment CSVs and assistance rosters into the database, one transaction per file.
  A folder stands for the files in it. Files already ingested (same bytes) are skipped.`;

/** `recon ingest FILE...`: prints one line per file; exit 4 when a file was rejected whole. */
export async function ingestCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, 'max-reject-rate': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('recon ingest needs at least one FILE or DIR');
  const rate = maxRejectRate(values['max-reject-rate']);
  let files: string[];
  try {
    files = expandInputs(positionals);
  } catch (err) {
    throw new UsageError(`cannot read input: ${(err as Error).message}`);
  }
  const db = await openDatabase(databasePath(values.db));
  try {
    const reports = await ingestFiles(db, files, { maxRejectRate: rate, today: todayInShanghai() }, (r) =>
      out.write(formatReport(r) + '\n'),
    );
    return reports.some((r) => r.outcome === 'rejected') ? EXIT.fileRejected : EXIT.done;
  } finally {
    await db.close();
  }
}

/** `payments  gb18030    read 12 / accepted 10 / repeats 1 / rejected 1  tax-2022-10.csv` */
export function formatReport(r: FileReport): string {
  const outcome = r.outcome === 'ingested' ? '' : r.outcome === 'skipped' ? '  (already ingested: skipped)' : `  REJECTED ${r.rejectReason}`;
  return (
    `${(r.kind ?? 'unknown').padEnd(9)} ${(r.encoding ?? '-').padEnd(10)} ` +
    `read ${r.rowsRead} / accepted ${r.accepted} / repeats ${r.repeats} / rejected ${r.rejected}  ${r.file}${outcome}`
  );
}
