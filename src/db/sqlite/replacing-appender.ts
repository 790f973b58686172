import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Appender } from '../db.js';
import type { RowShape } from '../row-shape.js';
import { insertStatement } from './insert-statement.js';

/**
 * Db.replacingAppender on SQLite: each row is written over the stored row with the same key, in place. An
 * upsert sets only the columns no index reads, when the columns an index reads are the stored row's: the
 * row is rewritten in its page of the table, and no index is touched. Deleting a row and inserting it again
 * touches its page in every index of the table, twice; at 5M persons a 1% night's 52k result rows cost
 * 4.5 s against 1.2 s of CPU, and wrote 440 MiB of pages to the write-ahead log against 185 MiB, which the
 * commit's checkpoint copies into the file again (docs/performance.md, "Session 12"). A row whose indexed
 * columns differ (a new name, another primary row, another holds_until), or that has no stored row,
 * is deleted (if stored) and inserted as the plain appender inserts it.
 *
 * The columns an index reads are read from the catalogue when the appender is made: the key columns of
 * every index, and any column the CREATE INDEX statement names (a partial index's WHERE, an expression),
 * so an index added later is respected without a change here. Either way the result is right (SQLite keeps
 * every index of a column the upsert sets); a column counted here only makes more rows take the delete and
 * insert, and one missed only costs that index's update.
 */
export function sqliteReplacingAppender(
  sqlite: BetterSqlite3.Database, kysely: Kysely<Database>, shape: RowShape<any, any, keyof Database & string>,
): Appender {
  const table = shape.table;
  const indexed = indexedColumns(sqlite, table, shape.names);
  const key = [...shape.key] as string[];
  const kept = shape.names.filter((c) => !indexed.has(c));
  const compared = [...indexed].filter((c) => !key.includes(c));
  const plain = insertStatement(kysely, shape);
  const upsert = sqlite.prepare(plain.onConflict((oc) => {
    const update = oc.columns(key as never).doUpdateSet(Object.fromEntries(kept.map((c) => [c, (eb: any) => eb.ref(`excluded.${c}`)])) as never);
    return compared.length ? update.where((eb: any) => eb.and(compared.map((c) => eb(`${table}.${c}`, 'is', eb.ref(`excluded.${c}`))))) : update;
  }).compile().sql);
  const insert = sqlite.prepare(plain.compile().sql);
  const remove = sqlite.prepare(kysely.deleteFrom(table).where((eb: any) => eb.and(key.map((c) => eb(c, '=', null)))).compile().sql);
  const keyAt = key.map((c) => shape.inserted.indexOf(c as never));
  return {
    add(values) {
      // No row changed: the stored row's indexed columns differ (the upsert's WHERE), so it goes and the row is inserted.
      if (upsert.run(...values).changes === 0) {
        remove.run(...keyAt.map((i) => values[i]));
        insert.run(...values);
      }
    },
    flush: async () => {},
  };
}

/** The columns of `table` (among `columns`) that some index of it reads (see above). */
function indexedColumns(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[]): Set<string> {
  const indexed = new Set<string>();
  const indexes = sqlite.prepare('select name from pragma_index_list(?)').pluck().all(table) as string[];
  const info = sqlite.prepare('select name from pragma_index_info(?) where name is not null').pluck();
  for (const index of indexes) for (const c of info.all(index) as string[]) indexed.add(c);
  // The statements of the table's own indexes (a key constraint's has none): a partial index's WHERE and an
  // expression name columns pragma_index_info does not list.
  const statements = sqlite.prepare("select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null").pluck().all(table) as string[];
  for (const statement of statements) {
    for (const c of columns) if (new RegExp(`(^|[^A-Za-z0-9_])${c}([^A-Za-z0-9_]|$)`).test(statement)) indexed.add(c);
  }
  return indexed;
}
