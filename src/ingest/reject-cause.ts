import type { RowReason } from './reason-codes.js';

/**
 * Why a file has too many rejects, from what its rejects are (spec 2.4: the message names the real cause).
 * The largest of three groups decides (ties go to the first):
 * - field reasons (BAD_AMOUNT, BAD_DATE, MISSING_FIELD...): values in the wrong columns, the mis-mapping
 *   the rate limit exists for;
 * - CONFLICTING_TXN_ID: the rows are readable but their txn_ids are held with other content, which is a
 *   re-export of rows already received, changed since; remapping columns would not help;
 * - MALFORMED_ROW / OVERSIZED_ROW: the lines do not split into the header's columns at all.
 */
const CONFLICTS: readonly string[] = ['CONFLICTING_TXN_ID'] satisfies RowReason[];
const MALFORMED: readonly string[] = ['MALFORMED_ROW', 'OVERSIZED_ROW'] satisfies RowReason[];
const CAUSES: { of: (reason: string) => boolean; cause: string }[] = [
  {
    of: (r) => !CONFLICTS.includes(r) && !MALFORMED.includes(r),
    cause: 'the columns are probably mis-mapped (values not what their column names say)',
  },
  { of: (r) => CONFLICTS.includes(r), cause: 'the file repeats txn_ids already held with other content (a re-export with changed rows?)' },
  { of: (r) => MALFORMED.includes(r), cause: "its lines do not split into the header's columns (another delimiter or broken quoting?)" },
];

/**
 * The line-0 detail of a file rejected as TOO_MANY_REJECTS: the counts, the likely cause, the rejects per
 * reason (most first) and what became of the rows. Counts and codes only: no data from the file.
 */
export function tooManyRejectsDetail(rejected: number, rowsRead: number, maxRate: number, byReason: Map<string, number>): string {
  const counts = [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const group = (c: (typeof CAUSES)[number]) => counts.filter(([r]) => c.of(r)).reduce((n, [, k]) => n + k, 0);
  const cause = CAUSES.reduce((best, c) => (group(c) > group(best) ? c : best)).cause;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${rejected} of ${rowsRead} rows rejected (${pct(rejected / rowsRead)} > ${pct(maxRate)}): ${cause}; ` +
    `rejects by reason: ${counts.map(([r, n]) => `${r} ${n}`).join(', ')}; none of its rows were kept, its rejected rows are listed with their lines`;
}
