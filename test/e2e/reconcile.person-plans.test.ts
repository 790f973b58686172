import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { changedOwingQuery, resultTotalsQuery } from '../../src/db/result-invariants.js';
import { changedRowsQuery } from '../../src/export/output-files.js';
import { changedPersonsTotalsQuery, yearTotalsQuery } from '../../src/db/region-totals.js';
import { listedBlockRows, yearBlockRows } from '../../src/reconcile/duplicate-blocks.js';
import { paymentsDatedWithin } from '../../src/reconcile/dirty-persons.js';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { night } from '../helpers/run.js';

/**
 * Issue 21: an incremental night reads, deletes and copies a few persons' rows by `coverage_year = ? AND
 * id_number IN (…)`. Without the planner's statistics SQLite served that from the primary key (the whole
 * year, once per 500 persons) and the 1% night at 1M persons cost as much as a full one (docs/performance.md).
 * A full night leaves the statistics; the statements' shape must then probe the person indexes. (PostgreSQL
 * has its statistics from its own ANALYZE after every step.)
 */
describe.skipIf(ENGINE !== 'sqlite')('an incremental night reads persons through their indexes', () => {
  it('after a full night, reads and deletes by person probe the person indexes, not the year', () => {
    const n = night();
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const plan = (statement: string) => query<{ detail: string }>(n.db, `EXPLAIN QUERY PLAN ${statement}`).map((p) => p.detail).join(' | ');
    const ids = "('110101199001011234', '110101199001011235', '110101199001011236')";
    // An incremental night deletes and copies the persons recon_changed_persons lists (dirty-persons.ts).
    const listed = '(SELECT id_number FROM recon_changed_persons WHERE coverage_year = 2023)';
    expect(plan(`SELECT id_number, name, flags FROM recon_results WHERE coverage_year = 2023 AND id_number IN ${ids}`)).toMatch(/recon_results_by_person \(coverage_year=\? AND id_number=\?\)/);
    expect(plan(`INSERT INTO recon_results_previous SELECT * FROM recon_results WHERE coverage_year = 2023 AND id_number IN ${listed}`)).toMatch(/recon_results_by_person \(coverage_year=\? AND id_number=\?\)/);
    expect(plan(`DELETE FROM recon_suspensions WHERE coverage_year = 2023 AND id_number IN ${listed}`)).toMatch(/recon_suspensions_by_person \(coverage_year=\? AND id_number=\?\)/);
    expect(plan(`DELETE FROM recon_duplicates WHERE coverage_year = 2023 AND kind <> 'POSSIBLE_DUPLICATE' AND id_number IN ${listed}`)).toMatch(/recon_duplicates_by_person \(coverage_year=\? AND id_number=\?\)/);
    // The payments dated since the last as-of date, a range of the by-date index (migration 019); the year's
    // payments in person order and their sum still through the covering index, without a sort (the payments
    // have no statistics: planner-statistics.ts).
    const dated = paymentsDatedWithin(new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) }), 2023, '2023-03-15', '2023-03-16').compile();
    const values = [...dated.parameters];
    expect(plan(dated.sql.replace(/\?/g, () => `'${values.shift()}'`))).toBe('SEARCH payments USING COVERING INDEX payments_by_date (paid_on>? AND paid_on<?)');
    expect(plan("SELECT id_number, txn_id, amount_fen FROM payments WHERE coverage_year = 2023 AND paid_on <= '2023-03-15' ORDER BY id_number, paid_on, paid_time NULLS FIRST, txn_id"))
      .toBe('SEARCH payments USING COVERING INDEX payments_for_reconcile (coverage_year=?)');
    expect(plan('SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE coverage_year = 2023')).toBe('SEARCH payments USING COVERING INDEX payments_for_reconcile (coverage_year=?)');
    // The results whose date has come (the partial index of dated rows).
    expect(plan("SELECT id_number FROM recon_results WHERE coverage_year = 2023 AND holds_until < '2023-03-16'")).toMatch(/recon_results(_previous)?_dated \(coverage_year=\? AND holds_until<\?\)/);
  });

  it('after a full night, the invariants\' and the region totals read the results in the table\'s order, and an export\'s changed rows, the changed persons\' totals and their invariants by person', () => {
    const n = night();
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const sqlite = new BetterSqlite3(n.db, { readonly: true });
    try {
      const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      const { sql: statement, parameters } = resultTotalsQuery(k, 2023).compile();
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...parameters) as { detail: string }[]).map((p) => p.detail);
      // With the statistics the full night leaves, `coverage_year = ?` alone was read through recon_results_by_name.
      expect(plan[0]).toBe('SCAN r');
      // An incremental night's invariants: the changed persons' rows, each through the person index.
      const owing = changedOwingQuery(k, 2023).compile();
      const owingPlan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${owing.sql}`).all(...owing.parameters) as { detail: string }[]).map((p) => p.detail);
      expect(owingPlan[0]).toMatch(/^SEARCH r USING INDEX recon_results(_previous)?_by_person \(coverage_year=\? AND id_number=\?\)/);
      // An incremental night's changed rows for reconciliation.csv: the changed persons, each by the person
      // index, then sorted (as `id_number in (…)` it walked the year by the primary key).
      const changed = changedRowsQuery(k, 2023).compile();
      const changedPlan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${changed.sql}`).all(...changed.parameters) as { detail: string }[]).map((p) => p.detail);
      expect(changedPlan[0]).toMatch(/^SEARCH c /);
      expect(changedPlan[1]).toMatch(/^SEARCH r USING INDEX recon_results(_previous)?_by_person \(coverage_year=\? AND id_number=\?\)/);
      // The per-region totals: a full night's over the year in the table's order, which is the grouping's
      // (no sort); an incremental night's over the listed persons' rows, each by the person index.
      const planOf = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
        const c = q.compile();
        return (sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters) as { detail: string }[]).map((p) => p.detail);
      };
      expect(planOf(yearTotalsQuery(k, 2023))).toEqual(['SCAN r']);
      const totalsPlan = planOf(changedPersonsTotalsQuery(k, 2023));
      expect(totalsPlan[0]).toMatch(/^SEARCH c /);
      expect(totalsPlan[1]).toMatch(/^SEARCH r USING INDEX recon_results(_previous)?_by_person \(coverage_year=\? AND id_number=\?\)/);
      // Rule 8's blocks of the listed persons (duplicate-blocks.ts): their rows by the person index, then each
      // block's rows as one range of the block index (name, birth date; a covering index: no row read).
      // Both as dirty-persons.ts reads them and as find-possible-duplicates.ts does, in block order.
      for (const q of [listedBlockRows(k, 2023), listedBlockRows(k, 2023).orderBy('m.name').orderBy('b.birth').orderBy('m.id_number')]) {
        const blocksPlan = planOf(q).join(' | ');
        expect(blocksPlan).toMatch(/SEARCH r USING (COVERING )?INDEX recon_results(_previous)?_by_person \(coverage_year=\? AND id_number=\?\)/);
        expect(blocksPlan).toMatch(/SEARCH m USING COVERING INDEX recon_results(_previous)?_by_block \(coverage_year=\? AND name=\? AND <expr>=\?\)/);
      }
      // A full night's rule 8 (find-possible-duplicates.ts): both reads of the year, the GROUP BY of its blocks
      // and the rows of the blocks of two or more, follow the block index alone (covering: no row is read), and
      // the GROUP BY needs no sort. (Which side the join loops over depends on the year's size: at 5M persons
      // each block of two or more is one range of the index; at the fixtures' size the year is walked.)
      const yearPlan = planOf(yearBlockRows(k, 2023));
      const reads = yearPlan.filter((l) => /^(SEARCH|SCAN) (r|recon_results) /.test(l));
      expect(reads).toHaveLength(2);
      for (const read of reads) expect(read).toMatch(/^SEARCH (r|recon_results) USING COVERING INDEX recon_results(_previous)?_by_block \(coverage_year=\?/);
      expect(yearPlan.join(' | ')).not.toMatch(/FOR GROUP BY/);
    } finally {
      sqlite.close();
    }
  });
});
