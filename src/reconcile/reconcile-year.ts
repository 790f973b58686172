import type { Db } from '../db/db.js';
import { keepPreviousResults } from '../db/previous-results.js';
import { ensureReconcileIndex } from '../db/reconcile-index.js';
import { checkInvariants } from '../db/result-invariants.js';
import { recordRegionHistory } from '../db/region-history.js';
import { nowInShanghai, preciseNowInShanghai } from '../normalise/dates.js';
import type { PolicySet } from '../policy/policy-set.js';
import { findPossibleDuplicates, reviewPossibleDuplicates } from './find-possible-duplicates.js';
import { reconcilePersons } from './reconcile-persons.js';
import { RECON_DUPLICATES } from '../db/result-shapes.js';
import type { ResultSink } from './result-sink.js';

/** `tooManyPayments`: persons past MAX_PAYMENTS_PER_PERSON (person-stream.ts), reported as TOO_MANY_PAYMENTS. */
export type ReconcileSummary = {
  year: number; asOf: string; persons: number; rows: number; refunds: number; duplicates: number; tooManyPayments: number;
};

/**
 * Reconciles coverage year `year` as of `asOf` and replaces that year's results, in one transaction
 * (a crash leaves the previous results): every person on the worker thread (reconcile-persons.ts), their
 * rows into `sink`, which `run` wires to the result tables and, for `recon run`, to reconciliation.csv's
 * spill (run/steps.ts); then the possible duplicates among the stored rows (rule 8) and the REVIEW they
 * add to those rows (rule 10, told to the sink as amendments), and the invariants
 * (db/result-invariants.ts), and the per-region totals the report's trend reads (db/region-history.ts). SQL does the set work (ordering, blocking, the invariant sums). Whatever the
 * sink holds is flushed before this returns.
 */
export async function reconcileYear(
  db: Db, policies: PolicySet, year: number, asOf: string, sink: ResultSink, onProgress: (persons: number) => void = () => {},
): Promise<ReconcileSummary> {
  const k = db.kysely;
  // The worker reads the payments through this index; a run killed during a bulk load left it missing.
  await ensureReconcileIndex(db);
  let summary: ReconcileSummary | null = null;
  await db.transaction(async () => {
    const previousAsOf = await keepPreviousResults(db, year, asOf); // and makes way in recon_results
    sink.begin?.({ previousAsOf });
    for (const table of ['recon_refunds', 'recon_duplicates', 'recon_suspensions'] as const) {
      await k.deleteFrom(table).where('coverage_year', '=', year).execute();
    }
    const counts = await reconcilePersons(db.target, policies, year, asOf, sink, onProgress);
    await sink.flush();
    const pairs = await findPossibleDuplicates(db, year);
    await sink.write({ results: [], refunds: [], duplicates: pairs.map((d) => RECON_DUPLICATES.values(d, year)), suspensions: [] });
    await sink.flush();
    if (pairs.length) {
      const amended = await reviewPossibleDuplicates(db, year); // rule 10: REVIEW for both persons of a pair
      sink.amend?.(amended);
    }
    summary = { year, asOf, ...counts, duplicates: counts.duplicates + pairs.length };
    sink.verify?.(counts.rows);
    await checkInvariants(db, year, asOf);
    await k.deleteFrom('reconciliations').where('coverage_year', '=', year).execute();
    await k.insertInto('reconciliations').values({
      coverage_year: year, as_of: asOf, reconciled_at: nowInShanghai(), persons: counts.persons,
      result_rows: counts.rows, policy_sources: JSON.stringify(policies.sources.map((s) => ({ file: s.file.split('/').pop(), sha256: s.sha256, origin: s.origin }))),
      policy_set: JSON.stringify(policies.toData()), previous_as_of: previousAsOf,
    }).execute();
    // The report's trend: this reconcile's per-region totals, kept beside the earlier ones (spec 5, v2),
    // keyed to the millisecond (two reconciles can fall within one second).
    await recordRegionHistory(k, year, preciseNowInShanghai(), asOf);
  });
  return summary!;
}
