import type { RowShape } from './row-shape.js';

/**
 * A staging table filled from repeated snapshots (spec 2.2 rosters, 2.5 employee lists): each month's list
 * repeats the rows of the last one, and a row may come back with its end date filled in. One definition
 * serves every such kind, on both engines (sqlite/sqlite-snapshot-store.ts, postgres/postgres-snapshot-store.ts):
 * - a row whose natural key (the shape's `key`) is new is accepted;
 * - a row of a held key is a repeat, unless it carries an end date different from the held one: then it
 *   sets or corrects it (`updated`, counted as accepted too), recording the file and line that did in
 *   `updated_sha256` / `updated_line`. A blank end date never clears a held one, since snapshots can
 *   arrive out of order; the last non-blank end date read is the one held. Other differences in a repeat
 *   (name, region, department, employer...) keep the first.
 */
export type SnapshotTable<S extends RowShape<any, any> = RowShape<any, any>> = {
  readonly shape: S;
  /** The end-date column a later snapshot may fill (nullable, copied from the row). */
  readonly end: string;
  /** The row field that column is copied from. */
  readonly endField: string;
};

/** Declares `shape` a snapshot table whose end date is `end` (a nullable column copied from a row field). */
export function snapshotTable<S extends RowShape<any, any>>(shape: S, end: S['fromRow'][number]): SnapshotTable<S> {
  const column = shape.columns[end] as { nullable: boolean; source: { kind: string; field?: string } };
  if (!column.nullable || column.source.kind !== 'field') throw new Error(`${shape.table}.${end}: a snapshot's end date is a nullable row field`);
  for (const c of ['updated_sha256', 'updated_line']) {
    if (!shape.names.includes(c)) throw new Error(`${shape.table} lacks ${c}, which a snapshot table records its updates in`);
  }
  return { shape, end, endField: column.source.field! };
}
