import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/db.js';
import { listedBlockRows } from './duplicate-blocks.js';

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

/**
 * The persons to recompute are not held here: they are listed in recon_changed_persons (for the year), which
 * the rest of the night reads, so that memory does not grow with them (SPEC 8: the peak stays flat).
 */
export type DirtyPersons = {
  /** How many persons recon_changed_persons lists for the year. */
  count: number;
  by: Record<DirtyReason, number>;
  /** The files whose facts tonight takes in (recorded in recon_inputs once the reconcile is done). */
  newFiles: string[];
};

type IdQuery = SelectQueryBuilder<Database, any, { id_number: string }>;

/**
 * The persons with a payment of the year dated in (from, to]: a range of payments_by_date (migration 019),
 * the year compared in its entries. `coverage_year + 0`, as for the new files' payments: SQLite, which has
 * no statistics of the payments, otherwise takes the equality for the narrower condition and reads the
 * year's entries of payments_for_reconcile (1.5 s at 5M persons).
 */
export const paymentsDatedWithin = (k: Kysely<Database>, year: number, from: string, to: string) =>
  k.selectFrom('payments').select('id_number').where(sql<number>`coverage_year + 0`, '=', year).where('paid_on', '>', from).where('paid_on', '<=', to);

/**
 * Lists in recon_changed_persons the persons of coverage year `year` whose result can differ tonight (as of
 * `asOf`) from the stored one (as of `previousAsOf`, on or before `asOf`), replacing the year's list of the
 * night before, and says how many and why; or returns null, with the list emptied, when there are more than
 * `limit` (then recomputing everyone is cheaper: reconcile-year.ts). Each reason is one INSERT … SELECT on the
 * writer's connection, in the reconcile's transaction, before anything is deleted: set work in the database,
 * whatever the number of persons; a person found already is not inserted again, which counts them under the
 * first reason.
 */
export async function dirtyPersons(db: Db, year: number, asOf: string, previousAsOf: string, limit: number): Promise<DirtyPersons | null> {
  const k = db.kysely;
  const by: Record<DirtyReason, number> = { new_facts: 0, fact_dates: 0, dates: 0, duplicate_blocks: 0 };
  let count = 0;
  await k.deleteFrom('recon_changed_persons').where('coverage_year', '=', year).execute();
  /**
   * Lists the persons the query yields and not listed yet, at most one past the limit; false once past it. The
   * SELECT leaves out the persons listed already and yields each once, so the rows the INSERT reports are the
   * persons it added on every engine (Citus may report the rows selected for an INSERT … SELECT it runs
   * through the coordinator, citusdata/citus#3377), and the LIMIT spares listing the year's persons, to
   * delete them again, when a night is to be full.
   */
  const add = async (reason: DirtyReason, query: IdQuery): Promise<boolean> => {
    const inserted = await k.insertInto('recon_changed_persons').columns(['coverage_year', 'id_number'])
      // The cast: PostgreSQL types a bare parameter under DISTINCT as text.
      .expression(k.selectFrom(query.as('q')).select([sql<number>`cast(${year} as integer)`.as('coverage_year'), 'q.id_number']).distinct()
        // Each candidate looked up in the list's key (NOT IN would first copy the list into a temporary index).
        .where((eb) => eb.not(eb.exists(eb.selectFrom('recon_changed_persons as l').select('l.id_number')
          .where('l.coverage_year', '=', year).whereRef('l.id_number', '=', 'q.id_number'))))
        .limit(limit - count + 1))
      .execute();
    const n = inserted.reduce((sum, r) => sum + Number(r.numInsertedOrUpdatedRows ?? 0), 0);
    by[reason] += n;
    count += n;
    return count <= limit;
  };
  const overLimit = async () => {
    await k.deleteFrom('recon_changed_persons').where('coverage_year', '=', year).execute();
    return null;
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
    if (!ok) return overLimit();
  }

  if (asOf > previousAsOf) {
    // Visible on D and not on the previous date: dated in (previousAsOf, asOf]. An end date reads as open
    // until D reaches it (person-stream.ts, employee-enrollment-fact.ts), so an end in that span too.
    const within = (column: string) => (eb: any) => eb.and([eb(column, '>', previousAsOf), eb(column, '<=', asOf)]);
    const ok = await add('fact_dates', paymentsDatedWithin(k, year, previousAsOf, asOf))
      && await add('fact_dates', k.selectFrom('roster_entries').select('id_number')
        .where((eb) => eb.or([within('effective_from')(eb), within('effective_to')(eb)])))
      && await add('fact_dates', k.selectFrom('employee_enrollments').select('id_number')
        .where((eb) => eb.or([within('insured_from')(eb), within('insured_to')(eb)])));
    if (!ok) return overLimit();
  }

  // The results that hold only until a date before tonight's (holds_until is inclusive).
  const ok = await add('dates', k.selectFrom('recon_results').select('id_number').where('coverage_year', '=', year).where('holds_until', '<', asOf))
    && await add('dates', k.selectFrom('recon_horizons').select('id_number').where('coverage_year', '=', year).where('holds_until', '<', asOf));
  if (!ok) return overLimit();

  // Rule 8's blocks of the persons found, as their stored rows have them (name, birth date): the blocks they
  // may leave, whose other members join the list. Blocks they join tonight are paired again after the rules
  // (reconcile-year.ts); a clean person there only gains REVIEW, which the rules would not have removed.
  if (!await add('duplicate_blocks', listedBlockRows(k, year))) return overLimit();
  return { count, by, newFiles };
}
