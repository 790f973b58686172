import { sql, type Kysely } from 'kysely';

/**
 * Whether the database is a Citus coordinator: the citus extension is in it. The DBA makes it one (the
 * extension, then the workers: docs/scale-out.md) before the job's first run; the job never creates it.
 */
export async function isCitus(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ citus: boolean }>`select exists (select 1 from pg_extension where extname = 'citus') as citus`.execute(db);
  return rows[0]!.citus;
}

/**
 * The per-person tables, distributed by id_number and co-located (a person's rows of every table on one
 * shard, so that the per-person work and its writes are shard-local): docs/scale-out.md. The first is the
 * table the others are co-located with. Every one's key already starts with or contains id_number,
 * payments' once PAYMENT_KEY has replaced its txn_id key. Every other table of the job (runs,
 * ingested_files, file_stamps, rejected_rows, reconciliations, region_history, region_totals, the migrations' own) stays a plain table on
 * the coordinator: a few rows per file or per night, never joined to a distributed table.
 */
export const DISTRIBUTED_BY_PERSON = [
  'payments', 'roster_entries', 'employee_enrollments',
  'recon_results', 'recon_results_previous', 'recon_refunds', 'recon_duplicates', 'recon_suspensions',
] as const;

/**
 * The table that holds every held txn_id once, distributed by txn_id: SPEC's txn_id is unique across all
 * persons (a second use of it is CONFLICTING_TXN_ID), but Citus enforces a unique key only where it
 * contains the distribution column, so payments' key becomes (id_number, txn_id) and this table's primary
 * key carries the uniqueness of txn_id alone. The ingest decides a staged row against it (one co-located
 * lookup by txn_id) and inserts into it with payments, in the file's transaction: a txn_id held under one
 * person can never be accepted under another, by the decision, and if that were ever wrong, by this key.
 */
export const PAYMENT_TXN_IDS = 'payment_txn_ids';

/**
 * Distributes the job's schema when the database is a Citus coordinator (migration 013); on plain PostgreSQL
 * it does nothing. Existing rows move to the workers with their tables (create_distributed_table copies
 * them), so a database the job already used can be distributed by this migration, once citus is in it.
 */
export async function distributeOnCitus(db: Kysely<any>): Promise<void> {
  if (!(await isCitus(db))) return;
  const run = (text: string) => sql.raw(text).execute(db);
  // DDL, the copies into shards and create_distributed_table in one transaction (the Migrator's) must use
  // one connection per worker, or Citus refuses the later statements of the transaction.
  await run(`set local citus.multi_shard_modify_mode to 'sequential'`);
  await run('alter table payments drop constraint payments_pkey');
  await run('alter table payments add constraint payments_pkey primary key (id_number, txn_id)');
  await run(`create table ${PAYMENT_TXN_IDS} (txn_id text collate "C" primary key, id_number text collate "C" not null)`);
  await run(`insert into ${PAYMENT_TXN_IDS} (txn_id, id_number) select txn_id, id_number from payments`);
  const [first, ...rest] = DISTRIBUTED_BY_PERSON;
  await run(`select create_distributed_table('${first}', 'id_number')`);
  for (const table of rest) await run(`select create_distributed_table('${table}', 'id_number', colocate_with => '${first}')`);
  await run(`select create_distributed_table('${PAYMENT_TXN_IDS}', 'txn_id', colocate_with => 'none')`);
}

/**
 * Per-person tables a later migration creates (014's recon_horizons and recon_baseline_persons), distributed
 * by id_number and co-located with payments, on a Citus coordinator; nothing on plain PostgreSQL. Called
 * before the migration changes any distributed table: the transaction then keeps one connection per worker
 * for the statements that follow, as create_distributed_table needs.
 */
export async function distributeByPersonOnCitus(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (!(await isCitus(db))) return;
  await sql.raw(`set local citus.multi_shard_modify_mode to 'sequential'`).execute(db);
  for (const table of tables) await sql`select create_distributed_table(${table}, 'id_number', colocate_with => ${DISTRIBUTED_BY_PERSON[0]})`.execute(db);
}
