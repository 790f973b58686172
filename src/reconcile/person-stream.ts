import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { PaymentFact, PersonFacts, RosterFact } from './person-facts.js';

/**
 * Every person with a payment for the year or a roster entry, one at a time, in id_number order. Two
 * ordered streams (payments, roster) are merged by id_number, so memory holds one person, never all.
 */
export async function* personStream(
  readers: [Kysely<Database>, Kysely<Database>], year: number,
): AsyncGenerator<PersonFacts> {
  // Each stream needs a connection of its own: Kysely's SQLite driver serialises queries on a connection,
  // so a second stream on the same one would wait for the first forever.
  const payments = readers[0]
    .selectFrom('payments')
    .select(['id_number', 'txn_id', 'region_code', 'amount_fen', 'paid_on', 'paid_time', 'payer_type', 'category', 'tier', 'name'])
    .where('coverage_year', '=', year)
    .orderBy('id_number').orderBy('paid_on').orderBy('paid_time').orderBy('txn_id')
    .stream(1000)[Symbol.asyncIterator]();
  const roster = readers[1]
    .selectFrom('roster_entries')
    .select(['id_number', 'category', 'effective_from', 'effective_to', 'region_code', 'name'])
    .orderBy('id_number').orderBy('effective_from').orderBy('category')
    .stream(1000)[Symbol.asyncIterator]();
  let p = await payments.next();
  let r = await roster.next();
  while (!p.done || !r.done) {
    const id = p.done ? r.value!.id_number : r.done ? p.value.id_number : p.value.id_number < r.value.id_number ? p.value.id_number : r.value.id_number;
    const person: PersonFacts = { idNumber: id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, payments: [], roster: [] };
    while (!p.done && p.value.id_number === id) {
      const v = p.value;
      person.payments.push({
        txnId: v.txn_id, regionCode: v.region_code, amountFen: Number(v.amount_fen), paidOn: v.paid_on, paidTime: v.paid_time,
        payerType: v.payer_type as PaymentFact['payerType'], category: v.category, tier: v.tier, name: v.name,
      });
      p = await payments.next();
    }
    while (!r.done && r.value.id_number === id) {
      const v = r.value;
      person.roster.push({ category: v.category, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, regionCode: v.region_code, name: v.name } satisfies RosterFact);
      r = await roster.next();
    }
    yield person;
  }
}

/** How many persons `personStream` will yield for the year (for a progress bar's total). */
export async function countPersons(reader: Kysely<Database>, year: number): Promise<number> {
  const ids = reader.selectFrom('payments').select('id_number').where('coverage_year', '=', year)
    .union(reader.selectFrom('roster_entries').select('id_number'));
  const row = await reader.selectFrom(ids.as('ids')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
