import { rowPusher, rowReader } from '../db/row-shape.js';
import type { InputKind } from '../db/database.js';
import { EMPLOYEE_ENROLLMENTS, PAYMENTS, ROSTER_ENTRIES, type EmployeeRow, type PaymentRow, type RosterRow } from '../db/staging-shapes.js';
import type { RowReject } from './reason-codes.js';

/**
 * How the read worker's records cross to the main thread: one flat array of primitives per batch, each
 * record a tag followed by its fields in a fixed order. Posting an array of strings and numbers costs far
 * less than posting one object per record, on both threads: the structured clone writes and reads no
 * property names and makes no objects (docs/performance.md). The order of records is the file's order.
 * A row's fields are in its row shape's order (src/db/staging-shapes.ts), written and read by functions
 * the shape generates once.
 */
export type ReadBatch = unknown[];

const HEADER = 0;
const MALFORMED = 1;
const REJECT = 2;
const PAYMENT = 3;
const ROSTER = 4;
const EMPLOYEE = 5;

/** A row record: tag, line, raw text, then the row's fields (in `fromRow` order). */
const ROW_LEAD = 3;
const pushPayment = rowPusher(PAYMENTS, ROW_LEAD);
const readPayment = rowReader(PAYMENTS);
const PAYMENT_LENGTH = ROW_LEAD + PAYMENTS.fromRow.length;
const pushRoster = rowPusher(ROSTER_ENTRIES, ROW_LEAD);
const readRoster = rowReader(ROSTER_ENTRIES);
const ROSTER_LENGTH = ROW_LEAD + ROSTER_ENTRIES.fromRow.length;
const pushEmployee = rowPusher(EMPLOYEE_ENROLLMENTS, ROW_LEAD);
const readEmployee = rowReader(EMPLOYEE_ENROLLMENTS);
const EMPLOYEE_LENGTH = ROW_LEAD + EMPLOYEE_ENROLLMENTS.fromRow.length;

/** What the main thread does with each record of a batch, in file order. */
export interface ReadBatchVisitor {
  header(kind: InputKind, extra: string[]): void;
  malformed(line: number, raw: string, detail: string): void;
  reject(line: number, raw: string, reject: RowReject): void;
  payment(row: PaymentRow, line: number, raw: string): void;
  roster(row: RosterRow, line: number, raw: string): void;
  employee(row: EmployeeRow, line: number, raw: string): void;
}

/** Builds batches in the worker; `take` hands over the records added so far and starts a new batch. */
export class ReadBatchWriter {
  private values: unknown[] = [];
  /** Records in the current batch, and the characters of their raw text. */
  records = 0;
  chars = 0;

  header(kind: InputKind, extra: string[]): void {
    this.records++;
    this.values.push(HEADER, kind, extra);
  }

  malformed(line: number, raw: string, detail: string): void {
    this.records++;
    this.chars += raw.length;
    this.values.push(MALFORMED, line, raw, detail);
  }

  reject(line: number, raw: string, r: RowReject): void {
    this.records++;
    this.chars += raw.length;
    this.values.push(REJECT, line, raw, r.reason, r.detail);
  }

  payment(line: number, raw: string, r: PaymentRow): void {
    this.records++;
    this.chars += raw.length;
    pushPayment(this.values, PAYMENT, line, raw, r);
  }

  roster(line: number, raw: string, r: RosterRow): void {
    this.records++;
    this.chars += raw.length;
    pushRoster(this.values, ROSTER, line, raw, r);
  }

  employee(line: number, raw: string, r: EmployeeRow): void {
    this.records++;
    this.chars += raw.length;
    pushEmployee(this.values, EMPLOYEE, line, raw, r);
  }

  take(): ReadBatch {
    const batch = this.values;
    this.values = [];
    this.records = 0;
    this.chars = 0;
    return batch;
  }
}

/** Calls the visitor for each record of a batch, in order (the inverse of ReadBatchWriter). */
export function visitBatch(batch: ReadBatch, visit: ReadBatchVisitor): void {
  // Each field is read as the type its place holds (ReadBatchWriter wrote it).
  const v = batch as never[];
  const at = (j: number): never => v[j]!;
  let i = 0;
  while (i < v.length) {
    const tag = at(i) as number;
    if (tag === PAYMENT) {
      visit.payment(readPayment(v, i + ROW_LEAD), at(i + 1), at(i + 2));
      i += PAYMENT_LENGTH;
    } else if (tag === ROSTER) {
      visit.roster(readRoster(v, i + ROW_LEAD), at(i + 1), at(i + 2));
      i += ROSTER_LENGTH;
    } else if (tag === EMPLOYEE) {
      visit.employee(readEmployee(v, i + ROW_LEAD), at(i + 1), at(i + 2));
      i += EMPLOYEE_LENGTH;
    } else if (tag === REJECT) {
      visit.reject(at(i + 1), at(i + 2), { reason: at(i + 3), detail: at(i + 4) });
      i += 5;
    } else if (tag === MALFORMED) {
      visit.malformed(at(i + 1), at(i + 2), at(i + 3));
      i += 4;
    } else if (tag === HEADER) {
      visit.header(at(i + 1), at(i + 2));
      i += 3;
    } else {
      throw new Error(`read batch: unknown record tag ${String(tag)} at ${i}`);
    }
  }
}
