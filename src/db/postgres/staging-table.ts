import type { ColumnType, RowShape } from '../row-shape.js';

/**
 * A temporary staging table for a file's clean rows of one row shape (postgres-row-store.ts): the line
 * and raw text, then the shape's `fromRow` columns with their types and nullability, text compared as
 * bytes (collate "C", as the migrations' text columns on PostgreSQL). The key is the line; the natural
 * key is decided by SQL after the copy, so it is not enforced here. Dropped with the file's transaction.
 */
export function stagingTable(name: string, shape: RowShape<any, any>): { columns: string[]; create: string } {
  const columns = shape.fromRow.map((c) => {
    const spec = shape.columns[c] as { type: ColumnType; nullable: boolean };
    return `${c} ${spec.type === 'text' ? 'text collate "C"' : spec.type}${spec.nullable ? '' : ' not null'}`;
  });
  return {
    columns: ['line', 'raw', ...shape.fromRow],
    create: `create temp table ${name} (line integer primary key, raw text not null, ${columns.join(', ')}) on commit drop`,
  };
}
