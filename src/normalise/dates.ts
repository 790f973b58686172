/**
 * Calendar dates as `YYYY-MM-DD` strings, in China Standard Time by construction.
 *
 * Dates are never turned into `Date` objects at midnight UTC and back: in a container set to UTC (or any
 * zone west of China) that shifts a date by a day. All arithmetic below works on the civil date alone,
 * using day numbers from the proleptic Gregorian calendar.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The number written by `length` ASCII digits from `at`, or -1 if any of them is not a digit. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Whether `iso` is `YYYY-MM-DD` naming a real day. Checked by character codes: it runs twice per input row. */
export function isValidCalendarDate(iso: string): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false;
  return isRealDay(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2), digitsAt(iso, 8, 2));
}

/** Whether year, month and day (-1 for a part that was not digits) name a day of the calendar. */
function isRealDay(y: number, mo: number, d: number): boolean {
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

export type ParsedDateTime = { date: string; time: string | null };

const FORMATS: RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * Parses the date formats of spec 2.1: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY/M/D` and `YYYYMMDD`
 * (a time may also follow the slash form, as Excel writes it). Returns null for anything else or for an
 * impossible date or time. The time, when present, is kept as `HH:MM:SS` for ordering payments in a day.
 */
export function parseDateTime(value: string): ParsedDateTime | null {
  const fixed = fixedWidthDateTime(value);
  if (fixed !== undefined) return fixed;
  for (const re of FORMATS) {
    const m = re.exec(value);
    if (!m) continue;
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (!isValidCalendarDate(date)) return null;
    if (m[4] === undefined) return { date, time: null };
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const s = m[6] === undefined ? 0 : Number(m[6]);
    if (h > 23 || mi > 59 || s > 59) return null;
    const time = [h, mi, s].map((n) => String(n).padStart(2, '0')).join(':');
    return { date, time };
  }
  return null;
}

/**
 * The fast path of parseDateTime for what tax systems write, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and
 * `YYYY-MM-DD HH:MM:SS` with two-digit parts (or `T` before the time): the same answer as the first
 * pattern of FORMATS, without a regular expression or padding. Undefined for any other shape.
 */
function fixedWidthDateTime(v: string): ParsedDateTime | null | undefined {
  const n = v.length;
  if ((n !== 10 && n !== 16 && n !== 19) || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(v, 0, 4);
  const mo = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return undefined;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (n > 10) {
    const sep = v.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || v.charCodeAt(13) !== 58) return undefined;
    h = digitsAt(v, 11, 2);
    mi = digitsAt(v, 14, 2);
    if (h < 0 || mi < 0) return undefined;
    if (n === 19) {
      if (v.charCodeAt(16) !== 58) return undefined;
      s = digitsAt(v, 17, 2);
      if (s < 0) return undefined;
    }
  }
  if (!isRealDay(y, mo, d)) return null;
  if (n === 10) return { date: v, time: null };
  if (h > 23 || mi > 59 || s > 59) return null;
  return { date: v.slice(0, 10), time: n === 19 ? v.slice(11) : `${v.slice(11)}:00` };
}

/** Days since 0000-03-01 (a fixed epoch); only differences between two results are meaningful. */
export function dayNumber(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

export function fromDayNumber(n: number): string {
  const era = Math.floor(n / 146097);
  const doe = n - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `iso` plus `days` calendar days. */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/**
 * `iso` minus `months` calendar months: the same day of the month, or that month's last day where it has
 * no such day (2023-05-31 minus 3 months is 2023-02-28), as a person counts "3 months before".
 */
export function monthsBefore(iso: string, months: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 - months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), lastDay);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Today's calendar date in Asia/Shanghai, whatever the process's TZ. China has had no daylight saving
 * since 1991, so UTC+8 is exact for every date this tool handles.
 */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Current date-time in Asia/Shanghai as `YYYY-MM-DDTHH:MM:SS+08:00`, for records and manifests. */
export function nowInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

/**
 * Current date-time in Asia/Shanghai with milliseconds, `YYYY-MM-DDTHH:MM:SS.mmm+08:00`: run records
 * sort by it, and two short runs can start within the same second.
 */
export function preciseNowInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 23) + '+08:00';
}
