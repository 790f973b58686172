import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { PolicySet, type PolicySetData } from '../policy/policy-set.js';

/** A reconcile as recorded, with the policy set it applied (null for a reconcile older than stored sets). */
export type StoredReconcile = { coverageYear: number; asOf: string; reconciledAt: string; policies: PolicySet | null };

/**
 * The latest reconcile (of `year`, when given) and the policy set it applied, as stored with it
 * (reconciliations.policy_set): what `recon explain` and `recon policies --db` show, so that they describe
 * the values the results rest on, not the policy files on disk now (spec 6, v2). Null when nothing was
 * reconciled (for that year).
 */
export async function storedReconcile(k: Kysely<Database>, year?: number): Promise<StoredReconcile | null> {
  const row = await k.selectFrom('reconciliations').select(['coverage_year', 'as_of', 'reconciled_at', 'policy_set'])
    .$if(year !== undefined, (q) => q.where('coverage_year', '=', year!))
    .orderBy('reconciled_at', 'desc').orderBy('coverage_year', 'desc').executeTakeFirst();
  if (!row) return null;
  return {
    coverageYear: row.coverage_year, asOf: row.as_of, reconciledAt: row.reconciled_at,
    policies: row.policy_set === null ? null : PolicySet.fromData(JSON.parse(row.policy_set) as PolicySetData),
  };
}
