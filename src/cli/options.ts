import { UsageError } from './errors.js';

/** The database to use: --db, else DATABASE_URL, else data/recon.sqlite (spec 6). */
export function databasePath(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? 'data/recon.sqlite';
}

/** --max-reject-rate: a fraction between 0 and 1 (default 0.2, spec 2.4). */
export function maxRejectRate(flag: string | undefined): number {
  if (flag === undefined) return 0.2;
  const rate = Number(flag);
  if (!/^\d*\.?\d+$/.test(flag) || rate < 0 || rate > 1) throw new UsageError(`--max-reject-rate must be between 0 and 1, got "${flag}"`);
  return rate;
}
