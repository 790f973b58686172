import type { PaymentRow } from './payment-row.js';
import type { RowReject } from './reason-codes.js';
import type { RosterRow } from './roster-row.js';
import type { Encoding } from './scan-file.js';

/** What the read worker is given. */
export type ReadJob = { path: string; encoding: Encoding; today: string };

/** One input record as the read worker leaves it: the header, a malformed line, a reject, or a clean row. */
export type ReadItem =
  | { t: 'header'; kind: 'payments' | 'roster'; extra: string[] }
  | { t: 'malformed'; line: number; raw: string; detail: string }
  | { t: 'reject'; line: number; raw: string; reject: RowReject }
  | { t: 'payment'; line: number; raw: string; row: PaymentRow }
  | { t: 'roster'; line: number; raw: string; row: RosterRow };

/**
 * Worker → main thread. `items` come in file order and each batch is acknowledged (`'ack'`) once stored,
 * which bounds the batches in flight (memory stays flat however fast the worker reads).
 */
export type ReadMessage =
  | { type: 'items'; items: ReadItem[]; bytesRead: number }
  | { type: 'end'; blankLines: number; headerSeen: boolean }
  | { type: 'failed'; reason: 'UNRECOGNISED_FILE' | 'UNDECODABLE_FILE'; detail: string };

/** Items per batch, and batches the worker may have sent but not yet seen acknowledged. */
export const READ_BATCH = 2000;
export const READ_IN_FLIGHT = 4;
