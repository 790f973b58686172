import { UsageError } from '../base/recon-error.js';

/** The database to use: --db, else DATABASE_URL, else data/recon.sqlite (spec 6). */
export function databasePath(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? 'data/recon.sqlite';
}

/**
 * --settle SECONDS: how long a file must have gone unmodified before it is read (spec 6). `recon run`
 * defaults to 120 (an inbox is written by others, maybe right now); `recon ingest` to 0 (the operator names
 * what to load).
 */
export function settleSeconds(flag: string | undefined, fallback: number): number {
  if (flag === undefined) return fallback;
  if (!/^\d+$/.test(flag)) throw new UsageError(`--settle must be a whole number of seconds, got "${flag}"`);
  return Number(flag);
}

/** --max-reject-rate: a fraction between 0 and 1 (default 0.2, spec 2.4). */
export function maxRejectRate(flag: string | undefined): number {
  if (flag === undefined) return 0.2;
  const rate = Number(flag);
  if (!/^\d*\.?\d+$/.test(flag) || rate < 0 || rate > 1) throw new UsageError(`--max-reject-rate must be between 0 and 1, got "${flag}"`);
  return rate;
}
