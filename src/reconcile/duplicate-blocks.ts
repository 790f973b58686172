import { sql } from 'kysely';
import type { Db } from '../db/db.js';

/** Rule 8's block key: name and birth date (the ID number's characters 7 to 14). */
export function blockKey(name: string, idNumber: string): string {
  return `${name}\u0000${idNumber.slice(6, 14)}`;
}

/** Block keys per statement: each adds at most a name and a birth date to the statement's parameters. */
const BLOCKS_PER_STATEMENT = 500;

/**
 * The members of rule 8's blocks `blocks` (blockKey) among coverage year `year`'s result rows: for each block
 * with a row, its ID numbers, each once (a person with rows in two regions is one member), in ID order
 * (ASCII: JavaScript's default sort is SQL's order here). Read on the writer's connection (an incremental night: dirty-persons.ts, before anything is
 * deleted; reconcile-year.ts, after the rules) through the results' by-name index, which holds the name and
 * the ID number, so the birth date is compared in the index without reading the rows: a statement names up
 * to 500 blocks by their names and their birth dates, and the rows of another block that match both lists
 * (a name of one block, the birth date of another) are dropped here. Reading by name alone returned every
 * person of each name, whatever their birth date (1.46M rows for the 52k blocks of a 1% night at 5M
 * persons, docs/performance.md "Session 12").
 */
export async function blockMembers(db: Db, year: number, blocks: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const keys = [...blocks].sort();
  const members = new Map<string, Set<string>>();
  for (let i = 0; i < keys.length; i += BLOCKS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + BLOCKS_PER_STATEMENT).map((key) => {
      const at = key.lastIndexOf('\u0000');
      return [key.slice(0, at), key.slice(at + 1)] as const;
    });
    const rows = await db.kysely.selectFrom('recon_results').select(['name', 'id_number']).where('coverage_year', '=', year)
      .where('name', 'in', [...new Set(chunk.map(([name]) => name))])
      .where(sql<string>`substr(id_number, 7, 8)`, 'in', [...new Set(chunk.map(([, birth]) => birth))])
      .execute();
    for (const r of rows) {
      const key = blockKey(r.name, r.id_number);
      if (!blocks.has(key)) continue;
      const ids = members.get(key) ?? new Set<string>();
      ids.add(r.id_number);
      members.set(key, ids);
    }
  }
  return new Map([...members].map(([key, ids]) => [key, [...ids].sort()]));
}
