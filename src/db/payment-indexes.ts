import type { Db } from './db.js';

/**
 * The indexes of `payments` a bulk load builds after its files instead of row by row (ingest-files.ts):
 * - `payments_for_reconcile`, the covering index reconcile reads the year's payments through, in person
 *   order (migration 004);
 * - `payments_by_source`, by which an incremental night finds a file's payments (migration 014): maintained
 *   row by row it cost a 5M-person first ingest about 10 s (docs/performance.md);
 * - `payments_by_date`, by which an incremental night finds the payments dated since the last as-of date
 *   (migration 019; reconcile/dirty-persons.ts): through the covering index it read the year's entries,
 *   1.5 s a night at 5M persons.
 * The migrations stay as written (they are history); these are the definitions for re-creating them, and
 * test/e2e/ingest.bulk-load.test.ts checks that both give the same indexes.
 */
export const PAYMENT_INDEXES = {
  payments_for_reconcile: [
    'coverage_year', 'id_number', 'paid_on', 'paid_time', 'txn_id', 'region_code', 'amount_fen', 'payer_type', 'category', 'tier', 'name',
  ],
  payments_by_source: ['source_sha256'],
  payments_by_date: ['paid_on', 'coverage_year', 'id_number'],
} as const;

/**
 * Runs `load` (the files, each its own transaction) without the payments' indexes, and builds them after,
 * also when `load` throws. A run killed in between leaves them missing: `ensurePaymentIndexes` builds them
 * again at the next ingest or reconcile.
 */
export async function withoutPaymentIndexes<T>(db: Db, load: () => Promise<T>): Promise<T> {
  for (const name of Object.keys(PAYMENT_INDEXES)) await db.kysely.schema.dropIndex(name).ifExists().execute();
  try {
    return await load();
  } finally {
    await ensurePaymentIndexes(db);
  }
}

/** Creates the payments' indexes that are missing (a no-op when they are there). */
export async function ensurePaymentIndexes(db: Db): Promise<void> {
  for (const [name, columns] of Object.entries(PAYMENT_INDEXES)) {
    await db.kysely.schema.createIndex(name).ifNotExists().on('payments').columns([...columns]).execute();
  }
}
