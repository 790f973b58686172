import type { PolicyChain, Sourced, WindowPolicy } from '../../policy/policy-chain.js';

/**
 * What rule 4 reads from the policy of the row's region: the personal standard for the row's category and
 * tier, and the collection window (rule 3 counts entries against it, rule 6 takes the deadline from it).
 * Either absent is a policy gap naming the key (`POLICY_GAP:<key>`), never a guess.
 */
export type RegionPolicy = { standard: Sourced<number>; window: WindowPolicy } | { gaps: string[] };

export function regionPolicy(chain: PolicyChain, category: string, tier: string): RegionPolicy {
  const standard = chain.standard(category, tier);
  const window = chain.window();
  if ('gap' in standard || 'gap' in window) {
    const gaps: string[] = [];
    if ('gap' in standard) gaps.push(standard.gap);
    if ('gap' in window) gaps.push(window.gap);
    return { gaps };
  }
  return { standard, window };
}

/** A row's expected amounts (rule 4); null where a policy gap leaves them unknown, `gaps` naming why. */
export type Expected = {
  standard: number | null;
  subsidy: number | null;
  /** E */
  personal: number | null;
  /** A */
  assistance: number | null;
  gaps: string[];
};

/** Rule 4: E = standard − S, A = S. */
export function expectedAmounts(standard: number, subsidy: number): Expected {
  return { standard, subsidy, personal: standard - subsidy, assistance: subsidy, gaps: [] };
}

/** A row whose money a policy gap leaves unknown (the standard shown where it is known). */
export function unknownAmounts(gaps: string[], standard: number | null = null): Expected {
  return { standard, subsidy: null, personal: null, assistance: null, gaps };
}
