import { SAVE_AS_TEXT } from './id-number-reject.js';
import type { RowReason } from './reason-codes.js';

/**
 * Why a file has too many rejects, from what its rejects are (spec 2.4: the message names the real cause).
 * The largest of four groups decides (ties go to the first):
 * - field reasons (BAD_AMOUNT, BAD_DATE, MISSING_FIELD...): values in the wrong columns, the mis-mapping
 *   the rate limit exists for;
 * - CONFLICTING_TXN_ID: the rows are readable but their txn_ids are held with other content, which is a
 *   re-export of rows already received, changed since; remapping columns would not help;
 * - MALFORMED_ROW / OVERSIZED_ROW: the lines do not split into the header's columns at all;
 * - BAD_ID_NUMBER rejects of ID numbers a spreadsheet turned into numbers (id-number-reject.ts): the columns
 *   are right, the ID column was damaged on the way (spec 2.3), and the sender must export it as text.
 */
const CONFLICTS: readonly string[] = ['CONFLICTING_TXN_ID'] satisfies RowReason[];
const MALFORMED: readonly string[] = ['MALFORMED_ROW', 'OVERSIZED_ROW'] satisfies RowReason[];

/** A file's rejects as the causes count them: per reason, and how many of its BAD_ID_NUMBER were spreadsheet damage. */
type Rejects = { counts: [string, number][]; spreadsheetIds: number };
const sum = (counts: [string, number][], of: (reason: string) => boolean) => counts.filter(([r]) => of(r)).reduce((n, [, k]) => n + k, 0);

const CAUSES: { size: (r: Rejects) => number; cause: string }[] = [
  {
    size: (r) => sum(r.counts, (reason) => !CONFLICTS.includes(reason) && !MALFORMED.includes(reason)) - r.spreadsheetIds,
    cause: 'the columns are probably mis-mapped (values not what their column names say)',
  },
  { size: (r) => sum(r.counts, (reason) => CONFLICTS.includes(reason)), cause: 'the file repeats txn_ids already held with other content (a re-export with changed rows?)' },
  { size: (r) => sum(r.counts, (reason) => MALFORMED.includes(reason)), cause: "its lines do not split into the header's columns (another delimiter or broken quoting?)" },
  {
    size: (r) => r.spreadsheetIds,
    cause: 'its ID numbers were turned into numbers by a spreadsheet (shown as 3.60702E+17, or their last digits turned to 000), ' +
      `so their digits are lost: ${SAVE_AS_TEXT}`,
  },
];

/**
 * The line-0 detail of a file rejected as TOO_MANY_REJECTS: the counts, the likely cause, the rejects per
 * reason (most first) and what became of the rows. Counts and codes only: no data from the file.
 * `spreadsheetIds`: how many of its BAD_ID_NUMBER rejects are ID numbers a spreadsheet damaged.
 */
export function tooManyRejectsDetail(rejected: number, rowsRead: number, maxRate: number, byReason: Map<string, number>, spreadsheetIds = 0): string {
  const counts = [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rejects: Rejects = { counts, spreadsheetIds };
  const cause = CAUSES.reduce((best, c) => (c.size(rejects) > best.size(rejects) ? c : best)).cause;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${rejected} of ${rowsRead} rows rejected (${pct(rejected / rowsRead)} > ${pct(maxRate)}): ${cause}; ` +
    `rejects by reason: ${counts.map(([r, n]) => `${r} ${n}`).join(', ')}; none of its rows were kept, its rejected rows are listed with their lines`;
}
