import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Schema migrations, applied in name order by Kysely's Migrator. They are kept in code (not a folder of
 * files) so that the compiled CLI needs nothing beside it. Only portable column types are used
 * (text, integer, bigint): the same migrations run on PostgreSQL.
 */
const migrations: Record<string, Migration> = {
  '001-staging': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ingested_files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .addColumn('encoding', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reject_reason', 'text')
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('repeats', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('blank_lines', 'integer', (c) => c.notNull())
        .addColumn('extra_columns', 'text', (c) => c.notNull())
        .addColumn('control_totals', 'text', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('txn_id', 'text', (c) => c.primaryKey())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('amount_fen', 'bigint', (c) => c.notNull())
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('paid_time', 'text')
        .addColumn('payer_type', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('source_sha256', 'text', (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('payments_by_year_person')
        .on('payments')
        .columns(['coverage_year', 'id_number', 'region_code'])
        .execute();

      await db.schema
        .createTable('roster_entries')
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('source_dept', 'text', (c) => c.notNull())
        .addColumn('source_sha256', 'text', (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .addColumn('updated_sha256', 'text')
        .addColumn('updated_line', 'integer')
        .addPrimaryKeyConstraint('roster_entries_pk', ['id_number', 'category', 'effective_from'])
        .execute();

      await db.schema
        .createTable('rejected_rows')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rejected_rows_by_file_line')
        .on('rejected_rows')
        .columns(['file_sha256', 'line'])
        .unique()
        .execute();
    },
  },
  '002-results': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reconciliations')
        .addColumn('coverage_year', 'integer', (c) => c.primaryKey())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('reconciled_at', 'text', (c) => c.notNull())
        .addColumn('persons', 'integer', (c) => c.notNull())
        .addColumn('result_rows', 'integer', (c) => c.notNull())
        .addColumn('policy_sources', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('recon_results')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('assistance_category', 'text')
        .addColumn('standard', 'bigint')
        .addColumn('subsidy', 'bigint')
        .addColumn('expected_personal', 'bigint')
        .addColumn('collected_personal', 'bigint', (c) => c.notNull())
        .addColumn('expected_assistance', 'bigint')
        .addColumn('collected_assistance', 'bigint', (c) => c.notNull())
        .addColumn('variance', 'bigint')
        .addColumn('refund_due', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('benefit_start', 'text')
        .addColumn('first_paid_at', 'text')
        .addColumn('last_paid_at', 'text')
        .addColumn('payments', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_results_pk', ['coverage_year', 'id_number', 'region_code'])
        .execute();
      await db.schema
        .createIndex('recon_results_by_region').on('recon_results').columns(['coverage_year', 'region_code', 'id_number']).execute();
      await db.schema
        .createTable('recon_refunds')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('payee', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_refunds_pk', ['coverage_year', 'id_number', 'region_code', 'payee', 'reason'])
        .execute();
      await db.schema
        .createTable('recon_duplicates')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_codes', 'text', (c) => c.notNull())
        .addColumn('txn_ids', 'text', (c) => c.notNull())
        .addColumn('other_id_number', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('roster_by_person').on('roster_entries').columns(['id_number', 'effective_from']).execute();
    },
  },
  '003-runs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('runs')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('parameters', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('exit_code', 'integer')
        .addColumn('inputs', 'text', (c) => c.notNull())
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('runs_by_status').on('runs').columns(['status', 'started_at']).execute();
    },
  },
  '004-read-paths': {
    // Read paths for ten million persons (docs/performance.md). Reconcile reads every payment of the year
    // in (id_number, paid_on, paid_time, txn_id) order: a covering index in that order makes it one
    // sequential index scan, with no table lookups and no sort; it replaces payments_by_year_person, whose
    // prefix it repeats. Export reads results in (region_code, id_number) order: the results table is
    // clustered on that key (WITHOUT ROWID), and a second index serves lookups by person. Results are a
    // derived layer: the table is recreated empty and the year must be reconciled again.
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('payments_by_year_person').execute();
      await db.schema
        .createIndex('payments_for_reconcile')
        .on('payments')
        .columns(['coverage_year', 'id_number', 'paid_on', 'paid_time', 'txn_id', 'region_code', 'amount_fen', 'payer_type', 'category', 'tier', 'name'])
        .execute();
      for (const table of ['reconciliations', 'recon_refunds', 'recon_duplicates']) await db.deleteFrom(table).execute();
      await db.schema.dropTable('recon_results').execute();
      await db.schema
        .createTable('recon_results')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('assistance_category', 'text')
        .addColumn('standard', 'bigint')
        .addColumn('subsidy', 'bigint')
        .addColumn('expected_personal', 'bigint')
        .addColumn('collected_personal', 'bigint', (c) => c.notNull())
        .addColumn('expected_assistance', 'bigint')
        .addColumn('collected_assistance', 'bigint', (c) => c.notNull())
        .addColumn('variance', 'bigint')
        .addColumn('refund_due', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('benefit_start', 'text')
        .addColumn('first_paid_at', 'text')
        .addColumn('last_paid_at', 'text')
        .addColumn('payments', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_results_pk', ['coverage_year', 'region_code', 'id_number'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await db.schema.createIndex('recon_results_by_person').on('recon_results').columns(['coverage_year', 'id_number']).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; a failed migration stops the run with its error. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
