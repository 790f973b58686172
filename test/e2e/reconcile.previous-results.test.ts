import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { execute, query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { join } from '../helpers/files.js';
import { NIGHT_1, NIGHT_2, twoNights } from '../helpers/nights.js';

/**
 * changes.csv's baseline, recon_results_previous (db/previous-results.ts): the reconcile makes the stored
 * results the baseline by swapping the two tables' names, or, when a table holds another coverage year too,
 * by copying the year's rows. Either way, and after a reconcile killed halfway, night 2's changes.csv is the
 * one a clean two-night run gives (its exact rows: export.changes.test.ts).
 */
const columns = (db: string, table: string) => ENGINE === 'sqlite'
  ? query(db, `select name, type, "notnull", dflt_value, pk from pragma_table_info('${table}') order by cid`)
  : query(db, `select column_name, data_type, collation_name, is_nullable, column_default from information_schema.columns
      where table_name = '${table}' order by ordinal_position`);
const indexes = (db: string, table: string) => ENGINE === 'sqlite'
  ? query(db, `select i."unique", i.origin, group_concat(c.name) as cols from pragma_index_list('${table}') i, pragma_index_info(i.name) c group by i.name order by cols`)
  : query(db, `select regexp_replace(indexdef, '^.* USING ', '') as def from pg_indexes where tablename = '${table}' order by def`);
const changes = (out: string) => readFileSync(join(out, 'changes.csv'));

describe('the previous results: one table swapped in by name, or the year copied', () => {
  let clean: ReturnType<typeof twoNights>;
  let reference: Buffer;
  beforeAll(() => {
    clean = twoNights();
    clean.run(NIGHT_1, 'out-1');
    clean.deliverNight2();
    reference = changes(clean.run(NIGHT_2, 'out-2'));
  });

  it('the two generations are alike (columns, types, NOT NULLs, defaults, key and indexes), after swaps too', () => {
    for (const db of [clean.db]) {
      expect(columns(db, 'recon_results_previous')).toEqual(columns(db, 'recon_results'));
      expect(indexes(db, 'recon_results_previous')).toEqual(indexes(db, 'recon_results'));
      expect(columns(db, 'recon_results').length).toBeGreaterThan(20);
    }
  });

  for (const [how, mode, code] of [['failed', 'throw', 1], ['killed (kill -9)', 'kill', -1 /* no exit status */]] as const) {
    it(`a reconcile ${how} after the swap leaves the old results and the old baseline: the rerun gives the clean changes.csv`, () => {
      const n = twoNights();
      n.run(NIGHT_1, 'out-1');
      const night1 = query(n.db, 'select * from recon_results order by region_code, id_number');
      n.deliverNight2();
      const broken = recon(n.args('--as-of', NIGHT_2, '--out', join(n.root, 'out-broken')), { env: { RECON_FAILPOINT: `reconcile-person:1:${mode}` } });
      expect(broken.code).toBe(code);
      expect(query(n.db, 'select * from recon_results order by region_code, id_number')).toEqual(night1);
      expect(query(n.db, 'select cast(count(*) as integer) as n from recon_results_previous')).toEqual([{ n: 0 }]);
      expect(changes(n.run(NIGHT_2, 'out-2'))).toEqual(reference);
    });
  }

  it('a database holding another year: the year is copied, the other year is untouched in both tables', () => {
    const n = twoNights();
    n.run(NIGHT_1, 'out-1');
    // Another coverage year's results (as a database kept over the September roll-over has), in both tables.
    for (const table of ['recon_results', 'recon_results_previous']) {
      execute(n.db, `insert into ${table} select * from recon_results where coverage_year = 2023`.replace('select *', `select ${
        columns(n.db, 'recon_results').map((c) => String(Object.values(c)[0])).map((c) => (c === 'coverage_year' ? '2022' : c)).join(', ')}`));
    }
    const other = (table: string) => query(n.db, `select * from ${table} where coverage_year = 2022 order by region_code, id_number`);
    const before = { current: other('recon_results'), previous: other('recon_results_previous') };
    expect(before.current.length).toBe(5);
    n.deliverNight2();
    expect(changes(n.run(NIGHT_2, 'out-2'))).toEqual(reference);
    expect({ current: other('recon_results'), previous: other('recon_results_previous') }).toEqual(before);
  });
});
