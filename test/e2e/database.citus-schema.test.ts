import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { execute, query } from '../helpers/db.js';
import { ENGINE, testDb } from '../helpers/engine.js';
import { PAYMENT_HEADER, idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { openPostgresReader } from '../../src/db/postgres/postgres-database.js';
import { mergePersons } from '../../src/reconcile/merge-persons.js';
import { personStream } from '../../src/reconcile/person-stream.js';
import type { PersonFacts } from '../../src/reconcile/person-facts.js';

/**
 * The job's schema on a Citus coordinator (migration 013, db/postgres/citus-distribution.ts): the per-person
 * tables distributed by id_number and co-located, with shards on both workers; the small tables left on the
 * coordinator; every unique key of a distributed table holding its distribution column; and txn_id unique
 * across persons through payment_txn_ids. Runs in the Citus half of `npm test` only.
 */
describe.skipIf(ENGINE !== 'citus')('the schema on Citus', () => {
  const P = idNumber('360702', '19900101', '123');
  const Q = idNumber('360702', '19850505', '456');
  const pay = (txn: string, id: string, amount: string) => [txn, id, '张某', '360702', '2023', amount, '2022-10-01'];

  /** A database with one payments file ingested; returns its URL and the folder. */
  function ingested() {
    const dir = tmp('recon-citus-');
    const db = testDb(dir);
    const file = writeCsv(join(dir, 'pay-1.csv'), [PAYMENT_HEADER, pay('T1', P, '350.00'), pay('T2', Q, '350.00')]);
    const r = recon(['ingest', '--db', db, file]);
    expect(r.code, r.stderr).toBe(0);
    return { db, dir };
  }

  it('distributes the per-person tables by id_number, co-located, on both workers; the small tables stay on the coordinator', () => {
    const { db } = ingested();
    const tables = query<{ table_name: string; distribution_column: string; colocation_id: number }>(db,
      `select table_name::text, distribution_column, colocation_id from citus_tables where citus_table_type = 'distributed' order by 1`);
    const byPerson = tables.filter((t) => t.distribution_column === 'id_number');
    expect(byPerson.map((t) => t.table_name)).toEqual([
      'employee_enrollments', 'payments', 'recon_baseline_persons', 'recon_changed_persons', 'recon_duplicates', 'recon_horizons', 'recon_refunds', 'recon_results',
      'recon_results_previous', 'recon_suspensions', 'roster_entries',
    ]);
    expect(new Set(byPerson.map((t) => t.colocation_id)).size).toBe(1);
    expect(tables.filter((t) => t.distribution_column !== 'id_number').map((t) => [t.table_name, t.distribution_column])).toEqual([['payment_txn_ids', 'txn_id']]);
    const citusTables = query<{ n: number }>(db, 'select count(*)::int as n from citus_tables')[0]!.n;
    expect(citusTables).toBe(tables.length); // runs, ingested_files, file_stamps, rejected_rows, reconciliations, region_history, region_totals, recon_inputs: plain coordinator tables
    const nodes = query<{ n: number }>(db, `select count(distinct nodeport)::int as n from citus_shards where table_name = 'payments'::regclass`)[0]!.n;
    expect(nodes).toBe(2);
    // Citus enforces a unique index only where it holds the distribution column: every one does.
    const unique = query<{ table: string; columns: string[] }>(db, `
      select c.relname::text as table, array_agg(a.attname::text order by a.attname) as columns
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
      join citus_tables t on t.table_name = c.oid
      where i.indisunique group by i.indexrelid, c.relname`);
    const keyed = tables.map((t) => t.table_name).filter((t) => t !== 'recon_duplicates'); // the one without a key
    expect([...new Set(unique.map((u) => u.table))].sort()).toEqual(keyed);
    for (const u of unique) {
      const column = tables.find((t) => t.table_name === u.table)!.distribution_column;
      expect(u.columns, u.table).toContain(column);
    }
  });

  it('a txn_id held under one person is CONFLICTING_TXN_ID under another, in a later file; the key of payment_txn_ids refuses it too', () => {
    const { db, dir } = ingested();
    const second = writeCsv(join(dir, 'pay-2.csv'), [PAYMENT_HEADER, pay('T1', Q, '350.00'), pay('T3', Q, '20.00')]);
    const r = recon(['ingest', '--db', db, '--max-reject-rate', '0.9', second]);
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, 'select txn_id, id_number from payments order by txn_id')).toEqual([
      { txn_id: 'T1', id_number: P }, { txn_id: 'T2', id_number: Q }, { txn_id: 'T3', id_number: Q },
    ]);
    expect(query(db, 'select txn_id, id_number from payment_txn_ids order by txn_id')).toEqual([
      { txn_id: 'T1', id_number: P }, { txn_id: 'T2', id_number: Q }, { txn_id: 'T3', id_number: Q },
    ]);
    expect(query(db, 'select line, reason from rejected_rows')).toEqual([{ line: 2, reason: 'CONFLICTING_TXN_ID' }]);
    expect(() => execute(db, `insert into payment_txn_ids (txn_id, id_number) values ('T1', '${Q}')`)).toThrow(/duplicate key/);
  });

  it('the reconcile reads each shard group on its worker, the shards themselves, and the groups merged give the persons in id order', async () => {
    const dir = tmp('recon-citus-');
    const db = testDb(dir);
    const ids = Array.from({ length: 40 }, (_, i) => idNumber('360702', '19900101', String(100 + i)));
    const file = writeCsv(join(dir, 'pay-1.csv'), [PAYMENT_HEADER, ...ids.flatMap((id, i) => [pay(`A${i}`, id, '350.00'), pay(`B${i}`, id, '20.00')])]);
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    const reader = await openPostgresReader(db);
    const shards = (await reader.shardReaders!())!;
    try {
      expect(shards.readers).toHaveLength(4); // citus.shard_count of the test cluster
      for (const r of shards.readers) expect(r.kysely.selectFrom('payments').selectAll().compile().sql).toMatch(/from "public"\."payments_\d+"/);
      const collect = async (stream: AsyncIterable<PersonFacts>) => {
        const got: PersonFacts[] = [];
        for await (const p of stream) got.push(p);
        return got;
      };
      const perGroup = await Promise.all(shards.readers.map((r) => collect(personStream(r, 2023, '2023-12-31'))));
      expect(perGroup.filter((g) => g.length > 0).length).toBeGreaterThan(1); // the persons are spread over the shards
      const merged = await collect(mergePersons(shards.readers.map((r) => personStream(r, 2023, '2023-12-31'))));
      expect(merged.map((p) => p.idNumber)).toEqual([...ids].sort());
      expect(merged).toEqual(await collect(personStream(reader, 2023, '2023-12-31'))); // the distributed read's persons, in its order
    } finally {
      await shards.close();
      await reader.close();
    }
  });
});
