import {
  WINDOW_FIELDS, type AssistanceValue, type DateRange, type LateRecognition, type PolicyFile, type StandardValue, type Window,
} from './policy-file.js';

/** A value together with the jurisdiction that set it and that jurisdiction's citation for it. */
export type Sourced<T> = { value: T; region: string; citation: string | null };

/** A value the chain does not state: the key that is absent, as `POLICY_GAP:<key>` names it. */
export type Gap = { gap: string };

/**
 * How a roster category is valued in a chain (spec 3):
 * - not assisted: `"none"`, stated explicitly (value 0);
 * - an amount rule (`full`, fen, percent), reached through `via` when `same_as` was followed;
 * - a gap (`POLICY_GAP:assistance.<category>`): counted as assisted, its amount unknown, because the
 *   chain says `"set_locally"` (`rule` is where), or the category is absent from the whole chain (a department
 *   recognised the person and only a policy may say this brings nothing), or `same_as` loops.
 */
export type AssistanceRule =
  | { assisted: false; rule: Sourced<'none'>; via: string[] }
  | { assisted: true; rule: Sourced<'full' | number | { percent: number }>; via: string[] }
  | { assisted: true; gap: string; reason: 'set_locally' | 'absent' | 'same_as_loop'; rule: Sourced<'set_locally'> | null; via: string[] };

/** A collection window with `start` and `end` known; the later dates only where the chain states them. */
export type ResolvedWindow = Required<Pick<Window, 'start' | 'end'>> & Omit<Window, 'start' | 'end'>;

/** The window's merged value (each field from the most specific level stating it) and each field's source. */
export type WindowPolicy = Sourced<ResolvedWindow> & { fields: Partial<Record<keyof Window, Sourced<string>>> };

/**
 * The policy in force for one region and year: lookups walk county → city → province → national and the
 * most specific level that states a leaf wins (spec 3: a category's standard per tier, each window field,
 * an assistance entry, a rule key's field, a citation). Results are cached: a chain is asked the same keys
 * for every person of its region. Pure: no I/O, no clock.
 */
export class PolicyChain {
  constructor(
    readonly regionCode: string,
    readonly year: number,
    /** The files found on the chain, most specific first. */
    readonly levels: PolicyFile[],
  ) {}

  private readonly found = new Map<string, Sourced<unknown> | null>();

  /**
   * The leaf at a dotted path (`personal_standard.resident.1`, `collection_window.end`, `assistance.orphan`,
   * `waiting_days`) from the most specific level stating it, with that level's citation: the path's own
   * citation key, else its parents' (`personal_standard.resident`, `personal_standard`). Null when no level
   * states it. The same for every caller, the rules and `recon policies` alike.
   */
  value<T = unknown>(path: string): Sourced<T> | null {
    if (this.found.has(path)) return this.found.get(path) as Sourced<T> | null;
    const keys = path.split('.');
    let result: Sourced<T> | null = null;
    for (const level of this.levels) {
      let v: unknown = level;
      for (const k of keys) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
      if (v === undefined) continue;
      result = { value: v as T, region: level.region_code, citation: citationIn(level, keys) };
      break;
    }
    this.found.set(path, result);
    return result;
  }

  /** The names under a map key (`assistance`, `personal_standard`, `benefit_period`…) stated anywhere on the chain, sorted. */
  keysOf(key: 'personal_standard' | 'benefit_period' | 'assistance' | 'ended_before_enrollment'): string[] {
    const names = new Set<string>();
    for (const level of this.levels) for (const name of Object.keys(level[key] ?? {})) names.add(name);
    return [...names].sort();
  }

  /**
   * A citation-only key's clause (`duplicate_enrollment`, `cross_scheme_duplicate`, `student_region`) or any
   * key's own citation, from the most specific level carrying it; null where the chain carries none.
   */
  citation(key: string): Sourced<string> | null {
    return this.value<string>(`citations.${key}`);
  }

  /**
   * The personal standard in fen for a payment category and tier. A category absent from the whole chain
   * pays the resident standard (spec 3), except `student_unspecified` (大中专学生: a 高校 student or not,
   * the label does not say), whose standard is a gap unless the chain sets it. A tier the chain does not
   * define is a gap; so is a floor (`{at_least}`) until a more specific level sets a number.
   */
  standard(category: string, tier: string): Sourced<number> | Gap {
    const stated = this.standardValue(category, tier);
    if (stated === null || typeof stated.value !== 'number') return { gap: `personal_standard.${this.standardCategory(category)}.${tier}` };
    return stated as Sourced<number>;
  }

  /** What the chain states for a category and tier: a number, a floor, or null (category fallback as in `standard`). */
  standardValue(category: string, tier: string): Sourced<StandardValue> | null {
    return this.value<StandardValue>(`personal_standard.${this.standardCategory(category)}.${tier}`);
  }

  private standardCategory(category: string): string {
    const defined = this.levels.some((l) => l.personal_standard?.[category] !== undefined);
    return defined || category === 'student_unspecified' ? category : 'resident';
  }

  /** The collection window, field by field; a gap naming the field when `start` or `end` is stated nowhere. */
  window(): WindowPolicy | Gap {
    const cached = this.windowFound;
    if (cached) return cached;
    const fields: WindowPolicy['fields'] = {};
    const value: Window = {};
    for (const f of WINDOW_FIELDS) {
      const found = this.value<string>(`collection_window.${f}`);
      if (found) {
        fields[f] = found;
        value[f] = found.value;
      }
    }
    const missing = !fields.start && !fields.end ? 'collection_window' : !fields.start ? 'collection_window.start' : !fields.end ? 'collection_window.end' : null;
    this.windowFound = missing
      ? { gap: missing }
      : { value: value as ResolvedWindow, region: fields.end!.region, citation: fields.end!.citation, fields };
    return this.windowFound;
  }

  private windowFound: WindowPolicy | Gap | null = null;

  /** The benefit period of a category: its own, else `default`, else the coverage calendar year. */
  benefitPeriod(category: string): Sourced<DateRange> {
    return (
      this.value<DateRange>(`benefit_period.${category}`) ??
      this.value<DateRange>('benefit_period.default') ?? {
        value: { start: `${this.year}-01-01`, end: `${this.year}-12-31` },
        region: '',
        citation: null,
      }
    );
  }

  /** How a roster category is assisted here; `same_as` is followed (a loop is a gap, never a guess). */
  assistance(category: string): AssistanceRule {
    let rule = this.assistanceFound.get(category);
    if (!rule) {
      rule = this.resolveAssistance(category, []);
      this.assistanceFound.set(category, rule);
    }
    return rule;
  }

  private readonly assistanceFound = new Map<string, AssistanceRule>();

  private resolveAssistance(category: string, via: string[]): AssistanceRule {
    const gap = `assistance.${category}`;
    if (via.includes(category)) return { assisted: true, gap, reason: 'same_as_loop', rule: null, via };
    const found = this.value<AssistanceValue>(`assistance.${category}`);
    if (!found) return { assisted: true, gap, reason: 'absent', rule: null, via };
    const v = found.value;
    if (typeof v === 'object' && 'same_as' in v) return this.resolveAssistance(v.same_as, [...via, category]);
    if (v === 'none') return { assisted: false, rule: { ...found, value: v }, via };
    if (v === 'set_locally') return { assisted: true, gap, reason: 'set_locally', rule: { ...found, value: v }, via };
    return { assisted: true, rule: { ...found, value: v }, via };
  }

  waitingDays(): Sourced<number> | null {
    return this.value<number>('waiting_days');
  }

  waitingExempt(): Sourced<string[]> | null {
    return this.value<string[]>('waiting_exempt');
  }

  newbornGraceDays(): Sourced<number> | null {
    return this.value<number>('newborn_grace_days');
  }

  /** One field of `late_recognition` (赣医保发〔2022〕14号 三(二) where Jiangxi's file states it); null = a gap where needed. */
  lateRecognition<K extends keyof LateRecognition>(field: K): Sourced<NonNullable<LateRecognition[K]>> | null {
    return this.value(`late_recognition.${field}`);
  }

  /** Whether a status that ended before the person enrolled still brings assistance (rule 3); null = a gap. */
  endedBeforeEnrollment(category: string): Sourced<'counts' | 'does_not_count'> | null {
    return this.value(`ended_before_enrollment.${category}`);
  }

  /** Rule 2's permission (四(三)); null where absent: the student region simply applies. */
  assistedStudentMayChooseRegion(): Sourced<boolean> | null {
    return this.value<boolean>('assisted_student_may_choose_region');
  }

  /** Rule 7's employee-insurance lapse exemption in months (四(七)); null = a gap where such a lapse exists. */
  waitingExemptAfterEmployeeMonths(): Sourced<number> | null {
    return this.value<number>('waiting_exempt_after_employee_months');
  }

  /** Rule 9: resident benefits suspended while employee-insured (四(六)); null = a gap where it matters. */
  suspendDuringEmployeeInsurance(): Sourced<boolean> | null {
    return this.value<boolean>('suspend_during_employee_insurance');
  }

  name(): string | null {
    return this.levels[0]?.region_code === this.regionCode ? (this.levels[0].name ?? null) : null;
  }
}

/** A level's citation for a path: the most specific citation key among the path and its parents. */
function citationIn(level: PolicyFile, keys: string[]): string | null {
  for (let n = keys.length; n > 0; n--) {
    const c = level.citations?.[keys.slice(0, n).join('.')];
    if (c !== undefined) return c;
  }
  return null;
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
