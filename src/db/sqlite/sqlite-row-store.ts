import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { addToTotals, conflictDetail, type RowStore, type RowStoreFile, type StoreTally, type StoredReject } from '../row-store.js';
import type { Database } from '../database.js';
import { insertRunner } from '../row-shape.js';
import {
  EMPLOYEE_SNAPSHOTS, PAYMENTS, PAYMENT_CONTENT, REJECTED_ROWS, ROSTER_SNAPSHOTS, type EmployeeRow, type PaymentRow, type RosterRow,
} from '../staging-shapes.js';
import { insertStatement } from './insert-statement.js';
import { sqliteSnapshotStore } from './sqlite-snapshot-store.js';

// The hot path (one call per row): each row's values are passed to the prepared insert as separate
// arguments by a function its row shape generated once, so no array is made per row.
const runPayment = insertRunner(PAYMENTS);
const runReject = insertRunner(REJECTED_ROWS);

/**
 * The SQLite row store: each row is decided as it comes, with statements built by Kysely, compiled once
 * and run per row (Kysely's per-query build would dominate a million-row file). An insert that changes
 * nothing means the key is held; one lookup then tells a repeat from a conflict or an update.
 */
export function sqliteRowStore(sqlite: BetterSqlite3.Database, k: Kysely<Database>, file: RowStoreFile): RowStore {
  const prepare = (q: { compile(): { sql: string } }) => sqlite.prepare(q.compile().sql);
  const insertPayment = prepare(insertStatement(k, PAYMENTS).onConflict((oc) => oc.columns(PAYMENTS.key).doNothing()));
  const selectPayment = prepare(k.selectFrom('payments').select([...PAYMENT_CONTENT]).where('txn_id', '=', ''));
  const insertReject = prepare(insertStatement(k, REJECTED_ROWS));
  const tally: StoreTally = { accepted: 0, updated: 0, repeats: 0, conflicts: 0, controlTotals: {} };
  const reject = (r: StoredReject) => runReject(insertReject, r, file.sha256, file.fileName);

  return {
    payment(row: PaymentRow, line: number, raw: string) {
      const inserted = runPayment(insertPayment, row, file.sha256, line).changes === 1;
      if (inserted) {
        tally.accepted++;
        addToTotals(tally.controlTotals, row.payerType, row.amountFen);
        return;
      }
      const held = selectPayment.get(row.txnId) as Record<string, unknown>;
      const values = PAYMENTS.values(row, file.sha256, line);
      if (PAYMENT_CONTENT.every((c) => held[c] === values[PAYMENTS.at[c]])) {
        tally.repeats++;
        return;
      }
      tally.conflicts++;
      reject({ line, kind: 'payments', reason: 'CONFLICTING_TXN_ID', detail: conflictDetail(row.txnId), raw });
    },
    roster: sqliteSnapshotStore<RosterRow>(sqlite, k, ROSTER_SNAPSHOTS, file, tally),
    employee: sqliteSnapshotStore<EmployeeRow>(sqlite, k, EMPLOYEE_SNAPSHOTS, file, tally),
    reject,
    drain: async () => {},
    finish: async () => tally,
  };
}
