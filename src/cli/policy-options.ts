import { PolicySet } from '../policy/policy-set.js';

/**
 * Loads and validates every policy file (shipped, then --policies DIR over them). A malformed file throws
 * PolicyFileError, which stops the run before anything is ingested (exit 1, naming file, key, problem).
 */
export function loadPolicies(dir: string | undefined): PolicySet {
  return PolicySet.load(dir);
}
