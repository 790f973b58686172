import type { Db } from './db.js';

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
