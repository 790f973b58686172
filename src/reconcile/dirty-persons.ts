import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/db.js';
import { IDS_PER_STATEMENT } from '../db/previous-results.js';
import { blockKey, blockMembers } from './duplicate-blocks.js';

/**
 * Why a person is recomputed on an incremental night (docs/architecture.md, "Incremental nights"):
 * - `new_facts`: a payment of the year, a roster entry or an employee enrollment of theirs came (or a
 *   snapshot changed its end date) in a file no reconcile of the year has taken in yet;
 * - `fact_dates`: a fact of theirs dated after the last as-of date is on or before tonight's: a payment, a
 *   recognition or an enrollment starting, an end date reached. The rules never see facts dated after D
 *   (person-stream.ts), so these are found in SQL, and so for persons who have no row yet;
 * - `dates`: the date their result holds until (holds-until.ts, recon_results.holds_until and
 *   recon_horizons) is before tonight's as-of date;
 * - `duplicate_blocks`: none of these, but they share a name and birth date with a person who is
 *   recomputed (rule 8's block): their possible duplicates, and the REVIEW these add (rule 10), may change.
 * A person is counted under the first reason that finds them, in this order.
 */
export type DirtyReason = 'new_facts' | 'fact_dates' | 'dates' | 'duplicate_blocks';

export type DirtyPersons = {
  /** The persons to recompute, in id_number order. */
  ids: string[];
  by: Record<DirtyReason, number>;
  /** The files whose facts tonight takes in (recorded in recon_inputs once the reconcile is done). */
  newFiles: string[];
  /** The result rows the persons `ids` have before tonight (read before anything is deleted). */
  stored: StoredRow[];
  /**
   * Rule 8's blocks of the stored rows of the persons found for new facts and dates, each with its members
   * before tonight (blockMembers): the blocks whose other members join `ids`, read once for rule 8 after the
   * rules too (find-possible-duplicates.ts pairsWithPersons).
   */
  blocks: Map<string, string[]>;
};

/** A stored result row of a person about to be recomputed: its key, its block, and whether it counts as TOO_MANY_PAYMENTS. */
export type StoredRow = { idNumber: string; regionCode: string; name: string; tooManyPayments: boolean };

/**
 * The persons of coverage year `year` whose result can differ tonight (as of `asOf`) from the stored one (as
 * of `previousAsOf`, on or before `asOf`), or null when there are more than `limit` (then recomputing
 * everyone is cheaper: reconcile-year.ts). Reads on the writer's connection, in the reconcile's transaction,
 * before anything is deleted.
 */
export async function dirtyPersons(db: Db, year: number, asOf: string, previousAsOf: string, limit: number): Promise<DirtyPersons | null> {
  const k = db.kysely;
  const found = new Set<string>();
  const by: Record<DirtyReason, number> = { new_facts: 0, fact_dates: 0, dates: 0, duplicate_blocks: 0 };
  /** Adds the ID numbers the query yields; false once past the limit. */
  const add = async (reason: DirtyReason, query: SelectQueryBuilder<Database, any, { id_number: string }>): Promise<boolean> => {
    for await (const rows of db.writerBatches(query, 5000)) {
      for (const r of rows) {
        if (found.has(r.id_number)) continue;
        found.add(r.id_number);
        by[reason]++;
      }
      if (found.size > limit) return false;
    }
    return true;
  };

  // Files ingested whole whose facts no reconcile of the year took in (a file rejected whole holds no rows,
  // and may be tried again under the same sha256: it is never recorded).
  const newFiles = (await k.selectFrom('ingested_files').select('sha256').where('status', '=', 'ingested')
    .where('sha256', 'not in', k.selectFrom('recon_inputs').select('sha256').where('coverage_year', '=', year))
    .orderBy('sha256').execute()).map((r) => r.sha256);
  if (newFiles.length) {
    // `coverage_year + 0`: not an index column, so that the planner reads the new files' payments through
    // payments_by_source rather than the whole year's through payments_for_reconcile (docs/performance.md).
    const ok = await add('new_facts', k.selectFrom('payments').select('id_number').where('source_sha256', 'in', newFiles)
      .where(sql<number>`coverage_year + 0`, '=', year))
      && await add('new_facts', k.selectFrom('roster_entries').select('id_number')
        .where((eb) => eb.or([eb('source_sha256', 'in', newFiles), eb('updated_sha256', 'in', newFiles)])))
      && await add('new_facts', k.selectFrom('employee_enrollments').select('id_number')
        .where((eb) => eb.or([eb('source_sha256', 'in', newFiles), eb('updated_sha256', 'in', newFiles)])));
    if (!ok) return null;
  }

  if (asOf > previousAsOf) {
    // Visible on D and not on the previous date: dated in (previousAsOf, asOf]. An end date reads as open
    // until D reaches it (person-stream.ts, employee-enrollment-fact.ts), so an end in that span too.
    const within = (column: string) => (eb: any) => eb.and([eb(column, '>', previousAsOf), eb(column, '<=', asOf)]);
    const ok = await add('fact_dates', k.selectFrom('payments').select('id_number').where('coverage_year', '=', year)
      .where('paid_on', '>', previousAsOf).where('paid_on', '<=', asOf))
      && await add('fact_dates', k.selectFrom('roster_entries').select('id_number')
        .where((eb) => eb.or([within('effective_from')(eb), within('effective_to')(eb)])))
      && await add('fact_dates', k.selectFrom('employee_enrollments').select('id_number')
        .where((eb) => eb.or([within('insured_from')(eb), within('insured_to')(eb)])));
    if (!ok) return null;
  }

  // The results that hold only until a date before tonight's (holds_until is inclusive).
  const ok = await add('dates', k.selectFrom('recon_results').select('id_number').where('coverage_year', '=', year).where('holds_until', '<', asOf))
    && await add('dates', k.selectFrom('recon_horizons').select('id_number').where('coverage_year', '=', year).where('holds_until', '<', asOf));
  if (!ok) return null;

  // Rule 8's blocks of the persons found, as their stored rows have them (name, birth date): the blocks they
  // may leave. Blocks they join tonight are paired again after the rules (reconcile-year.ts); a clean person
  // there only gains REVIEW, which the rules would not have removed.
  const stored = await storedRowsOf(db, year, [...found].sort());
  const joined: string[] = [];
  const blocks = await blockMembers(db, year, new Set(stored.map((r) => blockKey(r.name, r.idNumber))));
  for (const members of blocks.values()) {
    for (const id of members) {
      if (found.has(id)) continue;
      found.add(id);
      joined.push(id);
      by.duplicate_blocks++;
    }
  }
  if (found.size > limit) return null;
  stored.push(...await storedRowsOf(db, year, joined.sort()));
  return { ids: [...found].sort(), by, newFiles, stored, blocks };
}

/**
 * The stored result rows of persons `ids` (in id_number order), as much of them as an incremental night needs
 * before it replaces them: the key, the block (name, ID number) and the counts (reconcile-year.ts).
 */
async function storedRowsOf(db: Db, year: number, ids: readonly string[]): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    for (const r of await db.kysely.selectFrom('recon_results').select(['id_number', 'region_code', 'name', 'flags']).where('coverage_year', '=', year)
      .where('id_number', 'in', ids.slice(i, i + IDS_PER_STATEMENT)).execute()) {
      rows.push({ idNumber: r.id_number, regionCode: r.region_code, name: r.name, tooManyPayments: r.flags.split(';').includes('TOO_MANY_PAYMENTS') });
    }
  }
  return rows;
}
