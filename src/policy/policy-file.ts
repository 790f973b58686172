import { isValidCalendarDate } from '../normalise/dates.js';
import { PAYMENT_CATEGORIES, ROSTER_CATEGORIES, TIERS } from '../normalise/labels.js';
import { ReconError } from '../base/recon-error.js';

/** A floor in fen (闽医保〔2022〕93号 "不低于350元"): the local standard may not go below it; it is not the standard. */
export type Floor = { at_least: number };
/** A personal standard in fen, or a floor a more specific level must turn into a number (spec 3). */
export type StandardValue = number | Floor;
/**
 * How one roster category is assisted (spec 3): the whole standard, a fixed amount in fen, a percent of the
 * standard, the same as another category, `set_locally` (assisted, at an amount a locality sets and the file
 * does not state: a POLICY_GAP) or `none` (explicitly not assisted there).
 */
export type AssistanceValue = 'full' | number | { percent: number } | { same_as: string } | 'set_locally' | 'none';
export type DateRange = { start: string; end: string };
/** A collection window as a file states it: every field optional, each inherited on its own (leaf merge). */
export type Window = {
  start?: string;
  end?: string;
  /** The latest date to which a province lets each pooling region extend the whole window (赣 二(三)). */
  end_latest?: string;
  /** The deadline a locality set for persons with fixed-amount assistance (定额资助). */
  assisted_end?: string;
  /** The latest date a city lets its counties set `assisted_end` to (赣市医保字〔2022〕24号 一); not a deadline. */
  assisted_end_latest?: string;
};
/** What a recognition after the collection window means (赣医保发〔2022〕14号 三(二)); rule 3 and rule 7. */
export type LateRecognition = {
  unenrolled?: 'assist';
  in_benefit_period?: 'no_refund' | 'refund';
  /** Only a local file adds it: the document leaves "enrolled, benefits not yet started" open. */
  before_benefit?: 'refund' | 'no_refund';
  benefit_start?: 'period_start' | 'waiting';
};

/** One policy file: `<region_code>-<year>.json`. Every key but the first two is optional (inherited leaf by leaf). */
export type PolicyFile = {
  region_code: string;
  coverage_year: number;
  name?: string;
  personal_standard?: Record<string, Record<string, StandardValue>>;
  collection_window?: Window;
  benefit_period?: Record<string, DateRange>;
  assistance?: Record<string, AssistanceValue>;
  waiting_days?: number;
  waiting_exempt?: string[];
  newborn_grace_days?: number;
  late_recognition?: LateRecognition;
  ended_before_enrollment?: Record<string, 'counts' | 'does_not_count'>;
  assisted_student_may_choose_region?: boolean;
  waiting_exempt_after_employee_months?: number;
  suspend_during_employee_insurance?: boolean;
  /** Per key (a top-level key, a dotted path to a leaf, or a citation-only key), the document number and clause. */
  citations?: Record<string, string>;
};

/** Keys that carry no value, only the clause a rule cites for what it does everywhere in the chain. */
export const CITATION_ONLY_KEYS = ['duplicate_enrollment', 'cross_scheme_duplicate', 'student_region'] as const;

/** The fields of a collection window, in the order they are shown. */
export const WINDOW_FIELDS = ['start', 'end', 'end_latest', 'assisted_end', 'assisted_end_latest'] as const;

/** The fields of late_recognition and the values each may take. */
export const LATE_RECOGNITION_VALUES: Record<keyof LateRecognition, readonly string[]> = {
  unenrolled: ['assist'],
  in_benefit_period: ['no_refund', 'refund'],
  before_benefit: ['refund', 'no_refund'],
  benefit_start: ['period_start', 'waiting'],
};

/**
 * How deep each map key's leaves are (spec 3 "key by key goes down to the leaves"): a leaf is inherited or
 * overridden on its own, along the chain and when an override file merges over a shipped one. A value
 * object (`{at_least}`, `{percent}`, `{same_as}`, a date range) is a leaf. Keys not listed are leaves.
 */
export const LEAF_DEPTH: Partial<Record<keyof PolicyFile, number>> = {
  personal_standard: 2, collection_window: 1, benefit_period: 1, assistance: 1, late_recognition: 1,
  ended_before_enrollment: 1, citations: 1,
};

/** A malformed policy file: stops the run before anything is ingested, naming the file, key and problem. */
export class PolicyFileError extends ReconError {
  override readonly heading: string = 'invalid policy: ';
  constructor(readonly file: string, readonly key: string, readonly problem: string) {
    super(`policy file ${file}: ${key}: ${problem}`);
  }
}

/**
 * The JSON of a policy file's bytes: UTF-8, with or without the BOM that Windows Notepad and many editors
 * write. UTF-16 (Notepad's "Unicode") and GBK, which an editor on a Chinese Windows may save, are refused
 * by name: read as UTF-8 they would be "not valid JSON", or worse, valid JSON with garbled names.
 */
export function parsePolicyJson(file: string, bytes: Uint8Array): unknown {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PolicyFileError(file, '(file)', 'is UTF-16 ("Unicode"): save it as UTF-8');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    throw new PolicyFileError(file, '(file)', 'is not UTF-8 (GBK?): save it as UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PolicyFileError(file, '(file)', `is not valid JSON: ${(err as Error).message}`);
  }
}

/** The keys that hold a policy value (what a citation of a value names; `recon policies` lists each). */
export const VALUE_KEYS: readonly string[] = [
  'personal_standard', 'collection_window', 'benefit_period', 'assistance', 'waiting_days', 'waiting_exempt',
  'newborn_grace_days', 'late_recognition', 'ended_before_enrollment', 'assisted_student_may_choose_region',
  'waiting_exempt_after_employee_months', 'suspend_during_employee_insurance',
];

const KEYS = new Set<string>(['region_code', 'coverage_year', 'name', ...VALUE_KEYS, 'citations']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPaymentCategory = (c: string) => (PAYMENT_CATEGORIES as readonly string[]).includes(c);
const isRosterCategory = (c: string) => (ROSTER_CATEGORIES as readonly string[]).includes(c);

/**
 * Validates the parsed JSON of a policy file named `fileName`; returns it typed or throws PolicyFileError
 * naming the file, the key (a dotted path at any depth) and what is wrong. An unknown key at any level is an
 * error: a misspelt key silently ignored would make a value the operator wrote have no effect.
 */
export function validatePolicyFile(fileName: string, json: unknown): PolicyFile {
  const fail = (key: string, problem: string): never => {
    throw new PolicyFileError(fileName, key, problem);
  };
  const fen = (key: string, v: unknown) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) fail(key, `must be a whole number of fen ≥ 0, got ${JSON.stringify(v)}`);
  };
  const date = (key: string, v: unknown) => {
    if (typeof v !== 'string' || !isValidCalendarDate(v)) fail(key, `must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  };
  const map = (key: string, v: unknown, what: string): Record<string, unknown> => (isObject(v) ? v : fail(key, `must be an object of ${what}`));
  const only = (key: string, v: Record<string, unknown>, allowed: readonly string[]) => {
    for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(`${key}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
  };
  const range = (key: string, v: unknown) => {
    const r = map(key, v, 'start and end');
    only(key, r, ['start', 'end']);
    date(`${key}.start`, r.start);
    date(`${key}.end`, r.end);
    if ((r.start as string) > (r.end as string)) fail(key, 'start is after end');
  };
  const oneOf = (key: string, v: unknown, allowed: readonly string[]) => {
    if (typeof v !== 'string' || !allowed.includes(v)) fail(key, `must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, got ${JSON.stringify(v)}`);
  };

  if (!isObject(json)) return fail('(file)', 'must be a JSON object');
  const m = /^(\d{6})-(\d{4})\.json$/i.exec(fileName.split('/').pop()!);
  if (!m) fail('(file name)', 'must be <region_code>-<year>.json');
  for (const key of Object.keys(json)) if (!KEYS.has(key)) fail(key, 'unknown key');
  if (json.region_code !== m![1]) fail('region_code', `must be "${m![1]}" as in the file name, got ${JSON.stringify(json.region_code)}`);
  if (json.coverage_year !== Number(m![2])) fail('coverage_year', `must be ${m![2]} as in the file name, got ${JSON.stringify(json.coverage_year)}`);
  if (json.name !== undefined && typeof json.name !== 'string') fail('name', 'must be a string');

  if (json.personal_standard !== undefined) {
    for (const [cat, tiers] of Object.entries(map('personal_standard', json.personal_standard, 'category → tier → fen'))) {
      if (!isPaymentCategory(cat)) fail(`personal_standard.${cat}`, 'unknown payment category');
      for (const [tier, v] of Object.entries(map(`personal_standard.${cat}`, tiers, 'tier → fen'))) {
        const key = `personal_standard.${cat}.${tier}`;
        if (!(TIERS as readonly string[]).includes(tier)) fail(key, 'tier must be "1" or "2"');
        if (isObject(v)) {
          only(key, v, ['at_least']);
          if (!('at_least' in v)) fail(key, 'a floor is written {"at_least": fen}');
          fen(`${key}.at_least`, v.at_least);
        } else if (typeof v === 'number') fen(key, v);
        else fail(key, `must be fen or a floor {"at_least": fen}, got ${JSON.stringify(v)}`);
      }
    }
  }
  if (json.collection_window !== undefined) {
    const w = map('collection_window', json.collection_window, `${WINDOW_FIELDS.join(', ')} (dates)`);
    only('collection_window', w, WINDOW_FIELDS);
    for (const f of WINDOW_FIELDS) if (w[f] !== undefined) date(`collection_window.${f}`, w[f]);
    const after = (later: string, earlier: string, problem: string) => {
      if (w[later] !== undefined && w[earlier] !== undefined && (w[later] as string) < (w[earlier] as string)) fail(`collection_window.${later}`, problem);
    };
    after('end', 'start', 'is before start');
    after('end_latest', 'end', 'is before end');
    after('assisted_end', 'end', 'is before end');
    after('assisted_end_latest', 'assisted_end', 'is before assisted_end');
    after('assisted_end_latest', 'end', 'is before end');
  }
  if (json.benefit_period !== undefined) {
    for (const [cat, v] of Object.entries(map('benefit_period', json.benefit_period, 'category → {start, end}'))) {
      if (cat !== 'default' && !isPaymentCategory(cat)) fail(`benefit_period.${cat}`, 'unknown payment category');
      range(`benefit_period.${cat}`, v);
    }
  }
  if (json.assistance !== undefined) {
    for (const [cat, v] of Object.entries(map('assistance', json.assistance, 'roster category → value'))) {
      const key = `assistance.${cat}`;
      if (!isRosterCategory(cat)) fail(key, 'unknown roster category');
      if (v === 'fixed') fail(key, '"fixed" is no longer a value: write "set_locally" (assisted at an amount set locally, not stated here)');
      if (v === 'full' || v === 'set_locally' || v === 'none') continue;
      if (typeof v === 'number') {
        fen(key, v);
        continue;
      }
      if (isObject(v) && Object.keys(v).length === 1 && 'percent' in v) {
        if (typeof v.percent !== 'number' || v.percent < 0 || v.percent > 100) fail(key, 'percent must be between 0 and 100');
        continue;
      }
      if (isObject(v) && Object.keys(v).length === 1 && 'same_as' in v) {
        if (!isRosterCategory(v.same_as as string)) fail(key, `same_as names an unknown category ${JSON.stringify(v.same_as)}`);
        if (v.same_as === cat) fail(key, 'same_as names itself');
        continue;
      }
      fail(key, `must be "full", fen, {"percent": n}, {"same_as": category}, "set_locally" or "none", got ${JSON.stringify(v)}`);
    }
  }
  for (const key of ['waiting_days', 'newborn_grace_days', 'waiting_exempt_after_employee_months'] as const) {
    const v = json[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || (v as number) < 0)) fail(key, `must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
  }
  for (const key of ['assisted_student_may_choose_region', 'suspend_during_employee_insurance'] as const) {
    if (json[key] !== undefined && typeof json[key] !== 'boolean') fail(key, `must be true or false, got ${JSON.stringify(json[key])}`);
  }
  if (json.waiting_exempt !== undefined) {
    if (!Array.isArray(json.waiting_exempt)) fail('waiting_exempt', 'must be a list of payment categories');
    for (const c of json.waiting_exempt as unknown[]) {
      if (!isPaymentCategory(c as string)) fail('waiting_exempt', `unknown payment category ${JSON.stringify(c)}`);
    }
  }
  if (json.late_recognition !== undefined) {
    const lr = map('late_recognition', json.late_recognition, Object.keys(LATE_RECOGNITION_VALUES).join(', '));
    only('late_recognition', lr, Object.keys(LATE_RECOGNITION_VALUES));
    for (const [k, v] of Object.entries(lr)) oneOf(`late_recognition.${k}`, v, LATE_RECOGNITION_VALUES[k as keyof LateRecognition]);
  }
  if (json.ended_before_enrollment !== undefined) {
    for (const [cat, v] of Object.entries(map('ended_before_enrollment', json.ended_before_enrollment, 'roster category → "counts" | "does_not_count"'))) {
      if (!isRosterCategory(cat)) fail(`ended_before_enrollment.${cat}`, 'unknown roster category');
      oneOf(`ended_before_enrollment.${cat}`, v, ['counts', 'does_not_count']);
    }
  }
  if (json.citations !== undefined) {
    for (const [k, v] of Object.entries(map('citations', json.citations, 'key → citation'))) {
      if (typeof v !== 'string' || !v) fail(`citations.${k}`, 'must be a non-empty string');
      const problem = citationKeyProblem(k);
      if (problem) fail(`citations.${k}`, problem);
    }
  }
  return json as unknown as PolicyFile;
}

/**
 * Why a citation key names nothing a policy file can hold, or null: a top-level key, a dotted path down to
 * one of its leaves (`personal_standard.student.1`, `collection_window.end`, `assistance.orphan`), or a
 * citation-only key.
 */
function citationKeyProblem(key: string): string | null {
  const [top, ...rest] = key.split('.');
  if ((CITATION_ONLY_KEYS as readonly string[]).includes(top!)) return rest.length ? 'a citation-only key has no sub-keys' : null;
  if (!KEYS.has(top!) || top === 'citations' || top === 'region_code' || top === 'coverage_year') {
    return `unknown key (a policy key, a dotted path to one of its values, or one of ${CITATION_ONLY_KEYS.join(', ')})`;
  }
  const depth = LEAF_DEPTH[top as keyof PolicyFile] ?? 0;
  if (rest.length > depth) return `${top} has no value this deep`;
  const [first, second] = rest;
  if (first === undefined) return null;
  const known: Record<string, (k: string) => boolean> = {
    personal_standard: isPaymentCategory,
    benefit_period: (k) => k === 'default' || isPaymentCategory(k),
    assistance: isRosterCategory,
    ended_before_enrollment: isRosterCategory,
    collection_window: (k) => (WINDOW_FIELDS as readonly string[]).includes(k),
    late_recognition: (k) => k in LATE_RECOGNITION_VALUES,
  };
  if (!known[top!]!(first)) return `${top} has no ${JSON.stringify(first)}`;
  if (second !== undefined && !(TIERS as readonly string[]).includes(second)) return 'tier must be "1" or "2"';
  return null;
}
