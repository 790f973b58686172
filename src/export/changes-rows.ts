import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { moneyCell as money, textCell as text } from './csv-file.js';
import { codesLabel, header, label, type Lang } from './labels.js';
import { RECONCILIATION_COLUMNS } from './reconciliation-cells.js';

/** changes.csv's columns, in order (spec 5 v2). */
export const CHANGES_COLUMNS = ['id_number', 'name', 'region_code', 'change', 'fields', 'status_before', 'status_after',
  'refund_due_before', 'refund_due_after', 'actions_after', 'previous_as_of'];

/**
 * The reconciliation.csv columns a CHANGED row can differ in, in the file's order: all but the key
 * (id_number, region_code, coverage_year) and region_name, which follows region_code.
 */
const COMPARED = RECONCILIATION_COLUMNS.filter((c) => !['id_number', 'region_code', 'coverage_year', 'region_name'].includes(c));

/** Column names are constants of this module, never data: safe to write into the SQL as identifiers and literals. */
const differs = (c: string) => sql<boolean>`(p.${sql.ref(c)} is distinct from r.${sql.ref(c)})`;
/** `fields`: the differing columns' names, `;`-joined in column order, made in SQL. */
const fieldsExpr = sql<string>`rtrim(${sql.join(COMPARED.map((c) => sql`case when ${differs(c)} then ${sql.lit(`${c};`)} else '' end`), sql` || `)}, ';')`;

/**
 * changes.csv's rows for coverage year `year`, in reconciliation.csv's order (region_code, id_number), as a
 * query: the year's results against the baseline the reconcile kept (recon_results_previous,
 * db/previous-results.ts). NEW: a row with no baseline row of its key; CHANGED: a row differing in any
 * compared column (`fields` names them); GONE: a baseline row with no row tonight. Set work in SQL: two
 * joins on the tables' shared key order, only the differing rows leave the database. Without a baseline
 * (`hasBaseline` false: the year's first reconcile) every row is NEW: read straight in the table's
 * clustered order, with no join and no sort, as reconciliation.csv is. A `listed` baseline (after an
 * incremental night, db/previous-results.ts) holds the rows of the persons recomputed since it only: every
 * other person's baseline is their current rows, so only the listed persons can have changed.
 */
export function changesQuery(k: Kysely<Database>, year: number, hasBaseline: boolean, listed = false) {
  if (!hasBaseline) {
    return k.selectFrom('recon_results as r')
      .select([
        'r.id_number', 'r.name', 'r.region_code', sql<string>`'NEW'`.as('change'), sql<string>`''`.as('fields'),
        sql<string | null>`null`.as('status_before'), sql<string | null>`r.status`.as('status_after'),
        sql<number | null>`null`.as('refund_due_before'), sql<number | null>`r.refund_due`.as('refund_due_after'), sql<string | null>`r.actions`.as('actions_after'),
      ])
      .where('r.coverage_year', '=', year)
      .orderBy('r.region_code').orderBy('r.id_number');
  }
  const current = k
    .selectFrom('recon_results as r')
    .leftJoin('recon_results_previous as p', (j) =>
      j.onRef('p.coverage_year', '=', 'r.coverage_year').onRef('p.region_code', '=', 'r.region_code').onRef('p.id_number', '=', 'r.id_number'))
    .select([
      'r.id_number', 'r.name', 'r.region_code',
      sql<string>`case when p.id_number is null then 'NEW' else 'CHANGED' end`.as('change'),
      sql<string>`case when p.id_number is null then '' else ${fieldsExpr} end`.as('fields'),
      'p.status as status_before', sql<string | null>`r.status`.as('status_after'),
      'p.refund_due as refund_due_before', sql<number | null>`r.refund_due`.as('refund_due_after'), sql<string | null>`r.actions`.as('actions_after'),
    ])
    .where('r.coverage_year', '=', year)
    .$if(listed, (q) => q.where('r.id_number', 'in', k.selectFrom('recon_baseline_persons').select('id_number').where('coverage_year', '=', year)))
    .where((eb) => eb.or([eb('p.id_number', 'is', null), ...COMPARED.map(differs)]));
  const gone = k
    .selectFrom('recon_results_previous as p')
    .select([
      'p.id_number', 'p.name', 'p.region_code', sql<string>`'GONE'`.as('change'), sql<string>`''`.as('fields'),
      'p.status as status_before', sql<string | null>`null`.as('status_after'),
      'p.refund_due as refund_due_before', sql<number | null>`null`.as('refund_due_after'), sql<string | null>`null`.as('actions_after'),
    ])
    .where('p.coverage_year', '=', year)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('recon_results as r').select('r.id_number')
      .whereRef('r.coverage_year', '=', 'p.coverage_year').whereRef('r.region_code', '=', 'p.region_code').whereRef('r.id_number', '=', 'p.id_number'))));
  return current.unionAll(gone).orderBy('region_code').orderBy('id_number');
}

/**
 * One changesQuery row as its values in SELECT order (read with `valueBatches`: a year's first night lists
 * every row, and arrays instead of row objects halve the read, docs/performance.md).
 */
type ChangeValues = [
  id_number: string, name: string, region_code: string, change: string, fields: string,
  status_before: string | null, status_after: string | null, refund_due_before: unknown, refund_due_after: unknown, actions_after: string | null,
];

/** A refund_due cell as reconciliation.csv writes it: blank on a POLICY_GAP row (no refund computed) and where there is no row. */
const refundCell = (status: string | null, fen: unknown) => (status === null || status === 'POLICY_GAP' ? '' : money(fen));

/** The cells of one changes.csv line; `fields` names the columns in the output's language, as its header does. */
export function changeCells(values: unknown[], lang: Lang, previousAsOf: string | null): string[] {
  const [id, name, region, change, fields, statusBefore, statusAfter, refundBefore, refundAfter, actionsAfter] = values as ChangeValues;
  return [
    text(id), text(name), region, label(change, lang),
    fields === '' ? '' : fields.split(';').map((c) => header(c, lang)).join(';'),
    label(statusBefore ?? '', lang), label(statusAfter ?? '', lang),
    refundCell(statusBefore, refundBefore), refundCell(statusAfter, refundAfter),
    text(codesLabel(actionsAfter ?? '', lang)), previousAsOf ?? '',
  ];
}

const CELL = Object.fromEntries(RECONCILIATION_COLUMNS.map((c, i) => [c, i])) as Record<(typeof RECONCILIATION_COLUMNS)[number], number>;

/**
 * The changes.csv line of a NEW row, from its reconciliation.csv cells (reconciliation-cells.ts): what
 * `changeCells` makes of the row read back with no baseline (the same id, name, region, status, refund_due
 * and actions cells; before-columns and previous_as_of blank), for the spill of a year's first reconcile
 * (region-spill.ts). test/e2e/run.spill.test.ts checks the two ways give the same bytes.
 */
export function newChangeCells(cells: readonly string[], lang: Lang): string[] {
  return [
    cells[CELL.id_number]!, cells[CELL.name]!, cells[CELL.region_code]!, label('NEW', lang), '', '', cells[CELL.status]!,
    '', cells[CELL.refund_due]!, cells[CELL.actions]!, '',
  ];
}
