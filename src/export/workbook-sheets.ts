import { sql } from 'kysely';
import type { ReadDb } from '../db/db.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import { textCell as text } from './csv-file.js';
import { header, type Lang } from './labels.js';
import { guideRows } from './output-guide.js';
import { mapRows, tableLines } from './output-files.js';
import { DUPLICATES, REFUNDS, REJECTS, regionSummaryCells, SUMMARY_COLUMNS, type OutputTable } from './output-tables.js';
import { RECONCILIATION_COLUMNS, reconciliationCells } from './reconciliation-cells.js';
import type { RegionTotals } from '../db/region-totals.js';
import type { SheetSource } from './workbook-file.js';

/** The workbook's sheets (spec 5, v2), in order, with their names in each output language. */
const SHEET_NAMES = {
  summary: { en: 'Summary', zh: '概览' },
  actions: { en: 'Actions', zh: '待处理' },
  refunds: { en: 'Refunds', zh: '退费' },
  duplicates: { en: 'Duplicates', zh: '重复参保' },
  notEnrolled: { en: 'Not enrolled', zh: '应保尽保' },
  rejects: { en: 'Rejects', zh: '拒收' },
  guide: { en: 'Guide', zh: '说明' },
} as const;

/**
 * The 应保尽保 sheet's columns: reconciliation.csv's that say who the person is, what they are entitled to
 * and what to do, with the recognising department (`source_dept`) after the roster category, so that the
 * bureau knows whom to ask to mobilise the person.
 */
const NOT_ENROLLED_COLUMNS = ['id_number', 'name', 'region_code', 'region_name', 'category', 'assistance_category', 'source_dept',
  'standard', 'subsidy', 'expected_personal', 'expected_assistance', 'actions', 'flags', 'rule'] as const;

const GUIDE_COLUMNS = ['section', 'item', 'meaning', 'todo'] as const;

export type WorkbookInputs = { year: number; lang: Lang; asOf: string; regions: RegionTotals[] };

/**
 * The workbook's sheets for a reconciled year: each sheet's columns and cells are those of the CSV it
 * repeats (output-tables.ts, reconciliation-cells.ts), so the cells hold exactly the CSVs' values.
 */
export function workbookSheets(db: Pick<ReadDb, 'kysely' | 'batches' | 'valueBatches'>, { year, lang, asOf, regions }: WorkbookInputs): SheetSource[] {
  const k = db.kysely;
  const sheet = (key: keyof typeof SHEET_NAMES, columns: readonly string[], rows: SheetSource['rows']): SheetSource =>
    ({ name: SHEET_NAMES[key][lang], columns, header: columns.map((c) => header(c, lang)), rows });
  const table = <R>(key: keyof typeof SHEET_NAMES, t: OutputTable<R>) => sheet(key, t.columns, tableLines(db, year, lang, t));
  const results = () => k.selectFrom('recon_results').select([...RECON_RESULTS.inserted]).where('coverage_year', '=', year);

  const actions = db.valueBatches(results().where('actions', '<>', '').orderBy('region_code').orderBy('id_number'));
  // The recognition behind a NOT_ENROLLED row: the person's roster entry of the row's assistance category in
  // the row's province (rule 3 counts no other), the latest one begun on or before the as-of date.
  const notEnrolled = db.valueBatches(results()
    .select((eb) => eb.selectFrom('roster_entries as e').select('e.source_dept')
      .whereRef('e.id_number', '=', 'recon_results.id_number')
      .whereRef('e.category', '=', 'recon_results.assistance_category')
      .where(sql<string>`substr(e.region_code, 1, 2)`, '=', sql<string>`substr(recon_results.region_code, 1, 2)`)
      .where('e.effective_from', '<=', asOf)
      .orderBy('e.effective_from', 'desc').limit(1).as('source_dept'))
    .where('status', '=', 'NOT_ENROLLED').orderBy('region_code').orderBy('id_number'));
  const deptAt = RECON_RESULTS.inserted.length; // the subquery's value follows the row's
  const picked = NOT_ENROLLED_COLUMNS.map((c) => (c === 'source_dept' ? -1 : RECONCILIATION_COLUMNS.indexOf(c)));

  return [
    sheet('summary', SUMMARY_COLUMNS, [regions.map(regionSummaryCells)]),
    sheet('actions', RECONCILIATION_COLUMNS, mapRows(actions, (v) => reconciliationCells(v, lang))),
    table('refunds', REFUNDS),
    table('duplicates', DUPLICATES),
    sheet('notEnrolled', NOT_ENROLLED_COLUMNS, mapRows(notEnrolled, (v) => {
      const cells = reconciliationCells(v, lang);
      return picked.map((i) => (i < 0 ? text(v[deptAt]) : cells[i]!));
    })),
    table('rejects', REJECTS),
    sheet('guide', GUIDE_COLUMNS, [guideRows(lang).map((g) => GUIDE_COLUMNS.map((c) => text(g[c])))]),
  ];
}
