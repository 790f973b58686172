import type { ReadBatch } from './read-batch.js';
import type { Encoding } from './scan-file.js';

/** What the read worker is given for one file. */
export type ReadJob = { path: string; encoding: Encoding; today: string };

/** Main thread → worker: read a file (read-thread.ts), after the previous one's last message; `'ack'` otherwise. */
export type ReadRequest = { type: 'read'; job: ReadJob };

/**
 * Worker → main thread. `records` (read-batch.ts) come in file order and each batch is acknowledged (`'ack'`) once stored,
 * which bounds the batches in flight (memory stays flat however fast the worker reads).
 */
export type ReadMessage =
  | { type: 'records'; records: ReadBatch; bytesRead: number }
  | { type: 'end'; blankLines: number; headerSeen: boolean; sha256: string; bytes: number }
  | { type: 'failed'; reason: 'UNRECOGNISED_FILE' | 'UNDECODABLE_FILE'; detail: string };

/**
 * Records per batch, and batches the worker may have sent but not yet seen acknowledged. A batch is also
 * sent once its raw text passes READ_BATCH_CHARS, so that long records (up to 1 MiB each, record-framer.ts)
 * cannot fill the worker's small heap: a batch of ordinary records holds about 300 KB of raw text.
 */
export const READ_BATCH = 2000;
export const READ_BATCH_CHARS = 4 * 1024 * 1024;
export const READ_IN_FLIGHT = 4;
