import type { Appender, Db } from './db.js';
import { RECON_DUPLICATES, RECON_HORIZONS, RECON_REFUNDS, RECON_RESULTS, RECON_SUSPENSIONS } from './result-shapes.js';

/**
 * A batch of the results layer's rows, each as its row shape's values (result-shapes.ts). `horizons`: the
 * holds-until dates of persons without rows (RECON_HORIZONS), absent where there are none.
 */
export type ResultRows = { results: unknown[][]; refunds: unknown[][]; duplicates: unknown[][]; suspensions: unknown[][]; horizons?: unknown[][] };

/**
 * Writes result rows into recon_results, recon_refunds, recon_duplicates and recon_suspensions on the writer's connection
 * (inside reconcile's open transaction): one appender per table. `inPlace()` gives the same writer with
 * recon_results' rows written over the stored rows of the same key (Db.replacingAppender), or null where
 * the engine has no such appender: an incremental night then deletes the rows it recomputes first.
 */
export function resultWriter(db: Db) {
  const writer = (results: Appender) => {
    const refunds = db.appender(RECON_REFUNDS);
    const duplicates = db.appender(RECON_DUPLICATES);
    const suspensions = db.appender(RECON_SUSPENSIONS);
    const horizons = db.appender(RECON_HORIZONS);
    return {
      async write(m: ResultRows) {
        await addAll(results, m.results);
        await addAll(refunds, m.refunds);
        await addAll(duplicates, m.duplicates);
        await addAll(suspensions, m.suspensions);
        if (m.horizons) await addAll(horizons, m.horizons);
      },
      flush: async () => { for (const a of [results, refunds, duplicates, suspensions, horizons]) await a.flush(); },
    };
  };
  return {
    ...writer(db.appender(RECON_RESULTS)),
    inPlace: () => (db.replacingAppender ? writer(db.replacingAppender(RECON_RESULTS)) : null),
  };
}

async function addAll(appender: Appender, rows: unknown[][]): Promise<void> {
  for (const row of rows) {
    const writing = appender.add(row);
    if (writing) await writing; // only when a chunk is being sent (PostgreSQL): no await per row
  }
}
