import { formatFen } from '../normalise/amount.js';
import { PAYMENT_CATEGORIES, ROSTER_CATEGORIES, TIERS } from '../normalise/labels.js';
import type { PolicyChain, Sourced } from './policy-chain.js';
import { CITATION_ONLY_KEYS, VALUE_KEYS, type AssistanceValue, type DateRange, type PolicyFile, type StandardValue } from './policy-file.js';

const ABSENT = 'absent (gap)';
/** `absent (gap: why)`: a value the chain lacks, with what that leaves unknown. */
const absentBecause = (why: string) => `absent (gap: ${why})`;

/**
 * Every effective value of a chain, leaf by leaf, each with the jurisdiction that set it and its citation,
 * and every value the chain lacks as absent: what `recon policies` and `recon explain` print (spec 3 and 6,
 * v2: "every value", floors, `"set_locally"` and `"none"` shown as what they are). Plain text for a
 * terminal, in English with each key's Chinese name in its heading (neither command takes --lang).
 */
export function describeChain(chain: PolicyChain): string[] {
  const { levels, year } = chain;
  const lines: string[] = [`levels: ${levels.map((l) => l.region_code).join(' → ') || '(none: every value is absent)'}`];
  const section = (heading: string, body: string[]) => lines.push(heading, ...body.map((l) => `  ${l}`));
  section('personal_standard 个人缴费标准 (yuan per person and year):', standards(chain));
  section('collection_window 集中征缴期:', windowLines(chain));
  section('benefit_period 待遇享受期:', benefitPeriods(chain, year));
  section('assistance 资助参保 (per roster category):', categoriesOf(levels, 'assistance', ROSTER_CATEGORIES).map((c) => `${c}: ${assistance(chain, c)}`));
  section('waiting and newborns 等待期 / 新生儿:', [
    scalar(chain, 'waiting_days', (d: number) => `${d} days`, absentBecause('the benefit start of a late payer is unknown')),
    scalar(chain, 'waiting_exempt', (c: string[]) => (c.length ? c.join(', ') : 'none'), 'absent (no category is exempt from waiting)'),
    scalar(chain, 'newborn_grace_days', (d: number) => `${d} days`, 'absent (gap)'),
  ]);
  section('rules only some documents state 地方规则:', ruleLines(chain));
  section('citations of rules and of the files 引用:', citationLines(levels));
  return lines;
}

/** `  ← 360700 (citation)`: where a value comes from. */
function from(leaf: Sourced<unknown>): string {
  return `  ← ${leaf.region}${leaf.citation ? ` (${leaf.citation})` : ' (no citation)'}`;
}

/** The categories a map lists in any level, the known ones first (so that absent ones are listed too). */
function categoriesOf(levels: readonly PolicyFile[], key: 'personal_standard' | 'assistance' | 'benefit_period' | 'ended_before_enrollment', known: readonly string[]): string[] {
  const extra = levels.flatMap((l) => Object.keys(l[key] ?? {})).filter((c) => c !== 'default' && !known.includes(c));
  return [...known, ...new Set(extra)];
}

function isFloor(v: StandardValue): v is { at_least: number } {
  return typeof v === 'object' && v !== null && 'at_least' in v;
}

/** Every category and tier of the standard; a floor as a floor, a category absent from the chain as what it pays. */
function standards(chain: PolicyChain): string[] {
  const { levels } = chain;
  const out: string[] = [];
  const asResident: string[] = [];
  for (const cat of categoriesOf(levels, 'personal_standard', PAYMENT_CATEGORIES)) {
    if (!levels.some((l) => l.personal_standard?.[cat] !== undefined)) {
      if (cat === 'student_unspecified') out.push(`${cat}: ${absentBecause('大中专学生 without saying which: its standard is a POLICY_GAP until the chain sets it')}`);
      else asResident.push(cat);
      continue;
    }
    for (const tier of TIERS) {
      const leaf = chain.value<StandardValue>(`personal_standard.${cat}.${tier}`);
      if (!leaf) {
        out.push(`${cat}.${tier}: ${ABSENT}`);
        continue;
      }
      if (isFloor(leaf.value)) {
        out.push(`${cat}.${tier}: at least ${formatFen(leaf.value.at_least)} (a floor, 不低于: each pooling region sets its own standard; until it does, a row that needs it is a POLICY_GAP)${from(leaf)}`);
        continue;
      }
      // A standard set below a floor stated further up the chain (which validation refuses) is shown with it.
      const floor = levels.slice(levels.findIndex((l) => l.region_code === leaf.region) + 1)
        .map((l) => l.personal_standard?.[cat]?.[tier]).find((v) => v !== undefined && isFloor(v)) as { at_least: number } | undefined;
      out.push(`${cat}.${tier}: ${formatFen(leaf.value)}${floor ? ` (the floor above it: at least ${formatFen(floor.at_least)})` : ''}${from(leaf)}`);
    }
  }
  if (asResident.length) out.push(`${asResident.join(', ')}: not in the chain: the resident standard`);
  return out;
}

/** Each window field on its own, saying whether a deadline is decided or only bounded by a latest date. */
function windowLines(chain: PolicyChain): string[] {
  const f = (field: string) => chain.value<string>(`collection_window.${field}`);
  const [start, end, endLatest, assistedEnd, assistedLatest] = ['start', 'end', 'end_latest', 'assisted_end', 'assisted_end_latest'].map(f);
  const missing = !start && !end ? absentBecause('no window at all: every row here is a POLICY_GAP') : ABSENT;
  const out = [start ? `start: ${start.value}${from(start)}` : `start: ${missing}`];
  if (!end) out.push(`end: ${missing}`);
  else if (endLatest && endLatest.value > end.value) {
    out.push(`end: ${end.value}, a deadline not yet decided: each pooling region may extend the whole window up to end_latest ${endLatest.value}; until its own file does, payments are PENDING up to that date${from(end)}`);
  } else out.push(`end: ${end.value}, the deadline${from(end)}`);
  out.push(endLatest
    ? `end_latest: ${endLatest.value}, the latest date to which a pooling region may extend the whole window (not a deadline by itself)${from(endLatest)}`
    : 'end_latest: absent (no extension of the whole window is provided for: end is the deadline)');
  if (assistedEnd) {
    out.push(`assisted_end: ${assistedEnd.value}, the deadline for persons with fixed-amount assistance (定额资助); full assistance keeps end${from(assistedEnd)}`);
  } else if (assistedLatest) {
    out.push(`assisted_end: ${absentBecause(`not yet decided for persons with fixed-amount assistance: each county may set it up to assisted_end_latest ${assistedLatest.value}; until it does, they are PENDING up to that date`)}`);
  } else out.push('assisted_end: absent (persons with fixed-amount assistance keep end)');
  out.push(assistedLatest
    ? `assisted_end_latest: ${assistedLatest.value}, the latest date to which a county may set assisted_end (not a deadline by itself)${from(assistedLatest)}`
    : 'assisted_end_latest: absent');
  return out;
}

/** `default`, then each payment category: its own period or the default. */
function benefitPeriods(chain: PolicyChain, year: number): string[] {
  const { levels } = chain;
  const range = (r: DateRange) => `${r.start} .. ${r.end}`;
  const def = chain.value<DateRange>('benefit_period.default');
  const out = [def ? `default: ${range(def.value)}${from(def)}` : `default: absent: the coverage calendar year ${year}-01-01 .. ${year}-12-31 applies`];
  const byDefault: string[] = [];
  for (const cat of categoriesOf(levels, 'benefit_period', PAYMENT_CATEGORIES)) {
    const leaf = chain.value<DateRange>(`benefit_period.${cat}`);
    if (leaf) out.push(`${cat}: ${range(leaf.value)}${from(leaf)}`);
    else byDefault.push(cat);
  }
  if (byDefault.length) out.push(`${byDefault.join(', ')}: the default`);
  return out;
}

/** One assistance value as what it is, without following same_as. */
function assistanceKind(v: Exclude<AssistanceValue, { same_as: string }>): string {
  if (v === 'full') return "full (the person's whole standard)";
  if (v === 'none') return 'none: not assisted';
  if (v === 'set_locally') return 'set locally (amount not stated: POLICY_GAP)';
  if (typeof v === 'number') return `fixed amount ${formatFen(v)} (capped at the standard)`;
  return `${v.percent}% of the standard (rounded half up to the fen)`;
}

/** A roster category's assistance, `same_as` followed to what it resolves to (or the gap, and why). */
function assistance(chain: PolicyChain, category: string): string {
  const hops: string[] = [];
  const seen: string[] = [];
  let cat = category;
  for (;;) {
    const leaf = chain.value<AssistanceValue>(`assistance.${cat}`);
    const name = seen.length ? `${cat}: ` : '';
    if (!leaf) {
      hops.push(`${name}${absentBecause(`POLICY_GAP:assistance.${cat} wherever an entry counts`)}`);
      break;
    }
    const v = leaf.value;
    if (typeof v === 'object' && 'same_as' in v) {
      seen.push(cat);
      hops.push(`${name}same as ${v.same_as}${from(leaf)}`);
      if (seen.includes(v.same_as)) {
        hops.push(`${v.same_as}: ${absentBecause(`same_as loops back: POLICY_GAP:assistance.${category}`)}`);
        break;
      }
      cat = v.same_as;
      continue;
    }
    hops.push(`${name}${assistanceKind(v)}${from(leaf)}`);
    break;
  }
  return hops.join(' → ');
}

/** A top-level scalar or list key: its value, or `absent` as given. */
function scalar<T>(chain: PolicyChain, key: string, show: (v: T) => string, absent: string): string {
  const leaf = chain.value<T>(key);
  return leaf ? `${key}: ${show(leaf.value)}${from(leaf)}` : `${key}: ${absent}`;
}

/** Every rule key leaf (spec 3, v2): where the chain lacks one, the situation it decides is a gap. */
function ruleLines(chain: PolicyChain): string[] {
  const { levels } = chain;
  const show = (v: unknown) => String(v);
  const out = ['unenrolled', 'in_benefit_period', 'before_benefit', 'benefit_start'].map((f) =>
    scalar(chain, `late_recognition.${f}`, show, f === 'before_benefit' ? absentBecause('the document leaves it to localities') : ABSENT));
  for (const cat of categoriesOf(levels, 'ended_before_enrollment', ROSTER_CATEGORIES)) {
    out.push(scalar(chain, `ended_before_enrollment.${cat}`, show, ABSENT));
  }
  out.push(
    scalar(chain, 'assisted_student_may_choose_region', show, "absent (a permission: rule 2's student region applies)"),
    scalar(chain, 'waiting_exempt_after_employee_months', (m: number) => `${m} months`, ABSENT),
    scalar(chain, 'suspend_during_employee_insurance', show, ABSENT),
  );
  return out;
}

/** Citations that cite no value: the rules' (listed even where absent) and any other the files carry. */
function citationLines(levels: readonly PolicyFile[]): string[] {
  // The citation-only keys the rules cite are listed even where absent; any other key that cites no value
  // (e.g. `name`) as the files carry it.
  const ruleCitations: readonly string[] = CITATION_ONLY_KEYS;
  const others = levels.flatMap((l) => Object.keys(l.citations ?? {})).filter((k) => !VALUE_KEYS.includes(k.split('.')[0]!) && !ruleCitations.includes(k));
  return [...ruleCitations, ...new Set(others)].map((key) => {
    const level = levels.find((l) => l.citations?.[key] !== undefined);
    return level ? `${key}: ${level.citations![key]}  ← ${level.region_code}` : `${key}: absent (no citation in the chain)`;
  });
}
