import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Db } from '../db/db.js';
import type { StoredReject } from '../db/row-store.js';
import { isSpreadsheetDamage } from './id-number-reject.js';

/**
 * The rejects of a file about to be rejected whole (TOO_MANY_REJECTS), carried across the rollback of its
 * rows so that they can still be listed (spec 2.4, v2). They are in `rejected_rows` only inside the file's
 * transaction, which must roll back (its accepted rows and roster updates must go); a temporary table
 * would roll back with it. So they are streamed, in line order, to a JSON-lines file in an owner-only
 * folder under the system's temporary folder (TMPDIR; an emptyDir in the CronJob), and streamed back into
 * the rejected file's own transaction. Neither side holds more than a batch: memory stays flat whatever
 * the number of bad rows; the disk holds about their raw text once. The folder is removed once the file's
 * record is written (or whatever happens).
 */
export type RejectSpill = {
  /** Rows spilled. */
  rows: number;
  /** Rejects per reason code, for the line-0 detail. */
  byReason: Map<string, number>;
  /** Of the BAD_ID_NUMBER rejects, those a spreadsheet damaged (the cause the line-0 detail names). */
  spreadsheetIds: number;
  /** The rows, in line order, a batch at a time. */
  read(): AsyncGenerator<StoredReject[]>;
  /** Removes the spill (idempotent). */
  dispose(): void;
};

const BATCH = 2000;

/** Streams the file's stored rejects (inside its open transaction, on the writer) to a spill file. */
export async function spillRejects(db: Db, sha256: string): Promise<RejectSpill> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-rejects-'));
  const path = join(dir, 'rejects.jsonl');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const byReason = new Map<string, number>();
  let spreadsheetIds = 0;
  let rows = 0;
  try {
    const out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
    const query = db.kysely.selectFrom('rejected_rows').select(['line', 'kind', 'reason', 'detail', 'raw'])
      .where('file_sha256', '=', sha256).where('line', '>', 0).orderBy('line');
    for await (const batch of db.writerBatches(query, BATCH)) {
      let text = '';
      for (const r of batch) {
        byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
        if (isSpreadsheetDamage(r.reason, r.detail)) spreadsheetIds++;
        text += JSON.stringify([r.line, r.kind, r.reason, r.detail, r.raw]) + '\n';
      }
      rows += batch.length;
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  } catch (err) {
    dispose();
    // A write error (ENOSPC...) names no file: say which, so the operator knows which disk is full.
    if ((err as NodeJS.ErrnoException).syscall === 'write') throw new Error(`${path}: ${(err as Error).message}`, { cause: err });
    throw err;
  }
  return { rows, byReason, spreadsheetIds, read: () => readSpill(path), dispose };
}

async function* readSpill(path: string): AsyncGenerator<StoredReject[]> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let batch: StoredReject[] = [];
  for await (const l of lines) {
    const [line, kind, reason, detail, raw] = JSON.parse(l) as [number, string, string, string, string];
    batch.push({ line, kind, reason, detail, raw });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
