import type { RowReason } from '../db/reject-reasons.js';

/** The closed set of reject reasons is declared with the table it is stored in (db/reject-reasons.ts). */
export type { FileReason, ReasonCode, RowReason } from '../db/reject-reasons.js';

/** A data problem found in one record: returned as a value, never thrown. */
export type RowReject = { reason: RowReason; detail: string };
