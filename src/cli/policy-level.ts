// v2 format: see policy-file.ts once merged. This file holds a structural copy of the policy file as the
// agreed v2 format note (issue 16) describes it, also accepting the v1 forms still shipped until that merge
// (`"fixed"` for `"set_locally"`, a plain number where v2 writes a floor), so that the describer prints both.
// Once src/policy/policy-file.ts exports the v2 PolicyFile, `PolicyLevel` can become an alias of it.

/** `{ "at_least": fen }`: a floor the local standard may not go below, not the standard (spec 3, v2). */
export type Floor = { at_least: number };
export type StandardValue = number | Floor;
export type AssistanceValue =
  | 'full' | number | { percent: number } | { same_as: string } | 'set_locally' | 'none'
  | 'fixed'; // v1's name for 'set_locally'
export type DateRange = { start: string; end: string };

/** One policy file (one level of a chain), every key optional: what the describer reads of it. */
export type PolicyLevel = {
  region_code: string;
  coverage_year: number;
  name?: string;
  personal_standard?: Record<string, Record<string, StandardValue>>;
  collection_window?: {
    start?: string; end?: string; end_latest?: string; assisted_end?: string; assisted_end_latest?: string;
  };
  benefit_period?: Record<string, DateRange>;
  assistance?: Record<string, AssistanceValue>;
  waiting_days?: number;
  waiting_exempt?: string[];
  newborn_grace_days?: number;
  late_recognition?: { unenrolled?: string; in_benefit_period?: string; before_benefit?: string; benefit_start?: string };
  ended_before_enrollment?: Record<string, string>;
  assisted_student_may_choose_region?: boolean;
  waiting_exempt_after_employee_months?: number;
  suspend_during_employee_insurance?: boolean;
  citations?: Record<string, string>;
};

/** A leaf's value with the level that set it and that level's citation for it. */
export type Leaf<T> = { value: T; region: string; citation: string | null };

/**
 * The value of the leaf at `path` (`personal_standard.student.1`, `collection_window.end_latest`) from the
 * most specific level that states it (levels most specific first), each leaf on its own (spec 3, v2: "down
 * to the leaves"). Its citation is the setting level's most specific citation key: the path, then its
 * parents (`personal_standard.student`, `personal_standard`). Null when no level states it.
 */
export function leafOf<T>(levels: readonly PolicyLevel[], path: string): Leaf<T> | null {
  const keys = path.split('.');
  for (const level of levels) {
    let v: unknown = level;
    for (const k of keys) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    if (v === undefined) continue;
    return { value: v as T, region: level.region_code, citation: citationAt(level, path) };
  }
  return null;
}

/** The citation a level gives for `path`: the path's own key, else its nearest parent's. */
function citationAt(level: PolicyLevel, path: string): string | null {
  const keys = path.split('.');
  for (let n = keys.length; n > 0; n--) {
    const c = level.citations?.[keys.slice(0, n).join('.')];
    if (c !== undefined) return c;
  }
  return null;
}
