import type { AssistanceValue, DateRange, PolicyFile, Window } from './policy-file.js';

/** A value together with the jurisdiction that set it and that jurisdiction's citation for it. */
export type Sourced<T> = { value: T; region: string; citation: string | null };

/** A value the chain does not state: the key that is absent, as `POLICY_GAP:<key>` names it. */
export type Gap = { gap: string };

/** How a roster category is valued in a chain: not assisted, an amount rule, or a gap. */
export type AssistanceRule =
  | { assisted: false }
  | { assisted: true; rule: Sourced<'full' | number | { percent: number }>; via: string[] }
  | { assisted: true; gap: string; via: string[] };

/**
 * The policy in force for one region and year: lookups walk county → city → province → national and the
 * most specific level that states a value wins (key by key: a category's standard, an assistance entry).
 * Pure: no I/O, no clock.
 */
export class PolicyChain {
  constructor(
    readonly regionCode: string,
    readonly year: number,
    /** The files found on the chain, most specific first. */
    readonly levels: PolicyFile[],
  ) {}

  /** Lookups already made (a chain is asked the same keys for every person of its region). */
  private readonly found = new Map<string, Sourced<unknown> | null>();

  /** The value of `key` from the most specific level stating it. The key names what `pick` reads. */
  private find<T>(key: string, pick: (f: PolicyFile) => T | undefined, citationKeys: string[] = [key]): Sourced<T> | null {
    if (this.found.has(key)) return this.found.get(key) as Sourced<T> | null;
    const result = this.lookUp(key, pick, citationKeys);
    this.found.set(key, result);
    return result;
  }

  private lookUp<T>(key: string, pick: (f: PolicyFile) => T | undefined, citationKeys: string[]): Sourced<T> | null {
    for (const level of this.levels) {
      const value = pick(level);
      if (value === undefined) continue;
      const citation = citationKeys.map((k) => level.citations?.[k]).find((c) => c !== undefined) ?? level.citations?.[key.split('.')[0]!] ?? null;
      return { value, region: level.region_code, citation };
    }
    return null;
  }

  /**
   * The personal standard in fen for a payment category and tier. A category absent from the whole chain
   * pays the resident standard (spec 3), but for `student_unspecified`; a tier the chain does not define for the
   * category is a gap.
   */
  standard(category: string, tier: string): Sourced<number> | Gap {
    const defined = this.levels.some((l) => l.personal_standard?.[category] !== undefined);
    // h16-inputs (spec 2.1/3, v2): `student_unspecified` (大中专学生) may be a 高校 or a 中专 student, so it
    // never falls back to the resident standard: absent from the chain, its standard is a gap.
    if (!defined && category === 'student_unspecified') return { gap: `personal_standard.${category}.${tier}` };
    const cat = defined ? category : 'resident';
    return (
      this.find(`personal_standard.${cat}.${tier}`, (f) => f.personal_standard?.[cat]?.[tier], [`personal_standard.${cat}`]) ??
      { gap: `personal_standard.${cat}.${tier}` }
    );
  }

  window(): Sourced<Window> | Gap {
    return this.find('collection_window', (f) => f.collection_window) ?? { gap: 'collection_window' };
  }

  /** The benefit period of a category: its own, else `default`, else the coverage calendar year. */
  benefitPeriod(category: string): Sourced<DateRange> {
    return (
      this.find(`benefit_period.${category}`, (f) => f.benefit_period?.[category]) ??
      this.find('benefit_period.default', (f) => f.benefit_period?.default) ?? {
        value: { start: `${this.year}-01-01`, end: `${this.year}-12-31` },
        region: '',
        citation: null,
      }
    );
  }

  /** How a roster category is assisted here; `same_as` is followed (a loop is a gap, never a guess). */
  assistance(category: string, via: string[] = []): AssistanceRule {
    if (via.includes(category)) return { assisted: true, gap: `assistance.${category}`, via };
    const found = this.find<AssistanceValue>(`assistance.${category}`, (f) => f.assistance?.[category]);
    if (!found) return via.length ? { assisted: true, gap: `assistance.${category}`, via } : { assisted: false };
    const v = found.value;
    if (typeof v === 'object' && 'same_as' in v) return this.assistance(v.same_as, [...via, category]);
    if (v === 'fixed') return { assisted: true, gap: `assistance.${category}`, via };
    return { assisted: true, rule: { ...found, value: v }, via };
  }

  waitingDays(): Sourced<number> | null {
    return this.find('waiting_days', (f) => f.waiting_days);
  }

  waitingExempt(): Sourced<string[]> | null {
    return this.find('waiting_exempt', (f) => f.waiting_exempt);
  }

  newbornGraceDays(): Sourced<number> | null {
    return this.find('newborn_grace_days', (f) => f.newborn_grace_days);
  }

  name(): string | null {
    return this.levels[0]?.region_code === this.regionCode ? (this.levels[0].name ?? null) : null;
  }
}

/**
 * An assistance rule's value in fen for a person whose standard is `standard` (spec 3): `full` = the
 * standard; a fixed amount capped at the standard; a percent of the standard rounded half up to the fen.
 */
export function assistanceAmount(rule: 'full' | number | { percent: number }, standard: number): number {
  if (rule === 'full') return standard;
  if (typeof rule === 'number') return Math.min(rule, standard);
  const hundredths = Math.round(rule.percent * 100); // percent with up to 2 decimals, as an integer
  return Math.floor((standard * hundredths + 5000) / 10000);
}
