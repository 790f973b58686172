import { sql } from 'kysely';
import type { Db } from '../db/db.js';
import type { DuplicateEntry } from './person-facts.js';
import { pairsInBlock, type BlockMember } from './possible-duplicates.js';

/**
 * Rule 8: the blocks (same name and birth date) that hold two or more ID numbers are found by SQL (one
 * GROUP BY over the year's rows), and only their rows are read, in (name, birth date, ID) order, to be
 * paired in code within each block. Reading every row of the year in that order instead cost a sort plus a
 * million rows made into JS values (≈ 3 s at one million persons against ≈ 2 s; docs/performance.md).
 */
export async function findPossibleDuplicates(db: Db, year: number): Promise<DuplicateEntry[]> {
  const k = db.kysely;
  const birth = sql<string>`substr(id_number, 7, 8)`;
  const rBirth = sql<string>`substr(r.id_number, 7, 8)`;
  const blocks = k
    .selectFrom('recon_results')
    .select(['name', birth.as('birth')])
    .where('coverage_year', '=', year)
    .groupBy(['name', birth])
    .having((eb) => eb(eb.fn.min('id_number'), '<>', eb.fn.max('id_number')));
  const persons = k
    .selectFrom('recon_results as r')
    .innerJoin(blocks.as('b'), (j) => j.onRef('b.name', '=', 'r.name').on(rBirth, '=', sql.ref('b.birth')))
    .select(['r.name', 'r.id_number', rBirth.as('birth')])
    .where('r.coverage_year', '=', year)
    .orderBy('r.name').orderBy(rBirth).orderBy('r.id_number');
  // Read on the writer's connection (the results are in its open transaction); the pairs, which are few,
  // are written by the caller once the read is done, since nothing else may run on that connection meanwhile.
  const pairs: DuplicateEntry[] = [];
  let block: BlockMember[] = [];
  let key = '';
  const flush = () => {
    if (block.length > 1) pairs.push(...pairsInBlock(block));
    block = [];
  };
  for await (const rows of db.writerBatches(persons, 5000)) {
    for (const m of rows) {
      const k2 = `${m.name}\u0000${m.birth}`;
      if (k2 !== key) {
        flush();
        key = k2;
      }
      // A person with rows in two regions appears twice in a row; pair each ID number once.
      if (block.at(-1)?.idNumber !== m.id_number) block.push({ idNumber: m.id_number, name: m.name });
    }
  }
  flush();
  return pairs;
}
