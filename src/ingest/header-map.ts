import type { InputKind } from '../db/database.js';
import { cleanCell } from '../normalise/text.js';
import { looksLikeData } from '../normalise/looks-like-data.js';
import {
  EMPLOYEE_HEADER_ALIASES, PAYMENT_HEADER_ALIASES, REQUIRED_EMPLOYEE_COLUMNS, REQUIRED_PAYMENT_COLUMNS, REQUIRED_ROSTER_COLUMNS,
  ROSTER_HEADER_ALIASES, type EmployeeColumn, type PaymentColumn, type RosterColumn,
} from '../normalise/input-columns.js';

export {
  EMPLOYEE_HEADER_ALIASES, PAYMENT_HEADER_ALIASES, REQUIRED_EMPLOYEE_COLUMNS, REQUIRED_PAYMENT_COLUMNS, REQUIRED_ROSTER_COLUMNS,
  ROSTER_HEADER_ALIASES, type EmployeeColumn, type PaymentColumn, type RosterColumn,
};

export type FileKind = InputKind;

/**
 * Where each canonical column sits in a record, plus the header cells that mapped to nothing (for the
 * manifest: a cell that looks like data, e.g. an ID number or a name, is replaced by a placeholder that
 * gives only its column number, looks-like-data.ts).
 */
export type HeaderMap<C extends string> = { index: Partial<Record<C, number>>; extra: string[] };

export type RecognisedHeader =
  | { ok: true; kind: 'payments'; map: HeaderMap<PaymentColumn> }
  | { ok: true; kind: 'roster'; map: HeaderMap<RosterColumn> }
  | { ok: true; kind: 'employees'; map: HeaderMap<EmployeeColumn> }
  | { ok: false; detail: string };

function mapHeader<C extends string>(cells: string[], aliases: Record<C, readonly string[]>): HeaderMap<C> {
  const byName = new Map<string, C>();
  for (const canonical of Object.keys(aliases) as C[]) {
    byName.set(canonical, canonical);
    for (const alias of aliases[canonical]) byName.set(alias, canonical);
  }
  const index: Partial<Record<C, number>> = {};
  const extra: { cell: string; column: number }[] = [];
  cells.forEach((cell, i) => {
    const canonical = byName.get(cell);
    // The first column wins when two map to the same name (e.g. both 缴费时间 and 入库日期): the second is
    // listed as extra in the manifest rather than silently overriding the first.
    if (canonical !== undefined && index[canonical] === undefined) index[canonical] = i;
    else extra.push({ cell, column: i + 1 });
  });
  // A header line with one cell that looks like data carries data (a header glued to a data row): then none
  // of its unmapped cells is listed, since a name the surname list does not know (阿依古丽) would pass the
  // cell-by-cell test beside an ID number that does not.
  const carriesData = extra.some((e) => looksLikeData(e.cell));
  return { index, extra: extra.map((e) => (carriesData ? `(column ${e.column}: not listed, the header line carries data)` : e.cell)) };
}

/** A header cell as compared with the aliases: full-width folded, trimmed, English names lowercased. */
export function normaliseHeaderCell(cell: string): string {
  return cleanCell(cell).toLowerCase().replace(/\s+/g, '_');
}

/**
 * Each kind of file (spec 2): the column whose header names the kind, its aliases and required columns.
 * A header is of a kind when it has that kind's marking column, under any alias.
 */
const KINDS = [
  { kind: 'payments', marker: 'txn_id', aliases: PAYMENT_HEADER_ALIASES, required: REQUIRED_PAYMENT_COLUMNS },
  { kind: 'roster', marker: 'effective_from', aliases: ROSTER_HEADER_ALIASES, required: REQUIRED_ROSTER_COLUMNS },
  { kind: 'employees', marker: 'insured_from', aliases: EMPLOYEE_HEADER_ALIASES, required: REQUIRED_EMPLOYEE_COLUMNS },
] as const;

/** Kinds as an UNRECOGNISED_FILE detail names them: `txn_id (payments), effective_from (roster) <last> insured_from (employees)`. */
function named(kinds: readonly { kind: string; marker: string }[], last: string): string {
  const names = kinds.map((k) => `${k.marker} (${k.kind})`);
  return `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/**
 * Recognises the kind of a file from its header row (spec 2: payments have `txn_id`, rosters have
 * `effective_from`, employee lists have `insured_from`, under any alias) and maps its columns. A header of
 * no kind, of two or more kinds, or lacking a required column is not recognised; the detail says why, for
 * the file-level reject.
 */
export function recogniseHeader(rawCells: string[]): RecognisedHeader {
  const cells = rawCells.map(normaliseHeaderCell);
  const found = KINDS
    .map((k) => ({ ...k, map: mapHeader<string>(cells, k.aliases) }))
    .filter((k) => k.map.index[k.marker] !== undefined);
  if (found.length > 1) return { ok: false, detail: `header has ${found.length === 2 ? 'both ' : ''}${named(found, 'and')} columns: a file is of one kind` };
  const [k] = found;
  if (!k) return { ok: false, detail: `header has none of ${named(KINDS, 'or')}` };
  const missing = (k.required as readonly string[]).filter((c) => k.map.index[c] === undefined);
  if (missing.length) return { ok: false, detail: `${k.kind} header lacks required columns: ${missing.join(', ')}` };
  return { ok: true, kind: k.kind, map: k.map } as RecognisedHeader;
}
