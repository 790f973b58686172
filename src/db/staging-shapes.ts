import type { InsuredKind, PayerType, PaymentCategory, RosterCategory, Tier } from '../normalise/labels.js';
import { columnsOf, rowShape, type AllFieldsCopied, type TableRow } from './row-shape.js';
import { snapshotTable } from './snapshot-table.js';

/**
 * The staging layer's row shapes (row-shape.ts): one per table an input file's rows are stored in, in the
 * tables' column order as the migrations created them (test/e2e/db.row-shapes.test.ts checks both engines'
 * schemas against these). A row object's fields are the columns its values are copied from.
 */

/** One payment transaction after normalisation: the staging grain (one row per txn_id). */
export type PaymentRow = {
  txnId: string;
  idNumber: string;
  name: string;
  regionCode: string;
  coverageYear: number;
  /** In fen; negative = reversal or refund. */
  amountFen: number;
  paidOn: string;
  paidTime: string | null;
  payerType: PayerType;
  category: PaymentCategory;
  tier: Tier;
  channel: string;
};

const p = columnsOf<PaymentRow>();

/**
 * `payments`: one row per txn_id (a tax-bureau transaction). The columns between the key and the source
 * are the transaction's content: a txn_id repeated with any of them different conflicts.
 */
export const PAYMENTS = rowShape<PaymentRow>()('payments', ['txn_id'], {
  txn_id: p.text.of('txnId'),
  id_number: p.text.of('idNumber'),
  name: p.text.of('name'),
  region_code: p.text.of('regionCode'),
  coverage_year: p.integer.of('coverageYear'),
  amount_fen: p.bigint.of('amountFen'),
  paid_on: p.text.of('paidOn'),
  paid_time: p.text.orNull('paidTime'),
  payer_type: p.text.of('payerType'),
  category: p.text.of('category'),
  tier: p.text.of('tier'),
  channel: p.text.of('channel'),
  /** The file (sha256) and line the row was first read from. */
  source_sha256: p.text.given(),
  source_line: p.integer.given(),
});
const paymentFieldsCopied: AllFieldsCopied<PaymentRow, typeof PAYMENTS.columns> = true;

/** A payment's content: the columns from the row but its key (what a repeated txn_id must match). */
export const PAYMENT_CONTENT = PAYMENTS.fromRow.filter((c) => !PAYMENTS.key.includes(c));

/** One recognition of assistance status: the staging grain (one row per id_number, category, effective_from). */
export type RosterRow = {
  idNumber: string;
  name: string;
  regionCode: string;
  category: RosterCategory;
  effectiveFrom: string;
  effectiveTo: string | null;
  sourceDept: string;
};

const r = columnsOf<RosterRow>();

/** `roster_entries`: one row per recognition, natural key (id_number, category, effective_from). */
export const ROSTER_ENTRIES = rowShape<RosterRow>()('roster_entries', ['id_number', 'category', 'effective_from'], {
  id_number: r.text.of('idNumber'),
  category: r.text.of('category'),
  effective_from: r.text.of('effectiveFrom'),
  name: r.text.of('name'),
  region_code: r.text.of('regionCode'),
  effective_to: r.text.orNull('effectiveTo'),
  source_dept: r.text.of('sourceDept'),
  source_sha256: r.text.given(),
  source_line: r.integer.given(),
  /** The file and line that last set effective_to, when a later snapshot did. */
  updated_sha256: r.text.later(),
  updated_line: r.integer.later(),
});
const rosterFieldsCopied: AllFieldsCopied<RosterRow, typeof ROSTER_ENTRIES.columns> = true;

/** Rosters arrive as monthly snapshots (spec 2.2): a later one sets or corrects effective_to. */
export const ROSTER_SNAPSHOTS = snapshotTable(ROSTER_ENTRIES, 'effective_to');

/**
 * One enrollment period in the employee scheme (职工医保, spec 2.5, v2): the staging grain (one row per
 * id_number, region_code, insured_from). `insuredTo` null = still insured; `insuredKind` null = not given.
 */
export type EmployeeRow = {
  idNumber: string;
  name: string;
  regionCode: string;
  insuredFrom: string;
  insuredTo: string | null;
  insuredKind: InsuredKind | null;
  employer: string;
};

const e = columnsOf<EmployeeRow>();

/** `employee_enrollments`: one row per enrollment period, natural key (id_number, region_code, insured_from). */
export const EMPLOYEE_ENROLLMENTS = rowShape<EmployeeRow>()('employee_enrollments', ['id_number', 'region_code', 'insured_from'], {
  id_number: e.text.of('idNumber'),
  region_code: e.text.of('regionCode'),
  insured_from: e.text.of('insuredFrom'),
  name: e.text.of('name'),
  insured_to: e.text.orNull('insuredTo'),
  insured_kind: e.text.orNull('insuredKind'),
  employer: e.text.of('employer'),
  source_sha256: e.text.given(),
  source_line: e.integer.given(),
  /** The file and line that last set insured_to, when a later snapshot did. */
  updated_sha256: e.text.later(),
  updated_line: e.integer.later(),
});
const employeeFieldsCopied: AllFieldsCopied<EmployeeRow, typeof EMPLOYEE_ENROLLMENTS.columns> = true;

/** Employee lists arrive as monthly snapshots too (spec 2.5): a later one sets or corrects insured_to. */
export const EMPLOYEE_SNAPSHOTS = snapshotTable(EMPLOYEE_ENROLLMENTS, 'insured_to');

/** One rejected input line (the line where the record starts), or line 0 for a whole file. */
export type RejectRow = { line: number; kind: string; reason: string; detail: string; raw: string };

const j = columnsOf<RejectRow>();

/**
 * `rejected_rows`, but its `id` (a key the database numbers, never written by the job: it is added to the
 * table's type in database.ts). Its natural key is (file_sha256, line), a unique index.
 */
export const REJECTED_ROWS = rowShape<RejectRow>()('rejected_rows', ['file_sha256', 'line'], {
  file_sha256: j.text.given(),
  file_name: j.text.given(),
  line: j.integer.of('line'),
  kind: j.text.of('kind'),
  reason: j.text.of('reason'),
  detail: j.text.of('detail'),
  raw: j.text.of('raw'),
});

export type PaymentsTable = TableRow<typeof PAYMENTS.columns>;
export type RosterEntriesTable = TableRow<typeof ROSTER_ENTRIES.columns>;
export type EmployeeEnrollmentsTable = TableRow<typeof EMPLOYEE_ENROLLMENTS.columns>;
export type RejectedRowsColumns = TableRow<typeof REJECTED_ROWS.columns>;

// Compile-time checks only (a false one fails the build); referenced so they are not unused.
void paymentFieldsCopied;
void rosterFieldsCopied;
void employeeFieldsCopied;
