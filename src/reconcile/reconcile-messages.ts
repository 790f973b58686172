import type { PolicySetData } from '../policy/policy-set.js';

/**
 * What the reconcile worker is given: where to read, and what to reconcile with. `listed`: an incremental
 * night, whose persons the writer hands over a chunk at a time (`next` below), rather than every person of the year.
 */
export type ReconcileJob = { target: string; year: number; asOf: string; policies: PolicySetData; listed: boolean };

/**
 * Worker → writer. `results` come in id_number order, one message per PERSONS_PER_MESSAGE persons with
 * rows (a `listed` job also ends one with each chunk of persons), each acknowledged (`'ack'`) once written,
 * which bounds the messages in flight.
 * - `persons`: persons with rows in this message (one failpoint `reconcile-person` each on the writer);
 * - `visited`: persons read so far, with or without rows (for progress);
 * - `horizons`: RECON_HORIZONS rows, of persons without rows whose result holds only until a date;
 * - `tooManyPayments` (at the end): persons past MAX_PAYMENTS_PER_PERSON, reported without the rules.
 * - `next` (a `listed` job only): the worker asks for a chunk of persons, one ahead of the chunk it reads, and
 *   only once it has sent the rows of the chunk before that one; the writer answers with a PersonsChunk,
 *   whose `ids` are empty when none are left (reconcile-year.ts, ListedPersons).
 */
export type ReconcileMessage =
  | {
    type: 'results'; persons: number; visited: number; results: unknown[][]; refunds: unknown[][]; duplicates: unknown[][]; suspensions: unknown[][];
    horizons: unknown[][];
  }
  | { type: 'end'; visited: number; tooManyPayments: number }
  | { type: 'next' };

/** Writer → worker: the next chunk of a `listed` job's persons, in id_number order (empty: the end). */
export type PersonsChunk = { type: 'persons'; ids: string[] };

export const PERSONS_PER_MESSAGE = 1000;
export const MESSAGES_IN_FLIGHT = 4;
