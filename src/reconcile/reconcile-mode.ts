import type { PolicySetData } from '../policy/policy-set.js';

/**
 * Why a night recomputes every person instead of those whose result can have changed (issue 21): the inputs
 * to every result changed, or there is nothing to start from.
 * - `requested`: `--full`;
 * - `first_reconcile`: no previous reconcile of the year in this database;
 * - `tool_version`: the results were made by another version of the tool (its rules may differ), or before
 *   versions were recorded;
 * - `policy_set`: the effective policy set differs from the one the results were made with;
 * - `as_of_earlier`: the as-of date is before the last one (a replay: facts known then may be unknown now);
 * - `most_persons`: so many persons would be recomputed that recomputing all is cheaper (dirty-persons.ts).
 */
export type FullReason = 'requested' | 'first_reconcile' | 'tool_version' | 'policy_set' | 'as_of_earlier' | 'most_persons';

/** What the stored reconcile of the year says (the reconciliations row). */
export type StoredReconcile = { as_of: string; tool_version: string | null; policy_set: string | null };

/**
 * The reason tonight must be a full reconcile, or null when an incremental one gives the same results. The
 * policy sets are compared by their files' values and citations, not by where the files were read from.
 */
export function fullReason(
  stored: StoredReconcile | undefined, tonight: { asOf: string; toolVersion: string; policies: PolicySetData; full: boolean },
): FullReason | null {
  if (tonight.full) return 'requested';
  if (!stored) return 'first_reconcile';
  if (stored.tool_version !== tonight.toolVersion) return 'tool_version';
  if (stored.policy_set === null || policyKey(JSON.parse(stored.policy_set) as PolicySetData) !== policyKey(tonight.policies)) return 'policy_set';
  if (tonight.asOf < stored.as_of) return 'as_of_earlier';
  return null;
}

/** The effective values of a policy set, in a stable order: what the rules read of it. */
function policyKey(data: PolicySetData): string {
  const files = data.files.map((f) => JSON.stringify(f)).sort();
  return JSON.stringify(files);
}
