import { assistanceAmount, type PolicyChain, type ResolvedWindow } from '../../policy/policy-chain.js';
import type { Flag, PaymentFact, RosterFact } from '../person-facts.js';

/** A counted roster entry: its value (null with `gap` when the chain leaves it unknown), and whether it is `full`. */
export type CountedEntry = { entry: RosterFact; amount: number | null; gap: string | null; citation: string | null; late: boolean; full: boolean };

/** The result of rule 3 for one person in the primary region's policy. */
export type EntitledAssistance = {
  /** S: the highest value of the counted entries (0 when none). */
  subsidy: number;
  /** The counted entry giving S (就高原则), or null. */
  giving: CountedEntry | null;
  counted: CountedEntry[];
  flags: Flag[];
  /** Keys of absent values a counted entry needs (its amount): POLICY_GAP. */
  gaps: string[];
};

/**
 * Rule 3, entitled assistance (赣医保发〔2022〕14号 三(一)(二)). An entry counts if it was in effect at any
 * time in the collection window [start, end]; or if it was recognised after the window end and on or
 * before the as-of date and the person made no personal payment before its effective_from (the late
 * recognised are assisted if they had not enrolled yet). One recognised after the window of a person who
 * had already paid does not count: flag LATE_RECOGNITION_NO_REFUND. An entry's value is taken from the
 * primary region's policy (spec 3): a category the chain says `"none"` for brings nothing and is not listed
 * as counted (so it raises no MULTIPLE_ASSISTANCE); `"set_locally"`, or a category absent from the whole
 * chain, counts with its amount unknown (POLICY_GAP:assistance.<category>). S is the highest value;
 * MULTIPLE_ASSISTANCE when more than one category counted. `payments` are the row's, in payment order.
 */
export function entitledAssistance(
  roster: RosterFact[], chain: PolicyChain, window: ResolvedWindow, standard: number, asOf: string, payments: PaymentFact[],
): EntitledAssistance {
  const counted: CountedEntry[] = [];
  const flags = new Set<Flag>();
  for (const entry of roster) {
    if (entry.effectiveFrom > asOf) continue; // not recognised yet on the as-of date
    const inWindow = entry.effectiveFrom <= window.end && (entry.effectiveTo === null || entry.effectiveTo >= window.start);
    let late = false;
    if (!inWindow) {
      if (entry.effectiveFrom <= window.end) continue; // ended before the window opened
      const paidBefore = payments.some((p) => p.payerType === 'personal' && p.amountFen > 0 && p.paidOn < entry.effectiveFrom);
      if (paidBefore) {
        if (chain.assistance(entry.category).assisted) flags.add('LATE_RECOGNITION_NO_REFUND');
        continue;
      }
      late = true;
    }
    const rule = chain.assistance(entry.category);
    if (!rule.assisted) continue;
    if ('gap' in rule) counted.push({ entry, amount: null, gap: rule.gap, citation: rule.rule?.citation ?? null, late, full: false });
    else counted.push({ entry, amount: assistanceAmount(rule.rule.value, standard), gap: null, citation: rule.rule.citation, late, full: rule.rule.value === 'full' });
  }
  const known = counted.filter((c) => c.amount !== null);
  // Highest value; among equals, the earliest recognition, then the category code, so the choice is stable.
  const giving =
    [...known].sort(
      (a, b) => b.amount! - a.amount! || a.entry.effectiveFrom.localeCompare(b.entry.effectiveFrom) || a.entry.category.localeCompare(b.entry.category),
    )[0] ?? null;
  if (new Set(counted.map((c) => c.entry.category)).size > 1) flags.add('MULTIPLE_ASSISTANCE');
  return {
    subsidy: giving?.amount ?? 0,
    giving,
    counted,
    flags: [...flags],
    gaps: [...new Set(counted.filter((c) => c.gap).map((c) => c.gap!))],
  };
}

/** Rule 3 where it is not evaluated (a region where the person is not enrolled, or a gap before it): nothing counted. */
export const NOTHING_COUNTED: EntitledAssistance = Object.freeze({ subsidy: 0, giving: null, counted: [], flags: [], gaps: [] });
