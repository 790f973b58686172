import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Rule 8's block of a result row is its name and its birth date: the ID number's characters 7 to 14. Written
 * as the block index (migration 018) holds it, `substr(id_number, 7, 8)` with literal bounds, so that both
 * engines read a block as one range of that index.
 */
export const birthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 7, 8)`;

/**
 * The result rows of coverage year `year` in the blocks (name, birth date) of the rows of the persons
 * recon_changed_persons lists for the year (an incremental night: dirty-persons.ts before the rules,
 * find-possible-duplicates.ts after them), with `listed` 1 for a row of a listed person, else 0. Set work:
 * the blocks first, from the listed persons' rows through the person index; then each block's rows as one
 * range of the block index (migration 018), which holds the ID number, so no row is read. (Through an index
 * by name, every entry of the name was read to compare the birth date: 1.4 s against 1.1 s for a 1% night at
 * 5M persons, docs/performance.md "Session 14", most of it the listed persons' own rows and the lookups;
 * by name without the ID number in the index, 1.46M rows for that night's 52k blocks, "Session 12".)
 */
export function listedBlockRows(k: Kysely<Database>, year: number) {
  const blocks = k.selectFrom('recon_changed_persons as c').crossJoin('recon_results as r')
    .select(['r.name', birthOf('r.id_number').as('birth')]).distinct()
    .whereRef('r.coverage_year', '=', 'c.coverage_year').whereRef('r.id_number', '=', 'c.id_number').where('c.coverage_year', '=', year);
  // `listed` by a join on the list's key, not a subquery in the select list (which Citus would not distribute).
  return k.selectFrom(blocks.as('b')).crossJoin('recon_results as m')
    .leftJoin('recon_changed_persons as l', (j) => j.onRef('l.coverage_year', '=', 'm.coverage_year').onRef('l.id_number', '=', 'm.id_number'))
    .select(['m.name', 'm.id_number', 'b.birth', sql<number>`case when l.id_number is null then 0 else 1 end`.as('listed')])
    .where('m.coverage_year', '=', year).whereRef('m.name', '=', 'b.name').where((eb) => eb(birthOf('m.id_number'), '=', eb.ref('b.birth')));
}

/**
 * The full night's rule 8 read: the result rows of coverage year `year` in blocks (name, birth date) of two
 * or more ID numbers, in (name, birth date, ID) order. Set work: the blocks by one GROUP BY over the year,
 * which follows the block index (migration 018) with no sort, then each block's rows as one range of it
 * (covering: no row is read). 3.7 s through 014's index by name, 1.6–1.9 s through this one at 5M persons
 * (docs/performance.md "Session 14"); test/e2e/reconcile.person-plans.test.ts checks the plan.
 */
export function yearBlockRows(k: Kysely<Database>, year: number) {
  const blocks = k
    .selectFrom('recon_results')
    .select(['name', birthOf('id_number').as('birth')])
    .where('coverage_year', '=', year)
    .groupBy(['name', birthOf('id_number')])
    .having((eb) => eb(eb.fn.min('id_number'), '<>', eb.fn.max('id_number')));
  const rBirth = birthOf('r.id_number');
  return k
    .selectFrom('recon_results as r')
    .innerJoin(blocks.as('b'), (j) => j.onRef('b.name', '=', 'r.name').on(rBirth, '=', sql.ref('b.birth')))
    .select(['r.name', 'r.id_number', rBirth.as('birth')])
    .where('r.coverage_year', '=', year)
    .orderBy('r.name').orderBy(rBirth).orderBy('r.id_number');
}
