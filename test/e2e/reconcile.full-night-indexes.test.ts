import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { SERVER, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { night } from '../helpers/run.js';

/**
 * The plain indexes of the two result generations, as "table: columns" (names aside: an index keeps its
 * name when the generations trade names), a key part that is an expression as `(expression)`, as
 * Db.plainIndexes names it: the block index (018) is then told from 014's index by name.
 */
function resultIndexes(db: string): string[] {
  const rows = SERVER
    ? query<{ t: string; cols: string }>(db, `select t.relname as t, array_to_string(array(select coalesce(a.attname, '(expression)') from unnest(i.indkey) with ordinality k(n, o)
        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n order by k.o), ',') as cols
        from pg_index i join pg_class t on t.oid = i.indrelid where t.relname like 'recon_results%' and not i.indisunique`)
    : query<{ t: string; cols: string }>(db, `select m.tbl_name as t, (select group_concat(coalesce(name, '(expression)'), ',') from (select name from pragma_index_info(m.name) order by seqno)) as cols
        from sqlite_master m where m.type = 'index' and m.tbl_name like 'recon_results%' and m.sql is not null`);
  return rows.map((r) => `${r.t}: ${r.cols}`).sort();
}

/**
 * A full night drops recon_results' block index (rule 8's blocks, migration 018) before its rows and builds it after
 * (src/db/indexes-built-after.ts): the night must end with every index the migrations made, on the table
 * they were made for, whether the year's first night or a later one that swaps the generations.
 */
describe('a full night builds the incremental nights\' indexes after its rows', () => {
  it('leaves each result generation with the migrations\' indexes', () => {
    const empty = tmp();
    const freshDb = testDb(empty);
    mkdirSync(join(empty, 'none'));
    expect(recon(['ingest', '--db', freshDb, join(empty, 'none')]).code).toBe(0);
    const migrated = resultIndexes(freshDb);
    expect(migrated).toContain('recon_results: coverage_year,name,(expression),id_number');
    expect(migrated).toContain('recon_results_previous: coverage_year,name,(expression),id_number');
    expect(migrated).toContain('recon_results: coverage_year,holds_until');

    const n = night();
    const first = recon(n.args());
    expect(first.code, first.stderr).toBe(0);
    expect(resultIndexes(n.db)).toEqual(migrated);
    // A later as-of date: the stored results become the baseline (the generations trade names).
    const later = recon(n.args('--full').map((a) => (a === '2023-03-15' ? '2023-04-15' : a)));
    expect(later.code, later.stderr).toBe(0);
    expect(resultIndexes(n.db)).toEqual(migrated);
  });
});
