import type { EmployeeRow, PaymentRow, RejectRow, RosterRow } from './staging-shapes.js';

/** A rejected line as stored in rejected_rows (its row shape's row type). */
export type StoredReject = RejectRow;
export type ControlTotals = Record<string, { count: number; sum_fen: number }>;

/** What a file's clean rows came to, once the store has decided each one (spec 2.4). */
export type StoreTally = {
  /** New rows stored (for snapshot tables, including rows that updated a held end date). */
  accepted: number;
  /** Snapshot rows (rosters, employee lists) that changed a held row's end date (counted in `accepted` too). */
  updated: number;
  /** Rows already held with the same content. */
  repeats: number;
  /** Payments whose txn_id is held with different content: stored as CONFLICTING_TXN_ID rejects. */
  conflicts: number;
  /** Accepted payments per payer type, in the order each payer type first appears in the file. */
  controlTotals: ControlTotals;
};

/**
 * Stores one file's rows inside the file's transaction and decides their outcomes, as if the rows were
 * applied one by one in file order:
 * - a payment with a new txn_id is accepted; the same txn_id with the same content is a repeat; with any
 *   content different it conflicts (the first stays, the row becomes a CONFLICTING_TXN_ID reject);
 * - roster and employee-list rows follow their snapshot table's rule (snapshot-table.ts): a new natural
 *   key is accepted; a held one is a repeat, unless it carries an end date different from the held one:
 *   then it is `updated`. A blank end date never clears a held one (monthly snapshots can arrive out of order).
 *
 * SQLite decides each row as it comes (sqlite-row-store.ts); PostgreSQL copies the rows into a staging
 * table and decides them all at once in SQL (postgres-row-store.ts). Both give the same tally and rows.
 */
export interface RowStore {
  payment(row: PaymentRow, line: number, raw: string): void;
  roster(row: RosterRow, line: number, raw: string): void;
  employee(row: EmployeeRow, line: number, raw: string): void;
  reject(r: StoredReject): void;
  /** Lets buffered rows be written: awaited between batches so memory stays bounded. */
  drain(): Promise<void>;
  /** Decides and stores whatever is pending and returns the file's tally. */
  finish(): Promise<StoreTally>;
}

export type RowStoreFile = { sha256: string; fileName: string };

/** Adds an accepted payment to the control totals (insertion order = first appearance in the file). */
export function addToTotals(totals: ControlTotals, payerType: string, amountFen: number): void {
  const t = (totals[payerType] ??= { count: 0, sum_fen: 0 });
  t.count++;
  t.sum_fen += amountFen;
}

/** The detail of a CONFLICTING_TXN_ID reject (the same text on both engines). */
export function conflictDetail(txnId: string): string {
  return `txn_id ${txnId} is already held with different content; the first stays`;
}
