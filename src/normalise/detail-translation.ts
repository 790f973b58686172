import { INPUT_KINDS_ZH, rejectReasonZh } from './reject-labels.js';
import { DETAIL_TEMPLATES, PHRASES, type DetailTemplate } from './detail-templates.js';
import { EMPLOYEE_HEADER_ALIASES, PAYMENT_HEADER_ALIASES, ROSTER_HEADER_ALIASES } from './input-columns.js';
import { chineseLabel } from './labels.js';

/**
 * A stored English detail in Chinese (spec 5, v2), by the catalogue of detail-templates.ts: the templates of
 * `code` (a reject reason or a duplicates kind) are tried in order, the first whose English matches gives the
 * Chinese, with the same values. `kind`: the input kind of the reject's file, whose Chinese header names the
 * columns. Null when no template matches (a detail of an older version, or a producer the catalogue lacks:
 * the export then writes the English as stored, and the catalogue's test fails for a producer of today).
 * Only the export in Chinese calls it, once per reject or duplicate row; each template is compiled on first use.
 */
export function chineseDetail(code: string, english: string, kind: string | null = null): string | null {
  const templates = DETAIL_TEMPLATES[code];
  return templates ? translate(templates, english, kind) : null;
}

type Placeholder = { name: string; type: string };
type Compiled = { regex: RegExp; placeholders: Placeholder[] };

const PLACEHOLDER = /\{(\w+)(?::(@?\w+))?\}/g;

/** What each placeholder type matches in the English (a phrase group: one of its templates). */
const PATTERNS: Record<string, string> = {
  '': '.*?',
  n: '-?[\\d,]+',
  date: '\\d{4}-\\d{2}-\\d{2}',
  pct: '[\\d.]+%',
  column: '[a-z_]+',
  columns: '[a-z_]+(?:, [a-z_]+)*',
  kind: 'payments|roster|employees',
  marker: '[a-z_]+ \\((?:payments|roster|employees)\\)',
  reasons: '[A-Z_]+ \\d+(?:, [A-Z_]+ \\d+)*',
  labels: '[a-z_]+(?:, [a-z_]+)*',
};

const compiled = new Map<DetailTemplate, Compiled>();

function compile(t: DetailTemplate): Compiled {
  let c = compiled.get(t);
  if (!c) {
    c = { regex: new RegExp(`^${source(t, true)}$`, 's'), placeholders: [...t.en.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, type: m[2] ?? '' })) };
    compiled.set(t, c);
  }
  return c;
}

/** A template's English as a pattern: its own placeholders capture when `capture`, those of its phrases never. */
function source(t: DetailTemplate, capture: boolean): string {
  let out = '';
  let last = 0;
  for (const m of t.en.matchAll(PLACEHOLDER)) {
    const body = placeholderSource(m[2] ?? '');
    out += escape(t.en.slice(last, m.index)) + (capture ? `(${body})` : body);
    last = m.index + m[0].length;
  }
  return out + escape(t.en.slice(last));
}

function placeholderSource(type: string): string {
  if (type.startsWith('@')) {
    const group = PHRASES[type.slice(1)];
    if (!group) throw new Error(`detail template: unknown phrase group ${type}`);
    return `(?:${group.map((t) => source(t, false)).join('|')})`;
  }
  const pattern = PATTERNS[type];
  if (pattern === undefined) throw new Error(`detail template: unknown placeholder type ${type}`);
  return `(?:${pattern})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function translate(templates: readonly DetailTemplate[], english: string, kind: string | null): string | null {
  for (const t of templates) {
    const c = compile(t);
    const m = c.regex.exec(english);
    if (!m) continue;
    // A kind named in the detail itself (`roster header lacks ...`) names its columns; else the row's.
    const named = c.placeholders.findIndex((p) => p.type === 'kind');
    const columnsOf = named === -1 ? kind : m[named + 1]!;
    const values = new Map<string, string>();
    let whole = true;
    c.placeholders.forEach((p, i) => {
      const v = render(p.type, m[i + 1]!, columnsOf);
      if (v === null) whole = false;
      else values.set(p.name, v);
    });
    if (whole) return t.zh.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? '');
  }
  return null;
}

function render(type: string, value: string, kind: string | null): string | null {
  if (type.startsWith('@')) return translate(PHRASES[type.slice(1)]!, value, kind);
  switch (type) {
    case 'column': return columnZh(value, kind);
    case 'columns': return value.split(', ').map((c) => columnZh(c, kind)).join('、');
    case 'kind': return INPUT_KINDS_ZH[value] ?? value;
    case 'marker': {
      const [column, k] = value.slice(0, -1).split(' (') as [string, string];
      return `${columnZh(column, k)}（${INPUT_KINDS_ZH[k] ?? k}）`;
    }
    case 'reasons': return value.split(', ').map((r) => {
      const at = r.lastIndexOf(' ');
      return `${rejectReasonZh(r.slice(0, at))} ${r.slice(at + 1)}`;
    }).join('，');
    case 'labels': return value.split(', ').map(chineseLabel).join('、');
    default: return value;
  }
}

const COLUMNS_BY_KIND: Record<string, Record<string, readonly string[]>> = {
  payments: PAYMENT_HEADER_ALIASES, roster: ROSTER_HEADER_ALIASES, employees: EMPLOYEE_HEADER_ALIASES,
};

/** An input column as the Chinese header of a file of `kind` names it (its first alias); any kind's when that one lacks it. */
function columnZh(column: string, kind: string | null): string {
  const own = kind ? COLUMNS_BY_KIND[kind]?.[column] : undefined;
  const aliases = own ?? Object.values(COLUMNS_BY_KIND).map((k) => k[column]).find(Boolean);
  return aliases?.[0] ?? column;
}
