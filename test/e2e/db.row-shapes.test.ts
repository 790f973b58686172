import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECON_DUPLICATES, RECON_REFUNDS, RECON_RESULTS, RECON_SUSPENSIONS } from '../../src/db/result-shapes.js';
import { REGION_HISTORY } from '../../src/db/history-shapes.js';
import type { ColumnType } from '../../src/db/row-shape.js';
import { EMPLOYEE_ENROLLMENTS, PAYMENTS, REJECTED_ROWS, ROSTER_ENTRIES } from '../../src/db/staging-shapes.js';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { ENGINE, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';

type Shape = { table: string; names: readonly string[]; key: readonly string[]; columns: Record<string, { type: ColumnType; nullable: boolean }> };
const SHAPES: Shape[] = [PAYMENTS, ROSTER_ENTRIES, EMPLOYEE_ENROLLMENTS, REJECTED_ROWS, RECON_RESULTS, RECON_REFUNDS, RECON_DUPLICATES, RECON_SUSPENSIONS, REGION_HISTORY];

/** Columns the database numbers itself and the job never writes: not in the row shapes. */
const NOT_IN_SHAPE: Record<string, string[]> = { rejected_rows: ['id'] };

type TableColumn = { name: string; type: string; nullable: boolean };

/** A table's columns in table order, as the database holds them. */
function tableColumns(db: string, table: string): TableColumn[] {
  if (ENGINE === 'postgres') {
    return query<{ name: string; type: string; nullable: string }>(db, `
      select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns
      where table_schema = current_schema() and table_name = ? order by ordinal_position`, table)
      .map((c) => ({ name: c.name, type: c.type, nullable: c.nullable === 'YES' }));
  }
  return query<{ name: string; type: string; notnull: number; pk: number }>(db, 'select name, type, "notnull", pk from pragma_table_info(?)', table)
    // SQLite lets a primary-key column of a rowid table hold null unless declared not null; the job never writes one.
    .map((c) => ({ name: c.name, type: c.type.toLowerCase(), nullable: c.notnull === 0 && c.pk === 0 }));
}

/** The primary key's columns, in key order ([] when the table has none). */
function primaryKey(db: string, table: string): string[] {
  if (ENGINE === 'postgres') {
    return query<{ name: string }>(db, `
      select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ?::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`, table).map((r) => r.name);
  }
  return query<{ name: string; pk: number }>(db, 'select name, pk from pragma_table_info(?) where pk > 0 order by pk', table).map((r) => r.name);
}

/**
 * The row shapes (src/db/*-shapes.ts) are the one definition every writer derives from; the migrations
 * that created the tables are history and stay as written. This holds the two together: each shape names
 * its table's columns in table order, with their types and nullability, and its key, on both engines.
 */
describe('row shapes match the migrated schema', () => {
  let db: string;
  beforeAll(() => {
    const dir = tmp();
    mkdirSync(join(dir, 'inbox'));
    db = testDb(dir);
    const r = recon(['ingest', '--db', db, join(dir, 'inbox')]);
    expect(r.code, r.stderr).toBe(0);
  });

  for (const shape of SHAPES) {
    it(`${shape.table}: the columns in table order, their types and nullability`, () => {
      const skip = NOT_IN_SHAPE[shape.table] ?? [];
      const held = tableColumns(db, shape.table).filter((c) => !skip.includes(c.name));
      const defined = shape.names.map((name) => ({ name, type: shape.columns[name]!.type, nullable: shape.columns[name]!.nullable }));
      expect(held).toEqual(defined);
    });
  }

  for (const shape of SHAPES.filter((s) => s.table !== 'rejected_rows')) {
    it(`${shape.table}: the key is the table's primary key`, () => {
      expect(primaryKey(db, shape.table)).toEqual([...shape.key]);
    });
  }

  it('rejected_rows: the key is its unique index', () => {
    const index = ENGINE === 'postgres'
      ? query<{ def: string }>(db, "select indexdef as def from pg_indexes where indexname = 'rejected_rows_by_file_line'")[0]!.def
      : query<{ def: string }>(db, "select sql as def from sqlite_master where name = 'rejected_rows_by_file_line'")[0]!.def;
    expect(index.toLowerCase()).toContain('unique');
    expect(index.replace(/["`]/g, '')).toContain(`(${REJECTED_ROWS.key.join(', ')})`);
  });
});
