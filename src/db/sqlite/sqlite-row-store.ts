import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { addToTotals, conflictDetail, type PaymentRow, type RosterRow, type RowStore, type RowStoreFile, type StoreTally, type StoredReject } from '../row-store.js';
import type { Database } from '../database.js';
import { PAYMENT_COLUMNS, PAYMENT_CONTENT, REJECT_COLUMNS, ROSTER_COLUMNS, insertStatement } from '../table-columns.js';

/** A payment's content (what a repeated txn_id must match), in PAYMENT_CONTENT's order. */
function paymentContent(r: PaymentRow): unknown[] {
  return [r.idNumber, r.name, r.regionCode, r.coverageYear, r.amountFen, r.paidOn, r.paidTime, r.payerType, r.category, r.tier, r.channel];
}

/**
 * The SQLite row store: each row is decided as it comes, with statements built by Kysely, compiled once
 * and run per row (Kysely's per-query build would dominate a million-row file). An insert that changes
 * nothing means the key is held; one lookup then tells a repeat from a conflict or an update.
 */
export function sqliteRowStore(sqlite: BetterSqlite3.Database, k: Kysely<Database>, file: RowStoreFile): RowStore {
  const prepare = (q: { compile(): { sql: string } }) => sqlite.prepare(q.compile().sql);
  const insertPayment = prepare(insertStatement(k, 'payments', PAYMENT_COLUMNS).onConflict((oc) => oc.column('txn_id').doNothing()));
  const selectPayment = prepare(k.selectFrom('payments').select([...PAYMENT_CONTENT]).where('txn_id', '=', ''));
  const insertRoster = prepare(insertStatement(k, 'roster_entries', ROSTER_COLUMNS)
    .onConflict((oc) => oc.columns(['id_number', 'category', 'effective_from']).doNothing()));
  const selectRoster = prepare(k.selectFrom('roster_entries').select(['effective_to'])
    .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', ''));
  const updateRosterEnd = prepare(k.updateTable('roster_entries').set({ effective_to: '', updated_sha256: '', updated_line: 0 })
    .where('id_number', '=', '').where('category', '=', '').where('effective_from', '=', ''));
  const insertReject = prepare(insertStatement(k, 'rejected_rows', REJECT_COLUMNS));
  const tally: StoreTally = { accepted: 0, updated: 0, repeats: 0, conflicts: 0, controlTotals: {} };
  const reject = (r: StoredReject) => insertReject.run(file.sha256, file.fileName, r.line, r.kind, r.reason, r.detail, r.raw);

  return {
    payment(row: PaymentRow, line: number, raw: string) {
      // The hot path (one call per payment): the values are passed as they are, no array is made.
      const inserted = insertPayment.run(
        row.txnId, row.idNumber, row.name, row.regionCode, row.coverageYear, row.amountFen, row.paidOn,
        row.paidTime, row.payerType, row.category, row.tier, row.channel, file.sha256, line,
      ).changes === 1;
      if (inserted) {
        tally.accepted++;
        addToTotals(tally.controlTotals, row.payerType, row.amountFen);
        return;
      }
      const held = selectPayment.get(row.txnId) as Record<string, unknown>;
      const content = paymentContent(row);
      if (PAYMENT_CONTENT.every((c, i) => held[c] === content[i])) {
        tally.repeats++;
        return;
      }
      tally.conflicts++;
      reject({ line, kind: 'payments', reason: 'CONFLICTING_TXN_ID', detail: conflictDetail(row.txnId), raw });
    },
    roster(row: RosterRow, line: number) {
      const inserted = insertRoster.run(
        row.idNumber, row.category, row.effectiveFrom, row.name, row.regionCode, row.effectiveTo, row.sourceDept, file.sha256, line,
      ).changes === 1;
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
