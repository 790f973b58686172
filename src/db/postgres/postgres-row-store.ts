import type pg from 'pg';
import { conflictDetail, type RowStore, type RowStoreFile, type StoreTally, type StoredReject } from '../row-store.js';
import { rowArray } from '../row-shape.js';
import {
  EMPLOYEE_SNAPSHOTS, PAYMENTS, PAYMENT_CONTENT, REJECTED_ROWS, ROSTER_SNAPSHOTS, type EmployeeRow, type PaymentRow, type RosterRow,
} from '../staging-shapes.js';
import type { SnapshotTable } from '../snapshot-table.js';
import { PAYMENT_TXN_IDS } from './citus-distribution.js';
import { copyAppender } from './copy-appender.js';
import { decideSnapshots } from './postgres-snapshot-store.js';
import { stagingTable } from './staging-table.js';

/** A staged row (staging-table.ts): its line and raw text, then the row's values. */
const stagedPayment = rowArray(PAYMENTS, 2);
const stagedRoster = rowArray(ROSTER_SNAPSHOTS.shape, 2);
const stagedEmployee = rowArray(EMPLOYEE_SNAPSHOTS.shape, 2);

/**
 * The PostgreSQL row store: a file's clean rows are copied (COPY, in chunks) into a temporary staging
 * table that lives as long as the file's transaction, and their outcomes are then decided all at once by
 * set-based SQL that gives exactly what applying the rows one by one in file order would give
 * (row-store.ts states the rules). Validation rejects go straight to rejected_rows, also by COPY. On a
 * Citus coordinator (`citus`) the held rows the file's rows are decided against are first fetched into the
 * transaction's own temporary tables by lookups the workers run on their shards (heldPayments, and
 * decideSnapshots'), so that the deciding SQL, the same as on PostgreSQL, joins local tables only.
 */
export function postgresRowStore(client: pg.Client, file: RowStoreFile, citus = false): RowStore {
  const staging = (name: string, shape: typeof PAYMENTS | SnapshotTable['shape']) => {
    const table = stagingTable(name, shape);
    return copyAppender(client, name, table.columns, () => client.query(table.create).then(() => {}));
  };
  const payments = staging('recon_stage_payments', PAYMENTS);
  const roster = staging('recon_stage_roster', ROSTER_SNAPSHOTS.shape);
  const employees = staging('recon_stage_employees', EMPLOYEE_SNAPSHOTS.shape);
  const rejects = copyAppender(client, REJECTED_ROWS.table, REJECTED_ROWS.inserted);
  const pending: Promise<void>[] = [];
  const keep = (p: Promise<void> | void) => {
    if (!p) return;
    p.catch(() => {}); // awaited by drain(); marked handled so a failure waits there instead of crashing the process
    pending.push(p);
  };

  return {
    payment(row: PaymentRow, line: number, raw: string) {
      keep(payments.add(stagedPayment(line, raw, row)));
    },
    roster(row: RosterRow, line: number, raw: string) {
      keep(roster.add(stagedRoster(line, raw, row)));
    },
    employee(row: EmployeeRow, line: number, raw: string) {
      keep(employees.add(stagedEmployee(line, raw, row)));
    },
    reject(r: StoredReject) {
      keep(rejects.add(REJECTED_ROWS.values(r, file.sha256, file.fileName)));
    },
    async drain() {
      while (pending.length > 0) await pending.shift();
    },
    async finish() {
      await this.drain();
      await payments.flush();
      await roster.flush();
      await employees.flush();
      await rejects.flush();
      const tally: StoreTally = { accepted: 0, updated: 0, repeats: 0, conflicts: 0, controlTotals: {} };
      if (payments.rows > 0) await decidePayments(client, file, tally, citus);
      if (roster.rows > 0) await decideSnapshots(client, ROSTER_SNAPSHOTS, 'recon_stage_roster', file, tally, citus);
      if (employees.rows > 0) await decideSnapshots(client, EMPLOYEE_SNAPSHOTS, 'recon_stage_employees', file, tally, citus);
      return tally;
    },
  };
}

/**
 * A staged payment is decided against the held row with its txn_id: the one already in `payments`, or
 * else the file's first row with that txn_id (which is itself accepted). Same content → repeat,
 * different → conflict. On Citus, every accepted txn_id also goes into PAYMENT_TXN_IDS, whose key keeps
 * txn_id unique across persons (citus-distribution.ts).
 */
async function decidePayments(client: pg.Client, file: RowStoreFile, tally: StoreTally, citus: boolean): Promise<void> {
  const of = (alias: string, columns: readonly string[] = PAYMENT_CONTENT) => columns.map((c) => `${alias}.${c}`).join(', ');
  const held = citus ? await heldPayments(client) : 'payments';
  await client.query(`
    create temp table recon_stage_payment_outcomes on commit drop as
    select s.line, s.payer_type, s.amount_fen,
      case
        when p.txn_id is null and s.line = s.first_line then 'accepted'
        when p.txn_id is not null and (${of('p')}) is not distinct from (${of('s')}) then 'repeat'
        when p.txn_id is null and (${of('f')}) is not distinct from (${of('s')}) then 'repeat'
        else 'conflict'
      end as outcome
    from (select st.*, min(st.line) over (partition by st.txn_id) as first_line from recon_stage_payments st) s
    left join ${held} p on p.txn_id = s.txn_id
    left join recon_stage_payments f on f.txn_id = s.txn_id and f.line = s.first_line`);
  await client.query(`
    insert into payments (${PAYMENTS.fromRow.join(', ')}, source_sha256, source_line)
    select ${of('st', PAYMENTS.fromRow)}, $1, st.line
    from recon_stage_payments st join recon_stage_payment_outcomes o on o.line = st.line
    where o.outcome = 'accepted'`, [file.sha256]);
  if (citus) {
    await client.query(`
      insert into ${PAYMENT_TXN_IDS} (txn_id, id_number)
      select st.txn_id, st.id_number
      from recon_stage_payments st join recon_stage_payment_outcomes o on o.line = st.line
      where o.outcome = 'accepted'`);
  }
  const [before, after] = conflictDetail('\u0001').split('\u0001');
  await client.query(`
    insert into rejected_rows (file_sha256, file_name, line, kind, reason, detail, raw)
    select $1, $2, st.line, 'payments', 'CONFLICTING_TXN_ID', $3 || st.txn_id || $4, st.raw
    from recon_stage_payments st join recon_stage_payment_outcomes o on o.line = st.line
    where o.outcome = 'conflict'`, [file.sha256, file.fileName, before, after]);
  const counts = await client.query<{ outcome: string; n: number }>(
    'select outcome, count(*) as n from recon_stage_payment_outcomes group by outcome');
  for (const { outcome, n } of counts.rows) {
    if (outcome === 'accepted') tally.accepted += n;
    else if (outcome === 'repeat') tally.repeats += n;
    else tally.conflicts += n;
  }
  const totals = await client.query<{ payer_type: string; count: number; sum_fen: number }>(`
    select payer_type, count(*) as count, sum(amount_fen) as sum_fen from recon_stage_payment_outcomes
    where outcome = 'accepted' group by payer_type order by min(line)`);
  for (const t of totals.rows) tally.controlTotals[t.payer_type] = { count: t.count, sum_fen: t.sum_fen };
}

/**
 * On Citus, the held payments with a txn_id of the staged file, copied into a temporary table (its name is
 * returned). A join of the local staging table to `payments` on txn_id, which is not payments' distribution
 * column, would make Citus pull every shard's payments to the coordinator; instead the workers look the
 * staged txn_ids up in PAYMENT_TXN_IDS (distributed by txn_id: an index lookup per shard), and then the
 * held rows in payments by their key (id_number, txn_id), on the shards that hold them.
 */
async function heldPayments(client: pg.Client): Promise<string> {
  await client.query(`
    create temp table recon_stage_held_txn_ids on commit drop as
    select t.txn_id, t.id_number from ${PAYMENT_TXN_IDS} t where t.txn_id in (select txn_id from recon_stage_payments)`);
  await client.query(`
    create temp table recon_stage_held_payments on commit drop as
    select p.* from payments p join recon_stage_held_txn_ids h on p.id_number = h.id_number and p.txn_id = h.txn_id`);
  return 'recon_stage_held_payments';
}
