import type { Database } from './database.js';
import type { Db, IndexDefinition } from './db.js';

/**
 * Runs `write` with the plain indexes of `table` whose key columns are one of `keys` dropped, then builds
 * them again from their own definitions: one sort per index after the rows instead of one B-tree insertion
 * per row during them. An index whose key is in random order (by name) costs a page read per row once it
 * outgrows the cache; a first night at 5M persons spent 73 s of its 190 s reconcile there
 * (docs/performance.md, "Session 10"). The indexes are found by their columns, not their names, which do
 * not follow the two result generations' renames (previous-results.ts).
 *
 * Only inside the caller's transaction: DDL is transactional on both engines, so a failure in `write` rolls
 * the drop back with the rows and nothing is left without its index. Nothing `write` does may need them.
 */
export async function withIndexesBuiltAfter<T>(
  db: Db, table: keyof Database & string, keys: readonly (readonly string[])[], write: () => Promise<T>,
): Promise<T> {
  const deferred = (await db.plainIndexes(table)).filter((ix) => keys.some((key) => sameColumns(ix, key)));
  for (const ix of deferred) await db.kysely.schema.dropIndex(ix.name).execute();
  const result = await write();
  for (const ix of deferred) await db.buildIndex(ix);
  return result;
}

function sameColumns(ix: IndexDefinition, key: readonly string[]): boolean {
  return ix.columns.length === key.length && ix.columns.every((c, i) => c === key[i]);
}
