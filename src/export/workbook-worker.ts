import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../db/open-database.js';
import { writeWorkbook } from './workbook-file.js';
import { workbookSheets } from './workbook-sheets.js';
import type { WorkbookJob, WorkbookMessage } from './workbook-thread.js';

/**
 * The workbook's thread (workbook-thread.ts): reads its sheets' rows on connections of its own (committed
 * data: the export runs after the reconcile has committed) and writes workbook.xlsx, then says what it wrote,
 * or why it could not, in one message. A filesystem error keeps its code and its naming (file-error.ts).
 */
async function main(job: WorkbookJob): Promise<WorkbookMessage> {
  const started = performance.now();
  const db = await openReader(job.target);
  try {
    const file = await writeWorkbook(job.path, job.name, workbookSheets(db, job.inputs));
    return { type: 'done', file, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    const e = err as (NodeJS.ErrnoException & { named?: boolean }) | null;
    return { type: 'failed', message: e instanceof Error ? e.message : String(err), code: e?.code ?? null, named: e?.named === true };
  } finally {
    await db.close();
  }
}

parentPort!.postMessage(await main(workerData as WorkbookJob));
