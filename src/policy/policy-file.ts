import { isValidCalendarDate } from '../normalise/dates.js';
import { PAYMENT_CATEGORIES, ROSTER_CATEGORIES, TIERS } from '../normalise/labels.js';
import { ReconError } from '../base/recon-error.js';

/** How one roster category is assisted (spec 3). `fixed` = a fixed amount the document leaves to local decision. */
export type AssistanceValue = 'full' | 'fixed' | number | { percent: number } | { same_as: string };
export type DateRange = { start: string; end: string };
export type Window = DateRange & { assisted_end?: string };

/** One policy file: `<region_code>-<year>.json`. Every key but the first two is optional (inherited). */
export type PolicyFile = {
  region_code: string;
  coverage_year: number;
  name?: string;
  personal_standard?: Record<string, Record<string, number>>;
  collection_window?: Window;
  benefit_period?: Record<string, DateRange>;
  assistance?: Record<string, AssistanceValue>;
  waiting_days?: number;
  waiting_exempt?: string[];
  newborn_grace_days?: number;
  citations?: Record<string, string>;
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

const KEYS = new Set([
  'region_code', 'coverage_year', 'name', 'personal_standard', 'collection_window', 'benefit_period',
  'assistance', 'waiting_days', 'waiting_exempt', 'newborn_grace_days', 'citations',
]);

/** Validates the parsed JSON of a policy file named `fileName`; returns it typed or throws PolicyFileError. */
export function validatePolicyFile(fileName: string, json: unknown): PolicyFile {
  const fail = (key: string, problem: string): never => {
    throw new PolicyFileError(fileName, key, problem);
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fen = (key: string, v: unknown) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) fail(key, `must be a whole number of fen ≥ 0, got ${JSON.stringify(v)}`);
  };
  const date = (key: string, v: unknown) => {
    if (typeof v !== 'string' || !isValidCalendarDate(v)) fail(key, `must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  };
  const range = (key: string, v: unknown) => {
    if (!isObject(v)) return fail(key, 'must be an object with start and end');
    date(`${key}.start`, v.start);
    date(`${key}.end`, v.end);
    if ((v.start as string) > (v.end as string)) fail(key, 'start is after end');
  };

  if (!isObject(json)) return fail('(file)', 'must be a JSON object');
  const m = /^(\d{6})-(\d{4})\.json$/i.exec(fileName.split('/').pop()!);
  if (!m) fail('(file name)', 'must be <region_code>-<year>.json');
  for (const key of Object.keys(json)) if (!KEYS.has(key)) fail(key, 'unknown key');
  if (json.region_code !== m![1]) fail('region_code', `must be "${m![1]}" as in the file name, got ${JSON.stringify(json.region_code)}`);
  if (json.coverage_year !== Number(m![2])) fail('coverage_year', `must be ${m![2]} as in the file name, got ${JSON.stringify(json.coverage_year)}`);
  if (json.name !== undefined && typeof json.name !== 'string') fail('name', 'must be a string');

  if (json.personal_standard !== undefined) {
    if (!isObject(json.personal_standard)) fail('personal_standard', 'must be an object of category → tier → fen');
    for (const [cat, tiers] of Object.entries(json.personal_standard as object)) {
      if (!(PAYMENT_CATEGORIES as readonly string[]).includes(cat)) fail(`personal_standard.${cat}`, 'unknown payment category');
      if (!isObject(tiers)) fail(`personal_standard.${cat}`, 'must be an object of tier → fen');
      for (const [tier, v] of Object.entries(tiers as object)) {
        if (!(TIERS as readonly string[]).includes(tier)) fail(`personal_standard.${cat}.${tier}`, 'tier must be "1" or "2"');
        fen(`personal_standard.${cat}.${tier}`, v);
      }
    }
  }
  if (json.collection_window !== undefined) {
    range('collection_window', json.collection_window);
    const w = json.collection_window as Record<string, unknown>;
    for (const key of Object.keys(w)) if (!['start', 'end', 'assisted_end'].includes(key)) fail(`collection_window.${key}`, 'unknown key');
    if (w.assisted_end !== undefined) {
      date('collection_window.assisted_end', w.assisted_end);
      if ((w.assisted_end as string) < (w.end as string)) fail('collection_window.assisted_end', 'is before end');
    }
  }
  if (json.benefit_period !== undefined) {
    if (!isObject(json.benefit_period)) fail('benefit_period', 'must be an object of category → {start, end}');
    for (const [cat, v] of Object.entries(json.benefit_period as object)) {
      if (cat !== 'default' && !(PAYMENT_CATEGORIES as readonly string[]).includes(cat)) fail(`benefit_period.${cat}`, 'unknown payment category');
      range(`benefit_period.${cat}`, v);
    }
  }
  if (json.assistance !== undefined) {
    if (!isObject(json.assistance)) fail('assistance', 'must be an object of roster category → value');
    for (const [cat, v] of Object.entries(json.assistance as object)) {
      const key = `assistance.${cat}`;
      if (!(ROSTER_CATEGORIES as readonly string[]).includes(cat)) fail(key, 'unknown roster category');
      if (v === 'full' || v === 'fixed') continue;
      if (typeof v === 'number') {
        fen(key, v);
        continue;
      }
      if (isObject(v) && Object.keys(v).length === 1 && 'percent' in v) {
        if (typeof v.percent !== 'number' || v.percent < 0 || v.percent > 100) fail(key, 'percent must be between 0 and 100');
        continue;
      }
      if (isObject(v) && Object.keys(v).length === 1 && 'same_as' in v) {
        if (!(ROSTER_CATEGORIES as readonly string[]).includes(v.same_as as string)) fail(key, `same_as names an unknown category ${JSON.stringify(v.same_as)}`);
        if (v.same_as === cat) fail(key, 'same_as names itself');
        continue;
      }
      fail(key, `must be "full", "fixed", fen, {"percent": n} or {"same_as": category}, got ${JSON.stringify(v)}`);
    }
  }
  for (const key of ['waiting_days', 'newborn_grace_days'] as const) {
    const v = json[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || (v as number) < 0)) fail(key, 'must be a whole number of days ≥ 0');
  }
  if (json.waiting_exempt !== undefined) {
    if (!Array.isArray(json.waiting_exempt)) fail('waiting_exempt', 'must be a list of payment categories');
    for (const c of json.waiting_exempt as unknown[]) {
      if (!(PAYMENT_CATEGORIES as readonly string[]).includes(c as string)) fail('waiting_exempt', `unknown payment category ${JSON.stringify(c)}`);
    }
  }
  if (json.citations !== undefined) {
    if (!isObject(json.citations)) fail('citations', 'must be an object of key → citation');
    for (const [k, v] of Object.entries(json.citations as object)) if (typeof v !== 'string' || !v) fail(`citations.${k}`, 'must be a non-empty string');
  }
  return json as unknown as PolicyFile;
}
