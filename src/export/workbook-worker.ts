import { parentPort, workerData } from 'node:worker_threads';
import { namedDatabaseError } from '../db/database-errors.js';
import { openReader } from '../db/open-database.js';
import type { ReadDb } from '../db/db.js';
import { writeWorkbook } from './workbook-file.js';
import { workbookSheets } from './workbook-sheets.js';
import type { WorkbookJob, WorkbookMessage } from './workbook-thread.js';

/**
 * The workbook's thread (workbook-thread.ts): reads its sheets' rows on connections of its own (committed
 * data: the export runs after the reconcile has committed) and writes workbook.xlsx, then says what it wrote,
 * or why it could not, in one message. The error is named here as the main thread would name it (a database
 * error with the database, database-errors.ts; a filesystem error with its path, file-error.ts), because
 * what makes an engine's error recognisable (pg's `severity`) does not cross to the other thread.
 */
async function main(job: WorkbookJob): Promise<WorkbookMessage> {
  const started = performance.now();
  let db: ReadDb | null = null;
  try {
    db = await openReader(job.target);
    const file = await writeWorkbook(job.path, job.name, workbookSheets(db, job.inputs));
    return { type: 'done', file, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    const e = namedDatabaseError(err, job.target) as (NodeJS.ErrnoException & { named?: boolean }) | null;
    return { type: 'failed', message: e instanceof Error ? e.message : String(err), code: e?.code ?? null, named: e?.named === true };
  } finally {
    await db?.close().catch(() => undefined); // a failure to close says nothing about the workbook, and must not replace its error
  }
}

parentPort!.postMessage(await main(workerData as WorkbookJob));
