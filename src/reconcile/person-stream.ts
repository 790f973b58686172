import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ReadDb } from '../db/db.js';
import { employeeEnrollmentAsOf } from './employee-enrollment-fact.js';
import { PaymentTallier } from './payment-tallier.js';
import type { PaymentFact, PaymentTally, PersonFacts, RosterFact } from './person-facts.js';

/**
 * The most payments one person may have for one coverage year and still be put through the rules, which
 * hold all of a person's payments at once (in a worker whose heap is capped to keep the run's memory
 * flat). A real person has a handful; a person past this (issue 13: one ID number with 171,000 payments,
 * a test or migration load gone wrong) is summarised per region instead, in bounded memory, and reported
 * as TOO_MANY_PAYMENTS for review (too-many-payments.ts; docs/rules.md). 1,000 also keeps a
 * DUPLICATE_PAYMENT entry's txn_ids under Excel's 32,767 characters per cell for txn_ids of up to 31
 * characters. A person at exactly the limit is reconciled by the rules.
 */
export const MAX_PAYMENTS_PER_PERSON = 1000;

/** Reads an ordered query batch by batch, one row at a time, awaiting only when a batch runs out. */
class Cursor<R> {
  private batch: R[] = [];
  private i = 0;
  constructor(private readonly source: AsyncIterator<R[]>) {}

  /** The current row (undefined once the query is exhausted). */
  get row(): R | undefined {
    return this.batch[this.i];
  }

  /** Moves to the next row; returns a promise only when a new batch must be fetched. */
  next(): Promise<void> | void {
    this.i++;
    if (this.i < this.batch.length) return;
    return this.refill();
  }

  async refill(): Promise<void> {
    const r = await this.source.next();
    this.batch = r.done ? [] : r.value;
    this.i = 0;
  }
}

/**
 * Every person with a payment for the year dated on or before the as-of date D, or a roster entry, one at a
 * time, in id_number order. Payments dated after D are left out here, in SQL, so that a replay as of a past
 * date (`--as-of`, spec 4 v2: "facts dated after D are ignored") is the reconcile the bureau could have made
 * on D: they stay stored (and in the input files' control totals); only the reconcile does not read them.
 * Three ordered queries (payments, roster, employee enrollments), each on a read-only connection of its own,
 * are merged by id_number, so memory holds one batch of each and one person, never all; and never more than
 * `limit` payments of one person: the rest of such a person's payments are tallied, not held
 * (`PersonFacts.tally`). The employee list only adds to a person the other two bring: an employee with
 * neither payments nor roster entries has no result row (rule 1), so their enrollments are passed over as
 * the merge reads on, never looked up per person. Enrollments are read as known on `asOf`. With `only`,
 * the persons it lists, and no others (an incremental night: dirty-persons.ts).
 */
export async function* personStream(
  db: Pick<ReadDb, 'kysely' | 'batches'>, year: number, asOf: string, limit = MAX_PAYMENTS_PER_PERSON, only: readonly string[] | null = null,
): AsyncGenerator<PersonFacts> {
  if (only === null) {
    yield* mergedPersons(db, year, asOf, limit, null);
    return;
  }
  // An incremental night (reconcile-year.ts): the persons `only` lists (in id_number order), a chunk at a time,
  // each chunk the same three ordered reads narrowed to its ID numbers (the tables' by-person indexes).
  for (let i = 0; i < only.length; i += PERSONS_PER_READ) yield* mergedPersons(db, year, asOf, limit, only.slice(i, i + PERSONS_PER_READ));
}

/**
 * ID numbers per chunk of an incremental night's reads: a bound on the query's parameters (SQLite allows
 * 32,766). The writer hands the worker its persons in chunks of this size too (reconcile-year.ts).
 */
export const PERSONS_PER_READ = 500;

/**
 * The rows each of a person stream's three reads yields at a time: 2,000, as the full night was measured
 * with, rather than the smaller default (db.ts BATCH_ROWS), which was measured on the export only.
 */
const FACT_BATCH_ROWS = 2000;

async function* mergedPersons(
  db: Pick<ReadDb, 'kysely' | 'batches'>, year: number, asOf: string, limit: number, ids: readonly string[] | null,
): AsyncGenerator<PersonFacts> {
  const k = db.kysely;
  const payments = new Cursor(db.batches(k
    .selectFrom('payments')
    .select(['id_number', 'txn_id', 'region_code', 'amount_fen', 'paid_on', 'paid_time', 'payer_type', 'category', 'tier', 'name'])
    .where('coverage_year', '=', year)
    .$if(ids !== null, (q) => q.where('id_number', 'in', ids!))
    .where('paid_on', '<=', asOf) // a filter on the covering index's entries: the same scan, in the same order
    .orderBy('id_number').orderBy('paid_on').orderBy('paid_time', (o) => o.asc().nullsFirst()).orderBy('txn_id'), FACT_BATCH_ROWS)[Symbol.asyncIterator]());
  const roster = new Cursor(db.batches(k
    .selectFrom('roster_entries')
    .select(['id_number', 'category', 'effective_from', 'effective_to', 'region_code', 'name'])
    .$if(ids !== null, (q) => q.where('id_number', 'in', ids!))
    .where('effective_from', '<=', asOf) // a recognition after D was not known on D (spec 4 v2): never read
    .orderBy('id_number').orderBy('effective_from').orderBy('category'), FACT_BATCH_ROWS)[Symbol.asyncIterator]());
  // Those starting after the as-of date are left out here already (employeeEnrollmentAsOf says why).
  const employee = new Cursor(db.batches(k
    .selectFrom('employee_enrollments')
    .select(['id_number', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'])
    .$if(ids !== null, (q) => q.where('id_number', 'in', ids!))
    .where('insured_from', '<=', asOf)
    .orderBy('id_number').orderBy('insured_from').orderBy('region_code'), FACT_BATCH_ROWS)[Symbol.asyncIterator]());
  await payments.refill();
  await roster.refill();
  await employee.refill();
  for (;;) {
    const p = payments.row;
    const r = roster.row;
    if (!p && !r) return;
    const id = !p ? r!.id_number : !r ? p.id_number : p.id_number < r.id_number ? p.id_number : r.id_number;
    const person: PersonFacts = { idNumber: id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, payments: [], roster: [], employeeEnrollments: [] };
    let held = 0;
    for (let v = payments.row; v && v.id_number === id; v = payments.row) {
      if (held++ === limit) { // one comparison per row on the hot path
        person.tally = await tallyRest(person.payments, payments, id);
        person.payments = [];
        break;
      }
      person.payments.push(paymentFact(v));
      const refill = payments.next();
      if (refill) await refill; // only at the end of a batch: no await per row
    }
    for (let v = roster.row; v && v.id_number === id; v = roster.row) {
      // An end after D was not known on D: the status reads as still in effect (spec 4 v2).
      const effectiveTo = v.effective_to !== null && v.effective_to > asOf ? null : v.effective_to;
      person.roster.push({ category: v.category, effectiveFrom: v.effective_from, effectiveTo, regionCode: v.region_code, name: v.name } satisfies RosterFact);
      const refill = roster.next();
      if (refill) await refill;
    }
    // Enrollments of persons before this one (employees only, without a row) are passed over.
    for (let v = employee.row; v && v.id_number <= id; v = employee.row) {
      const fact = v.id_number === id ? employeeEnrollmentAsOf(v, asOf) : null;
      if (fact) person.employeeEnrollments.push(fact);
      const refill = employee.next();
      if (refill) await refill;
    }
    yield person;
  }
}

type PaymentRow = {
  id_number: string; txn_id: string; region_code: string; amount_fen: number | bigint; paid_on: string; paid_time: string | null;
  payer_type: string; category: string; tier: string; name: string;
};

function paymentFact(v: PaymentRow): PaymentFact {
  return {
    txnId: v.txn_id, regionCode: v.region_code, amountFen: Number(v.amount_fen), paidOn: v.paid_on, paidTime: v.paid_time,
    payerType: v.payer_type as PaymentFact['payerType'], category: v.category, tier: v.tier, name: v.name,
  };
}

/** The payments held so far and the rest of the person's rows on the cursor, tallied without being held. */
async function tallyRest(held: PaymentFact[], cursor: Cursor<PaymentRow>, id: string): Promise<PaymentTally> {
  const tally = new PaymentTallier();
  for (const p of held) tally.add(p);
  for (let v = cursor.row; v && v.id_number === id; v = cursor.row) {
    tally.add(paymentFact(v));
    const refill = cursor.next();
    if (refill) await refill;
  }
  return tally.result();
}

/** How many persons `personStream` will yield for the year as of D (for a progress bar's total). */
export async function countPersons(k: Kysely<Database>, year: number, asOf: string): Promise<number> {
  const ids = k.selectFrom('payments').select('id_number').where('coverage_year', '=', year).where('paid_on', '<=', asOf)
    .union(k.selectFrom('roster_entries').select('id_number').where('effective_from', '<=', asOf));
  const row = await k.selectFrom(ids.as('ids')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
