import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/db.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import type { DuplicateEntry } from './person-facts.js';
import { pairsInBlock, type BlockMember } from './possible-duplicates.js';
import { POSSIBLE_DUPLICATE_ACTION } from './rules/actions.js';
import { IDS_PER_STATEMENT } from '../db/previous-results.js';
import { blockKey } from './dirty-persons.js';

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

/**
 * Rule 8 for the blocks of the names `names` only (an incremental night): every block whose name is one of
 * these, whatever its birth date, so that a pair is found again exactly where deletePairsNamed removed it.
 * Their members' rows are read through the results' by-name index and paired as findPossibleDuplicates
 * pairs a block (members in ID order).
 */
export async function findPossibleDuplicatesNamed(db: Db, year: number, names: readonly string[]): Promise<DuplicateEntry[]> {
  const members = new Map<string, BlockMember[]>();
  for (let i = 0; i < names.length; i += IDS_PER_STATEMENT) {
    const rows = await db.kysely.selectFrom('recon_results').select(['name', 'id_number']).where('coverage_year', '=', year)
      .where('name', 'in', names.slice(i, i + IDS_PER_STATEMENT)).execute();
    for (const r of rows) {
      const key = blockKey(r.name, r.id_number);
      const list = members.get(key) ?? [];
      if (!list.some((m) => m.idNumber === r.id_number)) list.push({ idNumber: r.id_number, name: r.name }); // two regions: one member
      members.set(key, list);
    }
  }
  const pairs: DuplicateEntry[] = [];
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0)); // ID numbers are ASCII
    pairs.push(...pairsInBlock(list));
  }
  return pairs;
}

/** Removes the year's POSSIBLE_DUPLICATE pairs of the names `names` (a pair's name is its block's). */
export async function deletePairsNamed(db: Db, year: number, names: readonly string[]): Promise<void> {
  for (let i = 0; i < names.length; i += IDS_PER_STATEMENT) {
    await db.kysely.deleteFrom('recon_duplicates').where('coverage_year', '=', year).where('kind', '=', 'POSSIBLE_DUPLICATE')
      .where('name', 'in', names.slice(i, i + IDS_PER_STATEMENT)).execute();
  }
}

/**
 * Rule 10 for rule 8's pairs, once they are stored in recon_duplicates: every result row of a person in a
 * `POSSIBLE_DUPLICATE` pair (either side) gets `REVIEW`, in one UPDATE on the year's rows (set work, the
 * same SQL on both engines). REVIEW is the last action in rule 10's order, so appending it keeps the order;
 * a row that has it already (ends with it) is left as it is. Returns the changed rows as values in
 * RECON_RESULTS's order, in (region_code, id_number) order, for a sink that wrote them before (the spill of
 * reconciliation.csv): they are few (pairs are rare), so they are held.
 */
export async function reviewPossibleDuplicates(db: Db, year: number): Promise<unknown[][]> {
  const k = db.kysely;
  const action = POSSIBLE_DUPLICATE_ACTION;
  const pairs = k.selectFrom('recon_duplicates').where('coverage_year', '=', year).where('kind', '=', 'POSSIBLE_DUPLICATE');
  const inPair = (eb: ExpressionBuilder<Database, 'recon_results'>) => eb.or([
    eb('id_number', 'in', pairs.select('id_number')),
    eb('id_number', 'in', pairs.select('other_id_number')),
  ]);
  const updated = await k.updateTable('recon_results')
    .set({ actions: sql<string>`case when actions = '' then ${action} else actions || ${';' + action} end` })
    .where('coverage_year', '=', year)
    .where(inPair)
    .where((eb) => eb.and([eb('actions', '<>', action), eb('actions', 'not like', `%;${action}`)]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return [];
  const rows = k.selectFrom('recon_results').select([...RECON_RESULTS.inserted]).where('coverage_year', '=', year).where(inPair)
    .orderBy('region_code').orderBy('id_number');
  const out: unknown[][] = [];
  for await (const batch of db.writerBatches(rows)) {
    for (const r of batch) out.push(RECON_RESULTS.inserted.map((c) => (r as Record<string, unknown>)[c]));
  }
  return out;
}
