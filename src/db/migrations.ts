import {
  DEFAULT_MIGRATION_TABLE, Migrator, type ColumnDataType, type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression, type Kysely,
  type Migration, type MigrationProvider, sql,
} from 'kysely';
import { failpoint } from '../base/failpoints.js';
import { storeYearTotals } from './region-totals.js';
import { TOTALS_COLUMNS } from './totals-shapes.js';

/**
 * What the migrations write differently per engine (the values live in each engine's module):
 * - `text`: the text column type. PostgreSQL's is `text collate "C"`, so that ORDER BY compares bytes as
 *   SQLite does: the outputs are sorted by name and ID, and must be byte-identical on both engines.
 * - `autoIncrementKey`: an integer key the database numbers (SQLite autoincrement, PostgreSQL identity).
 * - `clustered`: a table stored in its primary key's order (SQLite WITHOUT ROWID; PostgreSQL has no such
 *   table and keeps a heap with the key's index).
 * - `replicate`: creates `replica`, empty, from `table`'s own definition as the database holds it now: the
 *   same columns, types, defaults, NOT NULLs, primary key, clustering and indexes (index names start with
 *   `replica`'s name instead of `table`'s), so that the two can trade places (previous-results.ts).
 * - `distribute`: spreads the per-person tables over a Citus cluster's workers by id_number, when the
 *   database is a Citus coordinator (postgres/citus-distribution.ts); nothing on SQLite or plain PostgreSQL.
 * - `distributeByPerson`: the same for per-person tables a later migration creates, co-located with the others.
 * - `analyzeNewIndex`: the planner's statistics for an index a migration adds to a table that has rows and
 *   statistics already (see each engine's).
 */
export type SchemaDialect = {
  text: ColumnDataType | Expression<unknown>;
  autoIncrementKey(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  clustered<T extends string, C extends string>(t: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  replicate(db: Kysely<any>, table: string, replica: string): Promise<void>;
  distribute(db: Kysely<any>): Promise<void>;
  distributeByPerson(db: Kysely<any>, tables: readonly string[]): Promise<void>;
  analyzeNewIndex(db: Kysely<any>, table: string, index: string): Promise<void>;
};

/**
 * Schema migrations, applied in name order by Kysely's Migrator. They are kept in code (not a folder of
 * files) so that the compiled CLI needs nothing beside it. Only portable column types are used
 * (text, integer, bigint): the same migrations run on PostgreSQL.
 */
export function migrations(s: SchemaDialect): Record<string, Migration> {
  return {
  '001-staging': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ingested_files')
        .addColumn('sha256', s.text, (c) => c.primaryKey())
        .addColumn('file_name', s.text, (c) => c.notNull())
        .addColumn('kind', s.text)
        .addColumn('encoding', s.text)
        .addColumn('status', s.text, (c) => c.notNull())
        .addColumn('reject_reason', s.text)
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('repeats', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('blank_lines', 'integer', (c) => c.notNull())
        .addColumn('extra_columns', s.text, (c) => c.notNull())
        .addColumn('control_totals', s.text, (c) => c.notNull())
        .addColumn('ingested_at', s.text, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('txn_id', s.text, (c) => c.primaryKey())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('amount_fen', 'bigint', (c) => c.notNull())
        .addColumn('paid_on', s.text, (c) => c.notNull())
        .addColumn('paid_time', s.text)
        .addColumn('payer_type', s.text, (c) => c.notNull())
        .addColumn('category', s.text, (c) => c.notNull())
        .addColumn('tier', s.text, (c) => c.notNull())
        .addColumn('channel', s.text, (c) => c.notNull())
        .addColumn('source_sha256', s.text, (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('payments_by_year_person')
        .on('payments')
        .columns(['coverage_year', 'id_number', 'region_code'])
        .execute();

      await db.schema
        .createTable('roster_entries')
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('category', s.text, (c) => c.notNull())
        .addColumn('effective_from', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('effective_to', s.text)
        .addColumn('source_dept', s.text, (c) => c.notNull())
        .addColumn('source_sha256', s.text, (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .addColumn('updated_sha256', s.text)
        .addColumn('updated_line', 'integer')
        .addPrimaryKeyConstraint('roster_entries_pk', ['id_number', 'category', 'effective_from'])
        .execute();

      await db.schema
        .createTable('rejected_rows')
        .addColumn('id', 'integer', s.autoIncrementKey)
        .addColumn('file_sha256', s.text, (c) => c.notNull())
        .addColumn('file_name', s.text, (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('kind', s.text, (c) => c.notNull())
        .addColumn('reason', s.text, (c) => c.notNull())
        .addColumn('detail', s.text, (c) => c.notNull())
        .addColumn('raw', s.text, (c) => c.notNull())
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
        .addColumn('as_of', s.text, (c) => c.notNull())
        .addColumn('reconciled_at', s.text, (c) => c.notNull())
        .addColumn('persons', 'integer', (c) => c.notNull())
        .addColumn('result_rows', 'integer', (c) => c.notNull())
        .addColumn('policy_sources', s.text, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('recon_results')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('category', s.text, (c) => c.notNull())
        .addColumn('tier', s.text, (c) => c.notNull())
        .addColumn('assistance_category', s.text)
        .addColumn('standard', 'bigint')
        .addColumn('subsidy', 'bigint')
        .addColumn('expected_personal', 'bigint')
        .addColumn('collected_personal', 'bigint', (c) => c.notNull())
        .addColumn('expected_assistance', 'bigint')
        .addColumn('collected_assistance', 'bigint', (c) => c.notNull())
        .addColumn('variance', 'bigint')
        .addColumn('refund_due', 'bigint', (c) => c.notNull())
        .addColumn('status', s.text, (c) => c.notNull())
        .addColumn('flags', s.text, (c) => c.notNull())
        .addColumn('benefit_start', s.text)
        .addColumn('first_paid_at', s.text)
        .addColumn('last_paid_at', s.text)
        .addColumn('payments', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull())
        .addColumn('rule', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_results_pk', ['coverage_year', 'id_number', 'region_code'])
        .execute();
      await db.schema
        .createIndex('recon_results_by_region').on('recon_results').columns(['coverage_year', 'region_code', 'id_number']).execute();
      await db.schema
        .createTable('recon_refunds')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('payee', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reason', s.text, (c) => c.notNull())
        .addColumn('rule', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_refunds_pk', ['coverage_year', 'id_number', 'region_code', 'payee', 'reason'])
        .execute();
      await db.schema
        .createTable('recon_duplicates')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('kind', s.text, (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('region_codes', s.text, (c) => c.notNull())
        .addColumn('txn_ids', s.text, (c) => c.notNull())
        .addColumn('other_id_number', s.text, (c) => c.notNull())
        .addColumn('detail', s.text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('roster_by_person').on('roster_entries').columns(['id_number', 'effective_from']).execute();
    },
  },
  '003-runs': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('runs')
        .addColumn('run_id', s.text, (c) => c.primaryKey())
        .addColumn('command', s.text, (c) => c.notNull())
        .addColumn('parameters', s.text, (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('host', s.text, (c) => c.notNull())
        .addColumn('started_at', s.text, (c) => c.notNull())
        .addColumn('finished_at', s.text)
        .addColumn('status', s.text, (c) => c.notNull())
        .addColumn('exit_code', 'integer')
        .addColumn('inputs', s.text, (c) => c.notNull())
        .addColumn('steps', s.text, (c) => c.notNull())
        .addColumn('error', s.text)
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
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('category', s.text, (c) => c.notNull())
        .addColumn('tier', s.text, (c) => c.notNull())
        .addColumn('assistance_category', s.text)
        .addColumn('standard', 'bigint')
        .addColumn('subsidy', 'bigint')
        .addColumn('expected_personal', 'bigint')
        .addColumn('collected_personal', 'bigint', (c) => c.notNull())
        .addColumn('expected_assistance', 'bigint')
        .addColumn('collected_assistance', 'bigint', (c) => c.notNull())
        .addColumn('variance', 'bigint')
        .addColumn('refund_due', 'bigint', (c) => c.notNull())
        .addColumn('status', s.text, (c) => c.notNull())
        .addColumn('flags', s.text, (c) => c.notNull())
        .addColumn('benefit_start', s.text)
        .addColumn('first_paid_at', s.text)
        .addColumn('last_paid_at', s.text)
        .addColumn('payments', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull())
        .addColumn('rule', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_results_pk', ['coverage_year', 'region_code', 'id_number'])
        .$call(s.clustered)
        .execute();
      await db.schema.createIndex('recon_results_by_person').on('recon_results').columns(['coverage_year', 'id_number']).execute();
    },
  },
  '005-primary-check': {
    // The "one primary row per person" invariant reads is_primary in person order: carrying it in the
    // by-person index makes that check one index scan instead of a table lookup per row (1.4 → 0.2 s at
    // one million persons). Lookups by person use the index as before.
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('recon_results_by_person').execute();
      await db.schema.createIndex('recon_results_by_person').on('recon_results').columns(['coverage_year', 'id_number', 'is_primary']).execute();
    },
  },
  '006-stored-policy-set': {
    // The policy set each reconcile applied, kept with it (ReconciliationsTable.policy_set).
    async up(db: Kysely<any>) {
      await db.schema.alterTable('reconciliations').addColumn('policy_set', s.text).execute();
    },
  },
  '007-actions': {
    // Rule 10's actions and spec 5's assistance_variance (v2). Results are a derived layer, and actions cannot
    // be derived from the stored columns (they need the deadline): a year's results stored before this
    // migration are removed with its reconcile record, so that `recon export` asks for a reconcile rather
    // than write rows whose actions cell would be wrongly empty. The next reconcile (every night) fills them.
    async up(db: Kysely<any>) {
      for (const table of ['recon_results', 'recon_refunds', 'recon_duplicates', 'reconciliations']) await db.deleteFrom(table).execute();
      await db.schema.alterTable('recon_results').addColumn('assistance_variance', 'bigint').execute();
      await db.schema.alterTable('recon_results').addColumn('actions', s.text, (c) => c.notNull().defaultTo('')).execute();
    },
  },
  '008-employee-enrollments': {
    // The employee-insurance enrollment list (spec 2.5, v2), kept from monthly snapshots like the roster
    // (staging-shapes.ts EMPLOYEE_ENROLLMENTS). Reconcile reads it per person in (id_number, insured_from)
    // order (person-stream.ts): the index serves that read as the roster's does.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('employee_enrollments')
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('insured_from', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('insured_to', s.text)
        .addColumn('insured_kind', s.text)
        .addColumn('employer', s.text, (c) => c.notNull())
        .addColumn('source_sha256', s.text, (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .addColumn('updated_sha256', s.text)
        .addColumn('updated_line', 'integer')
        .addPrimaryKeyConstraint('employee_enrollments_pk', ['id_number', 'region_code', 'insured_from'])
        .execute();
      await db.schema.createIndex('employee_enrollments_by_person').on('employee_enrollments').columns(['id_number', 'insured_from']).execute();
    },
  },
  '009-benefit-suspensions': {
    // Rule 9's suspensions of resident benefits while employee-insured (spec 5 v2: benefit_suspensions.csv),
    // a result table like the refunds: replaced with the year's results by each reconcile, keyed in the
    // export's order. A year reconciled before this migration simply has none until the next reconcile.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('recon_suspensions')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('suspend_from', s.text, (c) => c.notNull())
        .addColumn('employee_region', s.text, (c) => c.notNull())
        .addColumn('name', s.text, (c) => c.notNull())
        .addColumn('resume_on', s.text)
        .addColumn('rule', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_suspensions_pk', ['coverage_year', 'region_code', 'id_number', 'suspend_from', 'employee_region'])
        .execute();
    },
  },
  '010-refund-id': {
    // refunds.csv's stable refund_id (spec 5 v2; refund-id.ts), stored so that a results invariant can check
    // it unique per year in SQL. Results are a derived layer: a year's results stored before this migration
    // have no id, so they are removed with its reconcile record, as 007 does; the next reconcile fills them.
    async up(db: Kysely<any>) {
      for (const table of ['recon_results', 'recon_refunds', 'recon_duplicates', 'recon_suspensions', 'reconciliations']) await db.deleteFrom(table).execute();
      await db.schema.alterTable('recon_refunds').addColumn('refund_id', s.text, (c) => c.notNull().defaultTo('')).execute();
    },
  },
  '011-changes-baseline': {
    // changes.csv (spec 5 v2): the year's previous results survive the reconcile that replaces them, in
    // recon_results_previous, a replica of recon_results made from that table's own definition (columns,
    // key, clustering, indexes): a reconcile swaps the two tables by renaming them instead of copying rows
    // (previous-results.ts), so they must stay alike. A later migration that changes recon_results must
    // change recon_results_previous the same way, in the same migration (RESULT_GENERATIONS in
    // previous-results.ts; test/e2e/reconcile.previous-results.test.ts compares the two).
    async up(db: Kysely<any>) {
      await s.replicate(db, 'recon_results', 'recon_results_previous');
      await db.schema.alterTable('reconciliations').addColumn('previous_as_of', s.text).execute();
    },
  },
  '012-region-history': {
    // The collection-progress report's trend (spec 5, v2): each reconcile adds its per-region totals
    // (history-shapes.ts REGION_HISTORY), kept across reconciles. Years reconciled before this migration
    // start their history with the next reconcile.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('region_history')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('reconciled_at', s.text, (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull())
        .addColumn('as_of', s.text, (c) => c.notNull())
        .addColumn('persons', 'integer', (c) => c.notNull())
        .addColumn('expected_personal', 'bigint', (c) => c.notNull())
        .addColumn('rated_collected_personal', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('region_history_pk', ['coverage_year', 'reconciled_at', 'region_code'])
        .execute();
    },
  },
  '013-citus-distribution': {
    // On a Citus coordinator only (the citus extension in the database), the per-person tables are
    // distributed by id_number, payments keyed (id_number, txn_id), and txn_id's uniqueness kept by a table
    // distributed by txn_id (postgres/citus-distribution.ts, docs/scale-out.md). SQLite and plain PostgreSQL
    // record the migration and change nothing. A later migration that creates a per-person table must
    // distribute it the same way; one that adds a column or index needs nothing (Citus propagates them).
    async up(db: Kysely<any>) {
      await s.distribute(db);
    },
  },
  '014-incremental': {
    // Incremental nights (issue 21; docs/architecture.md "Incremental nights"). Each result row carries the
    // last as-of date its result is known to hold on (holds_until; null: no date changes it), in both
    // generations alike (previous-results.ts). recon_horizons holds the same date for a person whose result
    // has no row. recon_inputs lists the files each year's reconcile has taken in, so that the next one
    // knows which facts are new; payments_by_source finds a file's payments without reading the year's, and
    // the person and name indexes of recon_suspensions and recon_duplicates let a night delete a few persons'
    // findings without reading the year's.
    // recon_baseline_persons: the persons whose baseline rows recon_results_previous holds when the baseline
    // lists only the persons recomputed since it (reconciliations.baseline_listed); the others' baseline is
    // their current rows. The reconcile record says how the last night went (mode, why full, how many
    // persons recomputed and why) and with which tool version. Results stored before this migration carry
    // no tool version: the next reconcile of their year is a full one.
    async up(db: Kysely<any>) {
      await db.schema.createTable('recon_horizons')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addColumn('holds_until', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_horizons_pk', ['coverage_year', 'id_number'])
        .execute();
      await db.schema.createTable('recon_baseline_persons')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_baseline_persons_pk', ['coverage_year', 'id_number'])
        .execute();
      // On Citus, the two new per-person tables join the others, distributed by id_number and co-located
      // (013), first: Citus takes the statements after it, which change distributed tables, one connection per
      // worker in the migration's transaction (citus-distribution.ts).
      await s.distributeByPerson(db, ['recon_horizons', 'recon_baseline_persons']);
      for (const table of ['recon_results', 'recon_results_previous']) {
        await db.schema.alterTable(table).addColumn('holds_until', s.text).execute();
        await db.schema.createIndex(`${table}_by_name`).on(table).columns(['coverage_year', 'name', 'id_number']).execute();
        await db.schema.createIndex(`${table}_by_holds_until`).on(table).columns(['coverage_year', 'holds_until']).execute();
      }
      await db.schema.createTable('recon_inputs')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('sha256', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_inputs_pk', ['coverage_year', 'sha256'])
        .execute();
      await db.schema.createIndex('payments_by_source').on('payments').columns(['source_sha256']).execute();
      // An incremental night deletes the recomputed persons' findings by person, and rule 8's pairs by name.
      await db.schema.createIndex('recon_suspensions_by_person').on('recon_suspensions').columns(['coverage_year', 'id_number']).execute();
      await db.schema.createIndex('recon_duplicates_by_person').on('recon_duplicates').columns(['coverage_year', 'id_number']).execute();
      await db.schema.createIndex('recon_duplicates_by_name').on('recon_duplicates').columns(['coverage_year', 'name']).execute();
      for (const [column, type] of [['tool_version', s.text], ['mode', s.text], ['full_reason', s.text], ['recomputed', 'integer'],
        ['recomputed_by', s.text], ['too_many_payments', 'integer']] as const) {
        await db.schema.alterTable('reconciliations').addColumn(column, type).execute();
      }
      await db.schema.alterTable('reconciliations').addColumn('baseline_listed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '015-dated-results-index': {
    // 014's index by holds_until held every result row, though only a row with a date is ever looked up by
    // it (dirty-persons.ts: holds_until < tonight's as-of date): at 5M persons 18,785 rows had one and the rest
    // were null, and building it cost a full night 5.5 s. It is replaced, in both generations, by a partial
    // index of the dated rows, which both engines use for a comparison on holds_until (it implies IS NOT
    // NULL). An index keeps its name when the generations trade names (previous-results.ts), so each of 014's
    // two may be on either table: both are dropped by name, and each new one is named after its table.
    async up(db: Kysely<any>) {
      // On Citus, one connection per worker for the rest of the migrations' transaction first (as 014 does
      // by distributing first): 016 distributes a new table after this DDL, which Citus refuses once the
      // transaction has changed distributed tables over parallel connections (a database at 014 upgrading).
      await s.distributeByPerson(db, []);
      for (const table of ['recon_results', 'recon_results_previous']) await db.schema.dropIndex(`${table}_by_holds_until`).execute();
      for (const table of ['recon_results', 'recon_results_previous']) {
        await db.schema.createIndex(`${table}_dated`).on(table).columns(['coverage_year', 'holds_until'])
          .where('holds_until', 'is not', null).execute();
      }
    },
  },
  '016-export-reuse': {
    // An export proportional to what changed (issue 21, phase 2; docs/architecture.md "Incremental
    // nights"). Each reconcile gets an id, which the manifest of an export from it records; an incremental
    // reconcile names the one it follows and lists in recon_changed_persons the persons whose rows it may
    // have changed, so that the next export can copy everyone else's reconciliation.csv lines from the
    // previous file that reconcile's export wrote. Reconciles stored before carry no id: their next export
    // formats every line.
    async up(db: Kysely<any>) {
      await db.schema.createTable('recon_changed_persons')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('id_number', s.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('recon_changed_persons_pk', ['coverage_year', 'id_number'])
        .execute();
      // On Citus, a per-person table like the others, distributed first (see 014).
      await s.distributeByPerson(db, ['recon_changed_persons']);
      for (const column of ['reconcile_id', 'follows']) await db.schema.alterTable('reconciliations').addColumn(column, s.text).execute();
    },
  },
  '017-region-totals': {
    // Per-region totals kept between nights (issue 21; docs/architecture.md "What a full night leaves for
    // the incremental ones"). Grain: one row per (coverage year, region) with result rows, holding every
    // number region_summary.csv, the workbook's summary, report.html and the night's summary take from the
    // year's results (db/region-totals.ts TOTALS: sums and counts, one count per status), as the year's last
    // reconcile left them: a full night aggregates the year once, an incremental night adds what changed.
    // Integer columns, not JSON: each is summed and subtracted on its own. A plain table on Citus, like
    // region_history and reconciliations (a few rows per region, never joined to a per-person table).
    // The years reconciled before it get their totals here, from their stored results, so that an export
    // right after the upgrade reads them. The columns and the fill are today's (TOTALS): a later change to
    // them must first write this migration's list and statement out as they are now, then add its own.
    async up(db: Kysely<any>) {
      // On Citus, one connection per worker for the rest of the migrations' transaction (see 015): the fill
      // reads the distributed results, and a later migration may distribute a new table.
      await s.distributeByPerson(db, []);
      let table = db.schema.createTable('region_totals')
        .addColumn('coverage_year', 'integer', (c) => c.notNull())
        .addColumn('region_code', s.text, (c) => c.notNull());
      for (const c of TOTALS_COLUMNS) table = table.addColumn(c.name, c.type, (col) => col.notNull());
      await table.addPrimaryKeyConstraint('region_totals_pk', ['coverage_year', 'region_code']).execute();
      const years = await db.selectFrom('reconciliations').select('coverage_year').execute();
      for (const { coverage_year } of years) await storeYearTotals(db, Number(coverage_year));
    },
  },
  '018-block-index': {
    // Rule 8's blocks (name, birth date: the ID number's characters 7 to 14) are read by an incremental night
    // for its recomputed persons (reconcile/duplicate-blocks.ts), twice: in the dirty-person search and after
    // the rules, and a full night groups the year's rows by block. 014's index by (coverage_year, name,
    // id_number) found a block by its name, every entry of that name read to compare the birth date, and the
    // full night sorted the year to group it. This one holds the birth date as a key column, so a block is
    // one range of entries, the year is read in block order, and the ID number stays in it, so no row is
    // read (at 5M persons: the full night's rule 8 3.7 s → 1.6–1.9 s, a 1% night's read after the rules
    // 1.4 → 1.1 s; docs/performance.md "Session 14"). It replaces 014's, which nothing else reads, in both
    // generations; as in 015, each of 014's two may be on either table (dropped by name), and each new one
    // is named after its table.
    async up(db: Kysely<any>) {
      // On Citus, one connection per worker for the rest of the migrations' transaction (see 015).
      await s.distributeByPerson(db, []);
      for (const table of ['recon_results', 'recon_results_previous']) await db.schema.dropIndex(`${table}_by_name`).execute();
      for (const table of ['recon_results', 'recon_results_previous']) {
        // The birth date written as rule 8's queries write it (duplicate-blocks.ts `birthOf`): either engine
        // reads by an index on an expression only where the query has that same expression.
        await db.schema.createIndex(`${table}_by_block`).on(table).expression(sql`coverage_year, name, (substr(id_number, 7, 8)), id_number`).execute();
        // A reconciled year's results have the planner's statistics (planner-statistics.ts), which the new
        // index lacked until the next full night: SQLite then took it for a few rows of the year and read the
        // workbook's Actions sheet through it, a row lookup per entry and a sort (130 s against 17 s at 5M).
        await s.analyzeNewIndex(db, table, `${table}_by_block`);
      }
    },
  },
  '019-payments-by-date': {
    // An incremental night lists the persons with a payment dated since the last as-of date (dirty-persons.ts
    // `fact_dates`): through payments_for_reconcile, whose key starts with the person, it read every entry of
    // the year to compare the date (1.5 s a night at 5M persons, docs/performance.md "Session 14"). Covering:
    // the ID number is all the query takes. A bulk load builds it after its files (payment-indexes.ts).
    // The payments have no planner statistics on SQLite (planner-statistics.ts): none to add.
    async up(db: Kysely<any>) {
      await s.distributeByPerson(db, []); // on Citus, one connection per worker for the rest (see 015)
      await db.schema.createIndex('payments_by_date').on('payments').columns(['paid_on', 'coverage_year', 'id_number']).execute();
    },
  },
  '020-file-stamps': {
    // The stamps of the files held (database.ts FileStampsTable, ingest/file-stamp.ts): a night skips a file
    // it already holds without reading its bytes again (at 5M persons, 780 MB hashed and checked every
    // night for 1.5-1.9 s, docs/performance.md "Session 16"). A plain table, on the coordinator on Citus.
    async up(db: Kysely<any>) {
      await s.distributeByPerson(db, []); // on Citus, one connection per worker for the rest (see 015)
      await db.schema.createTable('file_stamps')
        .addColumn('file_id', s.text, (c) => c.primaryKey())
        .addColumn('stamp', s.text, (c) => c.notNull())
        .addColumn('sha256', s.text, (c) => c.notNull())
        .execute();
    },
  },
  };
}

/**
 * The table Kysely's Migrator keeps the applied migrations in: a database without it is one whose schema
 * the job never created (a new SQLite file, an empty PostgreSQL database, somebody else's database).
 */
export const MIGRATIONS_TABLE = DEFAULT_MIGRATION_TABLE;

/**
 * Brings the schema up to date; a failed migration stops the run with its error. The pending migrations run
 * in one transaction on every engine (Kysely's Migrator wraps them in one where the dialect's adapter says
 * its DDL is transactional: PostgreSQL's does, and the SQLite writer's does too, sqlite-database.ts), so a
 * run killed or failing half-way through an upgrade (018 builds two indexes for about 30 s at 5M persons)
 * leaves the database as the release before left it, and the next run upgrades it from there. The
 * `migration` failpoint is hit after each migration's own statements, before the Migrator records it.
 */
export async function migrateToLatest(db: Kysely<any>, schema: SchemaDialect): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(Object.entries(migrations(schema)).map(([name, m]) => [name, {
      ...m,
      async up(k: Kysely<any>) {
        await m.up(k);
        failpoint('migration');
      },
    }])),
  };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // The migration whose statements failed; or, when the transaction failed as a whole (its commit on a full
    // disk, every migration's statements done), the migrations it held, none of them applied.
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const pending = failed ? [] : (await migrator.getMigrations().catch(() => [])).filter((m) => !m.executedAt).map((m) => m.name);
    const what = failed ? `migration ${failed}` : pending.length ? `migrations ${pending.join(', ')}` : 'migrations';
    throw new Error(`database ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
