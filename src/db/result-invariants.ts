import { sql, type Kysely } from 'kysely';
import { ReconError } from '../base/recon-error.js';
import type { Database } from './database.js';
import type { Db } from './db.js';
import { changedPersons } from './changed-persons.js';

/** Raised when the results do not balance with the staging data: the run stops (exit 1), nothing is committed. */
export class ReconcileInvariantError extends ReconError {}

/**
 * What every reconciled year's results must satisfy, checked after reconcile has written them and before
 * its transaction commits; like dbt's tests, declared here, beside the tables they check (database.ts has the tables), each with
 * the kind of test it is, and run by one function (`checkInvariants`). A check returns its violation as a
 * message (counts and amounts only, never a person), or null.
 */
type Invariant = {
  name: string;
  kind: 'sums balance' | 'relationship' | 'unique';
  /** The tables it reads. */
  tables: (keyof Database)[];
  violation(on: Scope): Promise<string | null>;
};

/**
 * What a check runs on. `persons`: `year`, every result row of the year (a full night), or `changed`, the
 * rows of the persons recon_changed_persons lists (an incremental night: see checkInvariants). `changed` is
 * that list as a subquery, for a check's `id_number in (…)`. `resultTotals` is one scan of the rows in scope
 * that serves two checks (the collected total, and the rows owing a refund whose refunds sum to something
 * else); it is made once.
 */
type Scope = {
  k: Kysely<Database>; year: number; asOf: string; persons: InvariantScope;
  changed: ReturnType<typeof changedPersons>;
  resultTotals(): Promise<{ collected: number; owing: number }>;
};

/** Which persons' rows the invariants check (checkInvariants). */
export type InvariantScope = 'year' | 'changed';

export const RESULT_INVARIANTS: readonly Invariant[] = [
  {
    // `fiscal` payments (spec 2.1, v2) are in neither collected column: they are kept and flagged, not collected.
    // Payments dated after the as-of date are stored but not reconciled (spec 4 v2: a replay as of D).
    name: 'collected amounts over result rows = accepted personal and assistance payment amounts of the year dated on or before the as-of date',
    kind: 'sums balance',
    tables: ['payments', 'recon_results'],
    async violation({ k, year, asOf, resultTotals }) {
      const paid = await k.selectFrom('payments').select(sql<number>`coalesce(sum(amount_fen), 0)`.as('s')).where('coverage_year', '=', year)
        .where('paid_on', '<=', asOf).where('payer_type', '<>', 'fiscal').executeTakeFirstOrThrow();
      const rows = await resultTotals();
      return Number(paid.s) === Number(rows.collected) ? null
        : `collected ${rows.collected} fen over result rows != ${paid.s} fen of accepted payments for ${year} dated up to ${asOf}`;
    },
  },
  {
    name: 'every refund belongs to a result row',
    kind: 'relationship',
    tables: ['recon_refunds', 'recon_results'],
    async violation({ k, year, persons, changed }) {
      const orphan = await k
        .selectFrom('recon_refunds as f')
        .leftJoin('recon_results as r', (j) =>
          j.onRef('r.coverage_year', '=', 'f.coverage_year').onRef('r.id_number', '=', 'f.id_number').onRef('r.region_code', '=', 'f.region_code'))
        .select(sql<number>`count(*)`.as('n'))
        .where('f.coverage_year', '=', year)
        .$if(persons === 'changed', (q) => q.where('f.id_number', 'in', changed))
        .where('r.id_number', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(orphan.n) > 0 ? `${orphan.n} refunds match no result row` : null;
    },
  },
  {
    // Checked from both sides, so that neither side needs a join for every one of a million rows: rows owing
    // something against their refunds (the scan), and refund groups against their row, looked up by its key
    // (a row with refunds but refund_due 0 fails there).
    name: "each result row's refund_due = the sum of its refunds",
    kind: 'sums balance',
    tables: ['recon_results', 'recon_refunds'],
    async violation({ k, year, persons, changed, resultTotals }) {
      const rows = await resultTotals();
      const refundSums = k
        .selectFrom('recon_refunds')
        .select(['id_number', 'region_code', sql<number>`sum(amount)`.as('s')])
        .where('coverage_year', '=', year)
        .$if(persons === 'changed', (q) => q.where('id_number', 'in', changed))
        .groupBy(['id_number', 'region_code']);
      const refunded = await k
        .selectFrom(refundSums.as('f'))
        .select(sql<number>`count(*)`.as('n'))
        .where(sql<boolean>`f.s <> (select r.refund_due from recon_results r
          where r.coverage_year = ${year} and r.region_code = f.region_code and r.id_number = f.id_number)`)
        .executeTakeFirstOrThrow();
      return Number(rows.owing) + Number(refunded.n) > 0
        ? `refund_due differs from the refunds: ${rows.owing} rows against their refunds, ${refunded.n} refund groups against their rows`
        : null;
    },
  },
  {
    // Rule 9 (v2): a suspension is made only for the primary row of a person whose employee enrollment
    // overlaps it, and that row says so (flag EMPLOYEE_OVERLAP, action SUSPEND_BENEFITS). Looked up by the
    // results' key per suspension: the suspensions are few (a few percent of persons at most).
    name: 'every benefit suspension belongs to a primary result row flagged EMPLOYEE_OVERLAP with the action SUSPEND_BENEFITS',
    kind: 'relationship',
    tables: ['recon_suspensions', 'recon_results'],
    async violation({ k, year, persons, changed }) {
      const orphan = await k
        .selectFrom('recon_suspensions as u')
        .leftJoin('recon_results as r', (j) =>
          j.onRef('r.coverage_year', '=', 'u.coverage_year').onRef('r.region_code', '=', 'u.region_code').onRef('r.id_number', '=', 'u.id_number'))
        .select(sql<number>`count(*)`.as('n'))
        .where('u.coverage_year', '=', year)
        .$if(persons === 'changed', (q) => q.where('u.id_number', 'in', changed))
        .where((eb) => eb.or([
          eb('r.id_number', 'is', null), eb('r.is_primary', '<>', 1),
          eb('r.flags', 'not like', '%EMPLOYEE_OVERLAP%'), eb('r.actions', 'not like', '%SUSPEND_BENEFITS%'),
        ]))
        .executeTakeFirstOrThrow();
      return Number(orphan.n) > 0 ? `${orphan.n} benefit suspensions match no primary row flagged EMPLOYEE_OVERLAP with SUSPEND_BENEFITS` : null;
    },
  },
  {
    name: 'at most one primary result row per person',
    kind: 'unique',
    tables: ['recon_results'],
    async violation({ k, year, persons, changed }) {
      const primaries = await k
        .selectFrom('recon_results')
        .select(['id_number'])
        .where('coverage_year', '=', year)
        .$if(persons === 'changed', (q) => q.where('id_number', 'in', changed))
        .where('is_primary', '=', 1)
        .groupBy('id_number')
        .having(sql`count(*)`, '>', 1)
        .execute();
      return primaries.length > 0 ? `${primaries.length} persons have more than one primary row` : null;
    },
  },
  {
    // refund_id is a digest of the refund's key (refund-id.ts): two refunds sharing one would merge in the
    // finance system, so a collision stops the reconcile. Refunds are few beside the result rows: the year's
    // are checked on every night (a changed person's new refund can collide with anyone's).
    name: "each refund's refund_id is unique within the year",
    kind: 'unique',
    tables: ['recon_refunds'],
    async violation({ k, year }) {
      const shared = await k
        .selectFrom((eb) => eb.selectFrom('recon_refunds').select('refund_id').where('coverage_year', '=', year)
          .groupBy('refund_id').having(sql`count(*)`, '>', 1).as('d'))
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(shared.n) > 0 ? `${shared.n} refund ids are shared by more than one refund` : null;
    },
  },
];

/**
 * Runs every invariant on coverage year `year` reconciled as of `asOf`, in order; the first violation throws
 * ReconcileInvariantError.
 *
 * `persons`: `year` checks every row of the year (a full night, whose rows are all new). `changed` (an
 * incremental night) checks the rows that can have changed since the previous reconcile of the year, which
 * passed these checks before it committed, and no more:
 * - A check on one person's rows (a refund's row, a row's refunds, a suspension's row, one primary row) can
 *   fail tonight only for a person whose rows changed tonight. Every change an incremental night makes to
 *   recon_results, recon_refunds and recon_suspensions is to a person recon_changed_persons lists by the
 *   time the checks run: the recomputed persons' rows are deleted and written again (listed first), and
 *   rule 10's REVIEW is added to the rows of recomputed persons and of persons it reaches (listed after the
 *   per-region totals, before the checks: reconcile-year.ts). Every other person's rows, refunds and
 *   suspensions are byte for byte the previous reconcile's, checked then.
 * - The balance compares the year's payments, all of them (a payment the dirty-person search missed
 *   unbalances it), with the collected total of the year's rows as the per-region totals hold it
 *   (region_totals: exact, the stored totals minus the recomputed persons' rows before plus their rows now,
 *   db/region-totals.ts), instead of adding up every row again.
 * - refund_id's uniqueness is checked over the year's refunds (a new refund can collide with anyone's).
 * Rows changed outside the job between nights (by hand in SQL) are not seen on an incremental night unless
 * their person is recomputed; a `--full` night checks every row.
 */
export async function checkInvariants(db: Db, year: number, asOf: string, persons: InvariantScope = 'year'): Promise<void> {
  const k = db.kysely;
  let totals: Promise<{ collected: number; owing: number }> | null = null;
  const scope: Scope = {
    k, year, asOf, persons, changed: changedPersons(k, year),
    resultTotals: () => (totals ??= persons === 'year' ? resultTotals(k, year) : changedTotals(k, year)),
  };
  for (const invariant of RESULT_INVARIANTS) {
    const violation = await invariant.violation(scope);
    if (violation) throw new ReconcileInvariantError(violation);
  }
}


/** The one scan of the year's result rows: the collected total, and the rows owing a refund that their refunds do not sum to (a subquery only for those few rows). */
async function resultTotals(k: Kysely<Database>, year: number): Promise<{ collected: number; owing: number }> {
  return resultTotalsQuery(k, year).executeTakeFirstOrThrow();
}

/** resultTotals for an incremental night: the collected total of the year from region_totals, and the changed persons' rows owing a refund. */
async function changedTotals(k: Kysely<Database>, year: number): Promise<{ collected: number; owing: number }> {
  const stored = await k.selectFrom('region_totals').select(sql<number>`coalesce(sum(collected_personal + collected_assistance), 0)`.as('collected'))
    .where('coverage_year', '=', year).executeTakeFirstOrThrow();
  const rows = await changedOwingQuery(k, year).executeTakeFirstOrThrow();
  return { collected: Number(stored.collected), owing: Number(rows.owing) };
}

/** A row's refunds' sum, for the result row `r`. */
const rowRefunds = sql<number>`(select coalesce(sum(f.amount), 0) from recon_refunds f
    where f.coverage_year = r.coverage_year and f.id_number = r.id_number and f.region_code = r.region_code)`;

/** Rows `r` owing a refund their refunds do not sum to, counted. */
const owing = sql<number>`coalesce(sum(case when r.refund_due <> 0 and ${rowRefunds} <> r.refund_due then 1 else 0 end), 0)`;

/** resultTotals' statement (test/e2e/reconcile.person-plans.test.ts checks its plan). */
export function resultTotalsQuery(k: Kysely<Database>, year: number) {
  return k
    .selectFrom('recon_results as r')
    .select([sql<number>`coalesce(sum(r.collected_personal + r.collected_assistance), 0)`.as('collected'), owing.as('owing')])
    // The whole year, read in the table's own order: with the planner's statistics (planner-statistics.ts)
    // SQLite otherwise walked a secondary index with a row lookup per entry.
    .where(sql<number>`r.coverage_year + 0`, '=', year);
}

/** changedTotals' rows: the changed persons', each through the person index (test/e2e/reconcile.person-plans.test.ts checks its plan). */
export function changedOwingQuery(k: Kysely<Database>, year: number) {
  return k.selectFrom('recon_results as r').select(owing.as('owing')).where('r.coverage_year', '=', year).where('r.id_number', 'in', changedPersons(k, year));
}
