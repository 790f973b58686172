import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RowShape } from '../row-shape.js';

/**
 * `insert into table (columns) values (?, ?, ...)` for a row shape's inserted columns, built by Kysely,
 * for statements compiled once and run per row (with insertRunner, or the shape's `values`).
 */
export function insertStatement(k: Kysely<Database>, shape: RowShape<any, any, keyof Database & string>) {
  return k.insertInto(shape.table).values(Object.fromEntries(shape.inserted.map((c) => [c, null])) as never);
}
