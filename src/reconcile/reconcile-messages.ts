import type { PolicySetData } from '../policy/policy-set.js';

/**
 * What the reconcile worker is given: where to read, and what to reconcile with; `only`: the persons to
 * reconcile, in id_number order (an incremental night), or null for every person of the year.
 */
export type ReconcileJob = { target: string; year: number; asOf: string; policies: PolicySetData; only: string[] | null };

/**
 * Worker → writer. `results` come in id_number order, one message per PERSONS_PER_MESSAGE persons with
 * rows, each acknowledged (`'ack'`) once written, which bounds the messages in flight.
 * - `persons`: persons with rows in this message (one failpoint `reconcile-person` each on the writer);
 * - `visited`: persons read so far, with or without rows (for progress);
 * - `horizons`: RECON_HORIZONS rows, of persons without rows whose result holds only until a date;
 * - `tooManyPayments` (at the end): persons past MAX_PAYMENTS_PER_PERSON, reported without the rules.
 */
export type ReconcileMessage =
  | {
    type: 'results'; persons: number; visited: number; results: unknown[][]; refunds: unknown[][]; duplicates: unknown[][]; suspensions: unknown[][];
    horizons: unknown[][];
  }
  | { type: 'end'; visited: number; tooManyPayments: number };

export const PERSONS_PER_MESSAGE = 1000;
export const MESSAGES_IN_FLIGHT = 4;
