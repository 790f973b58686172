import { Worker } from 'node:worker_threads';
import { messagesOf } from '../base/worker-messages.js';
import type { WrittenFile } from './csv-file.js';
import type { WorkbookInputs } from './workbook-sheets.js';

/** What the workbook's thread is given: where to read (the database's target) and what to write. */
export type WorkbookJob = { target: string; path: string; name: string; inputs: WorkbookInputs };

/** Its one message: the file written and the seconds it took, or the error's message (and a filesystem error's code). */
export type WorkbookMessage =
  | { type: 'done'; file: WrittenFile; seconds: number }
  | { type: 'failed'; message: string; code: string | null; named: boolean };

/** A workbook being written: `done` settles with the file (or the error), `cancel` stops it. */
export type WorkbookInProgress = { done: Promise<{ file: WrittenFile; seconds: number }>; cancel(): Promise<void> };

/**
 * Starts writing workbook.xlsx on a thread of its own (workbook-worker.ts), so that it is written while this
 * thread writes the CSVs: the export used one of the two cores, and the workbook was half of its 30 s at 5M
 * persons (docs/performance.md, "Session 11"). The workbook reads the same committed rows the CSVs do,
 * through readers of its own. The zip (archiver) is loaded on that thread only, and its heap is capped like the
 * other workers': the rows stream through (workbook-file.ts), so a small heap keeps the export's memory flat.
 *
 * An error on that thread comes back as an Error with the same message (a filesystem error with its code,
 * named as file-error.ts names it; a database error named with the database), so the operator reads what
 * this thread would have said; it ends the export with exit 1, as it did. `done` has a handler from the
 * start: a failure while the CSVs are still being written is not an unhandled rejection. It is thrown where
 * the export waits for the workbook, after the CSVs: a failing workbook is reported that much
 * later, never lost, and the folder is removed as for any failure. (Stopping the CSVs half-way instead would
 * need every write to ask; the CSVs are a few seconds even at 5M persons.)
 */
export function startWorkbook(job: WorkbookJob): WorkbookInProgress {
  const worker = new Worker(new URL('./workbook-worker.js', import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
  const done = (async () => {
    try {
      for await (const m of messagesOf<WorkbookMessage>(worker, () => true)) {
        if (m.type === 'done') return { file: m.file, seconds: m.seconds };
        throw Object.assign(new Error(m.message), m.code ? { code: m.code, named: m.named } : {});
      }
      throw new Error('the workbook thread stopped before it wrote workbook.xlsx');
    } finally {
      await worker.terminate();
    }
  })();
  done.catch(() => undefined);
  return { done, cancel: async () => { await worker.terminate(); } };
}
