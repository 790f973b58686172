import { isValidCalendarDate, todayInShanghai } from '../normalise/dates.js';
import { UsageError } from '../base/recon-error.js';

/** --as-of: a calendar date, default today in Asia/Shanghai (whatever the container's TZ). */
export function asOfDate(flag: string | undefined): string {
  if (flag === undefined) return todayInShanghai();
  if (!isValidCalendarDate(flag)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${flag}"`);
  return flag;
}

/** --year: default the as-of year + 1 from September on (the collection season), else the as-of year. */
export function coverageYear(flag: string | undefined, asOf: string): number {
  if (flag === undefined) return Number(asOf.slice(0, 4)) + (asOf.slice(5, 7) >= '09' ? 1 : 0);
  if (!/^\d{4}$/.test(flag)) throw new UsageError(`--year must be a 4-digit year, got "${flag}"`);
  return Number(flag);
}
