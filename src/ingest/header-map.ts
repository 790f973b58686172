import { cleanCell } from '../normalise/text.js';
import { looksLikeData } from '../normalise/looks-like-data.js';

export type FileKind = 'payments' | 'roster';

/**
 * The header cells each canonical column of a payments file is recognised by (beside its own name). These
 * are input columns, not table columns: `amount` and `paid_at` become amount_fen, paid_on and paid_time
 * (the tables' columns are the row shapes in src/db/staging-shapes.ts).
 */
export const PAYMENT_HEADER_ALIASES = {
  txn_id: ['电子税票号码', '税票号码', '缴费流水号'],
  id_number: ['证件号码', '身份证号码', '公民身份号码'],
  name: ['姓名'],
  region_code: ['统筹区编码', '行政区划代码', '参保地编码'],
  coverage_year: ['缴费年度', '参保年度'],
  amount: ['缴费金额', '实缴金额'],
  paid_at: ['缴费时间', '缴费日期', '入库日期'],
  payer_type: ['缴费主体', '资金来源'],
  category: ['人员类别'],
  tier: ['缴费档次'],
  channel: ['缴费渠道'],
} as const;
export type PaymentColumn = keyof typeof PAYMENT_HEADER_ALIASES;
export const REQUIRED_PAYMENT_COLUMNS: PaymentColumn[] = [
  'txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at',
];

/** The header cells each canonical column of a roster file is recognised by (beside its own name). */
export const ROSTER_HEADER_ALIASES = {
  id_number: ['证件号码', '身份证号码'],
  name: ['姓名'],
  region_code: ['统筹区编码', '行政区划代码'],
  category: ['资助类别', '困难类别', '人员类别'],
  effective_from: ['认定日期', '生效日期'],
  effective_to: ['退出日期', '终止日期'],
  source_dept: ['认定部门'],
} as const;
export type RosterColumn = keyof typeof ROSTER_HEADER_ALIASES;
export const REQUIRED_ROSTER_COLUMNS: RosterColumn[] = ['id_number', 'name', 'region_code', 'category', 'effective_from'];

/**
 * Where each canonical column sits in a record, plus the header cells that mapped to nothing (for the
 * manifest: a cell that looks like data, e.g. an ID number or a name, is replaced by a placeholder that
 * gives only its column number, looks-like-data.ts).
 */
export type HeaderMap<C extends string> = { index: Partial<Record<C, number>>; extra: string[] };

export type RecognisedHeader =
  | { ok: true; kind: 'payments'; map: HeaderMap<PaymentColumn> }
  | { ok: true; kind: 'roster'; map: HeaderMap<RosterColumn> }
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
 * Recognises the kind of a file from its header row (spec 2: payments have `txn_id`, rosters have
 * `effective_from`, under any alias) and maps its columns. A header of neither kind, of both kinds, or
 * lacking a required column is not recognised; the detail says why, for the file-level reject.
 */
export function recogniseHeader(rawCells: string[]): RecognisedHeader {
  const cells = rawCells.map(normaliseHeaderCell);
  const payments = mapHeader(cells, PAYMENT_HEADER_ALIASES);
  const roster = mapHeader(cells, ROSTER_HEADER_ALIASES);
  const isPayments = payments.index.txn_id !== undefined;
  const isRoster = roster.index.effective_from !== undefined;
  if (isPayments && isRoster) return { ok: false, detail: 'header has both txn_id and effective_from columns' };
  if (isPayments) {
    const missing = REQUIRED_PAYMENT_COLUMNS.filter((c) => payments.index[c] === undefined);
    if (missing.length) return { ok: false, detail: `payments header lacks required columns: ${missing.join(', ')}` };
    return { ok: true, kind: 'payments', map: payments };
  }
  if (isRoster) {
    const missing = REQUIRED_ROSTER_COLUMNS.filter((c) => roster.index[c] === undefined);
    if (missing.length) return { ok: false, detail: `roster header lacks required columns: ${missing.join(', ')}` };
    return { ok: true, kind: 'roster', map: roster };
  }
  return { ok: false, detail: 'header has neither txn_id (payments) nor effective_from (roster)' };
}
