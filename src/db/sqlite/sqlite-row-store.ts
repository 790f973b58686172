import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { addToTotals, conflictDetail, type RowStore, type RowStoreFile, type StoreTally, type StoredReject } from '../row-store.js';
import type { Database } from '../database.js';
import { insertRunner } from '../row-shape.js';
import { PAYMENTS, PAYMENT_CONTENT, REJECTED_ROWS, ROSTER_ENTRIES, type PaymentRow, type RosterRow } from '../staging-shapes.js';
import { insertStatement } from './insert-statement.js';

// The hot path (one call per row): each row's values are passed to the prepared insert as separate
// arguments by a function its row shape generated once, so no array is made per row.
const runPayment = insertRunner(PAYMENTS);
const runRoster = insertRunner(ROSTER_ENTRIES);
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
  const insertRoster = prepare(insertStatement(k, ROSTER_ENTRIES).onConflict((oc) => oc.columns(ROSTER_ENTRIES.key).doNothing()));
  const selectRoster = prepare(k.selectFrom('roster_entries').select(['effective_to'])
    .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', ''));
  const updateRosterEnd = prepare(k.updateTable('roster_entries').set({ effective_to: '', updated_sha256: '', updated_line: 0 })
    .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', ''));
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
    roster(row: RosterRow, line: number) {
      const inserted = runRoster(insertRoster, row, file.sha256, line).changes === 1;
      if (inserted) {
        tally.accepted++;
        return;
      }
      const key = [row.idNumber, row.category, row.effectiveFrom];
      const held = selectRoster.get(...key) as { effective_to: string | null };
      if (row.effectiveTo === null || held.effective_to === row.effectiveTo) {
        tally.repeats++;
        return;
      }
      updateRosterEnd.run(row.effectiveTo, file.sha256, line, ...key);
      tally.accepted++;
      tally.updated++;
    },
    reject,
    drain: async () => {},
    finish: async () => tally,
  };
}
