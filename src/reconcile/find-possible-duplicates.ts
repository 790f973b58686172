import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/db.js';
import { RECON_RESULTS } from '../db/result-shapes.js';
import type { DuplicateEntry } from './person-facts.js';
import { pairsInBlock, type BlockMember } from './possible-duplicates.js';
import { POSSIBLE_DUPLICATE_ACTION } from './rules/actions.js';
import { IDS_PER_STATEMENT } from '../db/previous-results.js';
import { listedBlockRows, yearBlockRows } from './duplicate-blocks.js';
import { changedPersons } from '../db/changed-persons.js';

/**
 * Rule 8: the blocks (same name and birth date) that hold two or more ID numbers are found by SQL (one
 * GROUP BY over the year's rows), and only their rows are read, in (name, birth date, ID) order, to be
 * paired in code within each block. Reading every row of the year in that order instead cost a sort plus a
 * million rows made into JS values (≈ 3 s at one million persons against ≈ 2 s; docs/performance.md).
 */
export async function findPossibleDuplicates(db: Db, year: number): Promise<DuplicateEntry[]> {
  const k = db.kysely;

  const persons = yearBlockRows(k, year);
  // Read on the writer's connection (the results are in its open transaction); the pairs, which are few,
  // are written by the caller once the read is done, since nothing else may run on that connection meanwhile.
  const pairs: DuplicateEntry[] = [];
  await forEachBlock(db.writerBatches(persons, 5000), (block) => pairs.push(...pairsInBlock(block.map(({ row }) => row))));
  return pairs;
}

type BlockRow = { name: string; id_number: string; birth: string };

/**
 * Calls `onBlock` with each block of two or more ID numbers among `batches`' rows, which come in (name, birth
 * date, ID) order, one block held at a time: each member once (a person with rows in two regions has two
 * rows in a row), as a BlockMember beside the first of its rows.
 */
async function forEachBlock<R extends BlockRow>(batches: AsyncIterable<R[]>, onBlock: (block: { row: BlockMember; of: R }[]) => void): Promise<void> {
  let block: { row: BlockMember; of: R }[] = [];
  let key = '';
  for await (const rows of batches) {
    for (const m of rows) {
      const k2 = `${m.name}\u0000${m.birth}`;
      if (k2 !== key) {
        if (block.length > 1) onBlock(block);
        block = [];
        key = k2;
      }
      if (block.at(-1)?.row.idNumber !== m.id_number) block.push({ row: { idNumber: m.id_number, name: m.name }, of: m });
    }
  }
  if (block.length > 1) onBlock(block);
}

/**
 * Rule 8 on an incremental night, after the rules: the pairs that have a person recon_changed_persons lists
 * (a person recomputed tonight) in them, and which of their persons are listed. A pair depends only on its
 * two members (pairsInBlock), so a pair of two persons not recomputed is the one stored, whatever else
 * changed in its block: those are not made again. The blocks are those of the listed persons' rows now
 * (every block such a person joins or stays in; the blocks they left were read before the rules, and their
 * other members are listed too: dirty-persons.ts), each block's members read in (name, birth date, ID)
 * order and paired as findPossibleDuplicates pairs them, one block held at a time.
 */
export async function pairsOfListed(db: Db, year: number): Promise<{ pairs: DuplicateEntry[]; listed: Set<string> }> {
  const rows = listedBlockRows(db.kysely, year).orderBy('m.name').orderBy('b.birth').orderBy('m.id_number');
  const pairs: DuplicateEntry[] = [];
  /** The listed persons among those in a block of two or more (pairs are few, so are they). */
  const listed = new Set<string>();
  await forEachBlock(db.writerBatches(rows, 5000), (block) => {
    for (const m of block) if (Number(m.of.listed) === 1) listed.add(m.row.idNumber);
    for (const p of pairsInBlock(block.map(({ row }) => row))) if (listed.has(p.idNumber) || listed.has(p.otherIdNumber!)) pairs.push(p);
  });
  return { pairs, listed };
}

/**
 * The year's stored rule 8 pairs that have a person recon_changed_persons lists in them. Pairs are few (489
 * at 5M persons), so the year's are read in the table's order (`coverage_year + 0`: not through an index
 * with a row lookup per entry, as recon_duplicates_by_name would, for every finding of the year), each
 * side looked up in the list.
 */
export async function storedPairsOfListed(db: Db, year: number): Promise<DuplicateEntry[]> {
  const k = db.kysely;
  const listed = changedPersons(k, year);
  const rows = await k.selectFrom('recon_duplicates').select(['id_number', 'other_id_number', 'name', 'detail'])
    .where(sql<number>`coverage_year + 0`, '=', year).where('kind', '=', 'POSSIBLE_DUPLICATE')
    .where((eb) => eb.or([eb('id_number', 'in', listed), eb('other_id_number', 'in', listed)])).execute();
  return rows.map((r) => ({
    kind: 'POSSIBLE_DUPLICATE', idNumber: r.id_number, name: r.name, regionCodes: [], txnIds: [], otherIdNumber: r.other_id_number, detail: r.detail,
  }));
}

/** A rule 8 pair's identity: its two ID numbers and its block's name (two persons can share two blocks). */
export function pairKey(p: DuplicateEntry): string {
  return `${p.idNumber}\u0000${p.otherIdNumber}\u0000${p.name}`;
}

/** Removes the stored rule 8 pairs `pairs` (a few: those that no longer hold tonight). */
export async function deletePairs(db: Db, year: number, pairs: readonly DuplicateEntry[]): Promise<void> {
  for (const p of pairs) {
    await db.kysely.deleteFrom('recon_duplicates').where('coverage_year', '=', year).where('kind', '=', 'POSSIBLE_DUPLICATE')
      .where('id_number', '=', p.idNumber).where('other_id_number', '=', p.otherIdNumber!).where('name', '=', p.name).execute();
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
  const pairs = k.selectFrom('recon_duplicates').where('coverage_year', '=', year).where('kind', '=', 'POSSIBLE_DUPLICATE');
  const inPair = (eb: ExpressionBuilder<Database, 'recon_results'>) => eb.or([
    eb('id_number', 'in', pairs.select('id_number')),
    eb('id_number', 'in', pairs.select('other_id_number')),
  ]);
  const updated = await k.updateTable('recon_results').set(withReview).where('coverage_year', '=', year).where(inPair).where(lacksReview)
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

/**
 * Rule 10 on an incremental night: `REVIEW` for the rows of persons `ids`, those of tonight's pairs whose rows
 * can lack it (reconcile-year.ts says which), by person, as reviewPossibleDuplicates gives it. Every other
 * person in a pair has it from the night that stored the pair, and their rows are unchanged since; reading
 * the year's pairs to find them cost a scan of every finding of the year, twice (1.6 s at 5M persons).
 */
export async function reviewPersons(db: Db, year: number, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    await db.kysely.updateTable('recon_results').set(withReview).where('coverage_year', '=', year)
      .where('id_number', 'in', ids.slice(i, i + IDS_PER_STATEMENT)).where(lacksReview).execute();
  }
}

/** REVIEW appended to a row's actions (the last in rule 10's order, so the order holds). */
const withReview = { actions: sql<string>`case when actions = '' then ${POSSIBLE_DUPLICATE_ACTION} else actions || ${';' + POSSIBLE_DUPLICATE_ACTION} end` };

/** A row whose actions do not end with REVIEW yet. */
const lacksReview = (eb: ExpressionBuilder<Database, 'recon_results'>) =>
  eb.and([eb('actions', '<>', POSSIBLE_DUPLICATE_ACTION), eb('actions', 'not like', `%;${POSSIBLE_DUPLICATE_ACTION}`)]);
