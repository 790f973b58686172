import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/open-database.js';

/**
 * The covering index reconcile reads the year's payments through, in person order (created by migration
 * 004, which stays as written: migrations are history). This is its definition for re-creating it after a
 * bulk load; test/e2e/ingest.bulk-load.test.ts checks that both give the same index.
 */
export const RECONCILE_INDEX = 'payments_for_reconcile';
const RECONCILE_INDEX_COLUMNS = [
  'coverage_year', 'id_number', 'paid_on', 'paid_time', 'txn_id', 'region_code', 'amount_fen', 'payer_type', 'category', 'tier', 'name',
] as const;

/**
 * Whether tonight's files are a bulk load: more new input bytes than all payment files held so far (the
 * first nights of a deployment, a benchmark). Every payment then goes into a random place of the
 * covering index, a page read and written per row once the index outgrows the page cache, which grew
 * the ingest faster than the input (docs/performance.md); building the index once after the load is one
 * sort. A usual night adds a small share, and keeps the index. A file whose name and size match a held
 * file counts as held here (an inbox keeps the files of earlier nights); whether it is skipped is still
 * decided by its sha256 when its turn comes.
 */
export async function isBulkLoad(k: Kysely<Database>, files: { name: string; bytes: number }[]): Promise<boolean> {
  const held = await k.selectFrom('ingested_files').select(['file_name', 'bytes', 'kind']).where('status', '=', 'ingested').execute();
  const seen = new Set(held.map((f) => `${f.file_name}\u0000${f.bytes}`));
  const heldPayments = held.reduce((n, f) => n + (f.kind === 'payments' ? Number(f.bytes) : 0), 0);
  const incoming = files.reduce((n, f) => n + (seen.has(`${f.name}\u0000${f.bytes}`) ? 0 : f.bytes), 0);
  return incoming > heldPayments;
}

/**
 * Runs `load` (the files, each its own transaction) without the covering index, and builds it after,
 * also when `load` throws. A run killed in between leaves the index missing: `ensureReconcileIndex`
 * builds it again at the next ingest or reconcile.
 */
export async function withoutReconcileIndex<T>(db: Db, load: () => Promise<T>): Promise<T> {
  await db.kysely.schema.dropIndex(RECONCILE_INDEX).ifExists().execute();
  try {
    return await load();
  } finally {
    await ensureReconcileIndex(db);
  }
}

/** Creates the covering index if it is missing (a no-op when it is there). */
export async function ensureReconcileIndex(db: Db): Promise<void> {
  await db.kysely.schema.createIndex(RECONCILE_INDEX).ifNotExists().on('payments').columns([...RECONCILE_INDEX_COLUMNS]).execute();
}
