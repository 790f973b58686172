import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { yearTotalsQuery } from '../../src/db/region-totals.js';
import { query } from './db.js';

/** Builds statements only (nothing to connect to): `query` runs them on either engine (its `?` placeholders work on both). */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k), createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const numbers = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, c === 'region_code' ? v : Number(v)])));

/** region_totals' rows of `year` as the reconcile stored them, in region order, every value a number but the region. */
export function storedRegionTotals(db: string, year: number): Record<string, unknown>[] {
  return numbers(query(db, 'select * from region_totals where coverage_year = ? order by region_code', year));
}

/** The same totals aggregated afresh over recon_results (the full night's statement), for comparison. */
export function freshRegionTotals(db: string, year: number): Record<string, unknown>[] {
  const { sql, parameters } = yearTotalsQuery(compiler, year).compile();
  return numbers(query(db, `select * from (${sql}) t order by region_code`, ...parameters));
}
