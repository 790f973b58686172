import { PAYMENT_CATEGORIES, ROSTER_CATEGORIES, TIERS } from '../normalise/labels.js';
import { chainWords, type ChainWords } from './describe-chain-words.js';
import type { PolicyChain, Sourced } from './policy-chain.js';
import { CITATION_ONLY_KEYS, VALUE_KEYS, type AssistanceValue, type DateRange, type PolicyFile, type StandardValue } from './policy-file.js';

/**
 * Every effective value of a chain, leaf by leaf, each with the jurisdiction that set it and its citation,
 * and every value the chain lacks as absent: what `recon policies` and `recon explain` print (spec 3 and 6,
 * v2: "every value", floors, `"set_locally"` and `"none"` shown as what they are), and what report.html
 * shows. In English for a terminal, with each key's Chinese name in its heading (neither command takes
 * --lang); in Chinese for the report with `--lang zh` (describe-chain-words.ts: one walk, two vocabularies).
 */
export function describeChain(chain: PolicyChain, lang: 'en' | 'zh' = 'en'): string[] {
  const w = chainWords(lang);
  const { levels, year } = chain;
  const lines: string[] = [w.levels(levels.map((l) => l.region_code))];
  const section = (heading: string, body: string[]) => lines.push(heading, ...body.map((l) => `  ${l}`));
  section(w.headings.standard, standards(chain, w));
  section(w.headings.window, windowLines(chain, w));
  section(w.headings.benefit, benefitPeriods(chain, year, w));
  section(w.headings.assistance, categoriesOf(levels, 'assistance', ROSTER_CATEGORIES).map((c) => w.line(w.key(c), assistance(chain, c, w))));
  section(w.headings.waiting, [
    scalar(chain, w, 'waiting_days', (d: number) => w.days(d), w.waitingDaysAbsent),
    scalar(chain, w, 'waiting_exempt', (c: string[]) => (c.length ? w.list(c) : w.noExemptList), w.noneExempt),
    scalar(chain, w, 'newborn_grace_days', (d: number) => w.days(d), w.gap('newborn_grace_days')),
  ]);
  section(w.headings.rules, ruleLines(chain, w));
  section(w.headings.citations, citationLines(levels, w));
  return lines;
}

/** `  ← 360700 (citation)`: where a value comes from. */
const from = (leaf: Sourced<unknown>, w: ChainWords) => w.from(leaf.region, leaf.citation);

/** The categories a map lists in any level, the known ones first (so that absent ones are listed too). */
function categoriesOf(levels: readonly PolicyFile[], key: 'personal_standard' | 'assistance' | 'benefit_period' | 'ended_before_enrollment', known: readonly string[]): string[] {
  const extra = levels.flatMap((l) => Object.keys(l[key] ?? {})).filter((c) => c !== 'default' && !known.includes(c));
  return [...known, ...new Set(extra)];
}

function isFloor(v: StandardValue): v is { at_least: number } {
  return typeof v === 'object' && v !== null && 'at_least' in v;
}

/** Every category and tier of the standard; a floor as a floor, a category absent from the chain as what it pays. */
function standards(chain: PolicyChain, w: ChainWords): string[] {
  const { levels } = chain;
  const out: string[] = [];
  const asResident: string[] = [];
  for (const cat of categoriesOf(levels, 'personal_standard', PAYMENT_CATEGORIES)) {
    if (!levels.some((l) => l.personal_standard?.[cat] !== undefined)) {
      if (cat === 'student_unspecified') out.push(w.line(w.key(cat), w.standard.unspecifiedStudent(`personal_standard.${cat}`)));
      else asResident.push(cat);
      continue;
    }
    for (const tier of TIERS) {
      const key = `personal_standard.${cat}.${tier}`;
      const name = w.categoryTier(cat, tier);
      const leaf = chain.value<StandardValue>(key);
      if (!leaf) {
        out.push(w.line(name, w.gap(key)));
        continue;
      }
      if (isFloor(leaf.value)) {
        out.push(w.line(name, `${w.standard.floor(leaf.value.at_least, key)}${from(leaf, w)}`));
        continue;
      }
      // A standard set below a floor stated further up the chain (which validation refuses) is shown with it.
      const floor = levels.slice(levels.findIndex((l) => l.region_code === leaf.region) + 1)
        .map((l) => l.personal_standard?.[cat]?.[tier]).find((v) => v !== undefined && isFloor(v)) as { at_least: number } | undefined;
      out.push(w.line(name, `${w.standard.amount(leaf.value, floor ? floor.at_least : null)}${from(leaf, w)}`));
    }
  }
  if (asResident.length) out.push(w.line(w.list(asResident), w.standard.asResident));
  return out;
}

/** Each window field on its own, saying whether a deadline is decided or only bounded by a latest date. */
function windowLines(chain: PolicyChain, w: ChainWords): string[] {
  const f = (field: string) => chain.value<string>(`collection_window.${field}`);
  const [start, end, endLatest, assistedEnd, assistedLatest] = ['start', 'end', 'end_latest', 'assisted_end', 'assisted_end_latest'].map(f);
  const missing = (field: string) => (!start && !end ? w.window.noWindow : w.gap(`collection_window.${field}`));
  const line = (field: string, text: string) => w.line(w.key(field), text);
  const out = [line('start', start ? `${w.window.start(start.value)}${from(start, w)}` : missing('start'))];
  if (!end) out.push(line('end', missing('end')));
  else if (endLatest && endLatest.value > end.value) out.push(line('end', `${w.window.endUndecided(end.value, endLatest.value)}${from(end, w)}`));
  else out.push(line('end', `${w.window.endDeadline(end.value)}${from(end, w)}`));
  out.push(line('end_latest', endLatest ? `${w.window.endLatest(endLatest.value)}${from(endLatest, w)}` : w.window.noEndLatest));
  if (assistedEnd) out.push(line('assisted_end', `${w.window.assistedEnd(assistedEnd.value)}${from(assistedEnd, w)}`));
  else if (assistedLatest) out.push(line('assisted_end', w.window.assistedUndecided(assistedLatest.value)));
  else out.push(line('assisted_end', w.window.noAssistedEnd));
  out.push(line('assisted_end_latest', assistedLatest ? `${w.window.assistedLatest(assistedLatest.value)}${from(assistedLatest, w)}` : w.window.noAssistedLatest));
  return out;
}

/** `default`, then each payment category: its own period or the default. */
function benefitPeriods(chain: PolicyChain, year: number, w: ChainWords): string[] {
  const { levels } = chain;
  const range = (r: DateRange) => w.benefit.range(r.start, r.end);
  const def = chain.value<DateRange>('benefit_period.default');
  const out = [w.line(w.key('default'), def ? `${range(def.value)}${from(def, w)}` : w.benefit.calendarYear(year))];
  const byDefault: string[] = [];
  for (const cat of categoriesOf(levels, 'benefit_period', PAYMENT_CATEGORIES)) {
    const leaf = chain.value<DateRange>(`benefit_period.${cat}`);
    if (leaf) out.push(w.line(w.key(cat), `${range(leaf.value)}${from(leaf, w)}`));
    else byDefault.push(cat);
  }
  if (byDefault.length) out.push(w.line(w.list(byDefault), w.benefit.byDefault));
  return out;
}

/** One assistance value of a category as what it is, without following same_as. */
function assistanceKind(v: Exclude<AssistanceValue, { same_as: string }>, category: string, w: ChainWords): string {
  if (v === 'full') return w.assistance.full;
  if (v === 'none') return w.assistance.none;
  if (v === 'set_locally') return w.assistance.setLocally(`assistance.${category}`);
  if (typeof v === 'number') return w.assistance.fixed(v);
  return w.assistance.percent(v.percent);
}

/** A roster category's assistance, `same_as` followed to what it resolves to (or the gap, and why). */
function assistance(chain: PolicyChain, category: string, w: ChainWords): string {
  const hops: string[] = [];
  const seen: string[] = [];
  let cat = category;
  for (;;) {
    const leaf = chain.value<AssistanceValue>(`assistance.${cat}`);
    const named = (text: string) => (seen.length ? w.line(w.key(cat), text) : text);
    if (!leaf) {
      hops.push(named(w.assistance.absent(`assistance.${cat}`)));
      break;
    }
    const v = leaf.value;
    if (typeof v === 'object' && 'same_as' in v) {
      hops.push(named(`${w.assistance.sameAs(v.same_as)}${from(leaf, w)}`));
      seen.push(cat);
      if (seen.includes(v.same_as)) {
        hops.push(w.line(w.key(v.same_as), w.assistance.loop(`assistance.${category}`)));
        break;
      }
      cat = v.same_as;
      continue;
    }
    hops.push(named(`${assistanceKind(v, cat, w)}${from(leaf, w)}`));
    break;
  }
  return hops.join(' → ');
}

/** A top-level scalar or list key: its value, or `absent` as given. */
function scalar<T>(chain: PolicyChain, w: ChainWords, key: string, show: (v: T) => string, absent: string): string {
  const leaf = chain.value<T>(key);
  return w.line(w.key(key), leaf ? `${show(leaf.value)}${from(leaf, w)}` : absent);
}

/** Every rule key leaf (spec 3, v2): where the chain lacks one, the situation it decides is a gap (its flag's key). */
function ruleLines(chain: PolicyChain, w: ChainWords): string[] {
  const { levels } = chain;
  const out = ['unenrolled', 'in_benefit_period', 'before_benefit', 'benefit_start'].map((f) =>
    scalar(chain, w, `late_recognition.${f}`, w.value, f === 'before_benefit' ? w.beforeBenefitAbsent : w.gap(f === 'benefit_start' ? f : 'late_recognition')));
  for (const cat of categoriesOf(levels, 'ended_before_enrollment', ROSTER_CATEGORIES)) {
    out.push(scalar(chain, w, `ended_before_enrollment.${cat}`, w.value, w.gap('ended_before_enrollment')));
  }
  out.push(
    scalar(chain, w, 'assisted_student_may_choose_region', w.value, w.mayChooseAbsent),
    scalar(chain, w, 'waiting_exempt_after_employee_months', (m: number) => w.months(m), w.gap('waiting_exempt_after_employee_months')),
    scalar(chain, w, 'suspend_during_employee_insurance', w.value, w.gap('suspend_during_employee_insurance')),
  );
  return out;
}

/** Citations that cite no value: the rules' (listed even where absent) and any other the files carry. */
function citationLines(levels: readonly PolicyFile[], w: ChainWords): string[] {
  // The citation-only keys the rules cite are listed even where absent; any other key that cites no value
  // (e.g. `name`) as the files carry it.
  const ruleCitations: readonly string[] = CITATION_ONLY_KEYS;
  const others = levels.flatMap((l) => Object.keys(l.citations ?? {})).filter((k) => !VALUE_KEYS.includes(k.split('.')[0]!) && !ruleCitations.includes(k));
  return [...ruleCitations, ...new Set(others)].map((key) => {
    const level = levels.find((l) => l.citations?.[key] !== undefined);
    return level ? w.citation(w.key(key), level.citations![key]!, level.region_code) : w.line(w.key(key), w.noCitation);
  });
}
