import type { Appender, Db } from './db.js';
import { DUPLICATE_COLUMNS, REFUND_COLUMNS, RESULT_COLUMNS } from './table-columns.js';

/** A batch of the results layer's rows, each as its values in its table's column list order (table-columns.ts). */
export type ResultRows = { results: unknown[][]; refunds: unknown[][]; duplicates: unknown[][] };

/**
 * Writes result rows into recon_results, recon_refunds and recon_duplicates on the writer's connection
 * (inside reconcile's open transaction): one appender per table.
 */
export function resultWriter(db: Db) {
  const results = db.appender('recon_results', RESULT_COLUMNS);
  const refunds = db.appender('recon_refunds', REFUND_COLUMNS);
  const duplicates = db.appender('recon_duplicates', DUPLICATE_COLUMNS);
  const addAll = async (appender: Appender, rows: unknown[][]) => {
    for (const row of rows) {
      const writing = appender.add(row);
      if (writing) await writing; // only when a chunk is being sent (PostgreSQL): no await per row
    }
  };
  return {
    async write(m: ResultRows) {
      await addAll(results, m.results);
      await addAll(refunds, m.refunds);
      await addAll(duplicates, m.duplicates);
    },
    flush: async () => { for (const a of [results, refunds, duplicates]) await a.flush(); },
  };
}
