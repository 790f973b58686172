import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { insertRunner } from '../row-shape.js';
import type { RowStoreFile, StoreTally } from '../row-store.js';
import type { SnapshotTable } from '../snapshot-table.js';
import { insertStatement } from './insert-statement.js';

/**
 * The SQLite half of a snapshot table's rule (snapshot-table.ts), decided row by row as rows come: an
 * insert that changes nothing means the key is held; one lookup of the held end date then tells a repeat
 * from an update. Statements are built by Kysely from the table's definition and compiled once.
 */
export function sqliteSnapshotStore<R>(
  sqlite: BetterSqlite3.Database, k: Kysely<Database>, table: SnapshotTable, file: RowStoreFile, tally: StoreTally,
): (row: R, line: number) => void {
  const { shape, end, endField } = table;
  // The table is chosen by the definition, not known to Kysely's types here.
  const any = k as unknown as Kysely<any>;
  const byKey = <Q extends { where(c: string, op: '=', v: unknown): Q }>(q: Q) => shape.key.reduce((w: Q, c: string) => w.where(c, '=', ''), q);
  const prepare = (q: { compile(): { sql: string } }) => sqlite.prepare(q.compile().sql);
  const insert = prepare(insertStatement(k, shape as never).onConflict((oc) => oc.columns(shape.key as never).doNothing()));
  const select = prepare(byKey(any.selectFrom(shape.table).select([end])));
  const update = prepare(byKey(any.updateTable(shape.table).set({ [end]: '', updated_sha256: '', updated_line: 0 })));
  const run = insertRunner(shape);
  const keyFields = shape.key.map((c) => (shape.columns[c] as { source: { field: string } }).source.field);
  return (row: R, line: number) => {
    if (run(insert, row, file.sha256, line).changes === 1) {
      tally.accepted++;
      return;
    }
    const r = row as Record<string, unknown>;
    const key = keyFields.map((f) => r[f]);
    const to = r[endField] as string | null;
    const held = select.get(...key) as Record<string, string | null>;
    if (to === null || held[end] === to) {
      tally.repeats++;
      return;
    }
    update.run(to, file.sha256, line, ...key);
    tally.accepted++;
    tally.updated++;
  };
}
