import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, monthsBefore, parseDateTime, todayInShanghai } from '../../src/normalise/dates.js';

describe('dates', () => {
  it('parses every format of spec 2.1', () => {
    expect(parseDateTime('2022-10-08')).toEqual({ date: '2022-10-08', time: null });
    expect(parseDateTime('2022-10-08 09:05')).toEqual({ date: '2022-10-08', time: '09:05:00' });
    expect(parseDateTime('2022-10-08 09:05:07')).toEqual({ date: '2022-10-08', time: '09:05:07' });
    expect(parseDateTime('2022/9/1')).toEqual({ date: '2022-09-01', time: null });
    expect(parseDateTime('2022/10/8 9:05')).toEqual({ date: '2022-10-08', time: '09:05:00' });
    expect(parseDateTime('20221008')).toEqual({ date: '2022-10-08', time: null });
  });

  it('refuses impossible dates and other shapes', () => {
    for (const bad of ['2022-02-29', '2022-13-01', '2022-00-10', '20221301', '2022-10-08 24:00', '08/10/2022', '2022.10.08', '']) {
      expect(parseDateTime(bad), bad).toBeNull();
    }
    expect(parseDateTime('2024-02-29')).toEqual({ date: '2024-02-29', time: null });
  });

  it('answers fixed-width date-times (its fast path) exactly as the general pattern does', () => {
    // The general pattern, as parseDateTime applied it to every value before the fast path existed.
    const reference = (value: string) => {
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
      if (!m) return null;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
      if (!days || d < 1 || d > days) return null;
      const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      if (m[4] === undefined) return { date, time: null };
      const [h, mi, s] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
      if (h > 23 || mi > 59 || s > 59) return null;
      return { date, time: [h, mi, s].map((n) => String(n).padStart(2, '0')).join(':') };
    };
    let checked = 0;
    for (const y of ['0000', '1900', '2000', '2023', '2024']) {
      for (const mo of ['00', '01', '02', '04', '12', '13']) {
        for (const d of ['00', '01', '28', '29', '30', '31', '32']) {
          for (const t of ['', ' 00:00', 'T23:59', ' 24:00', ' 12:60', ' 09:05:07', 'T23:59:59', ' 12:00:60', ' 9:05', 'x12:00', ' 12:00:', ' 1a:00']) {
            const value = `${y}-${mo}-${d}${t}`;
            expect(parseDateTime(value), value).toEqual(reference(value));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(2520);
    expect(parseDateTime('2022-10-08T09:05')).toEqual({ date: '2022-10-08', time: '09:05:00' });
    expect(parseDateTime('2023-02-29 10:00:00')).toBeNull();
  });

  it('adds days on the calendar, across months, years and leap days', () => {
    expect(addDays('2023-01-20', 90)).toBe('2023-04-20');
    expect(addDays('2023-02-10', 1)).toBe('2023-02-11');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(dayNumber('2023-03-01') - dayNumber('2023-02-01')).toBe(28);
  });

  it('takes today in Asia/Shanghai whatever the process time zone', () => {
    // 2022-12-31T16:30Z is already 2023-01-01 00:30 in China.
    expect(todayInShanghai(new Date('2022-12-31T16:30:00Z'))).toBe('2023-01-01');
    expect(todayInShanghai(new Date('2022-12-31T15:59:59Z'))).toBe('2022-12-31');
  });

  it('months before: the same day of the month, or the month\'s last day (rule 7 case 5)', () => {
    expect(monthsBefore('2023-02-10', 3)).toBe('2022-11-10');
    expect(monthsBefore('2023-05-31', 3)).toBe('2023-02-28');
    expect(monthsBefore('2024-05-31', 3)).toBe('2024-02-29');
    expect(monthsBefore('2023-03-31', 1)).toBe('2023-02-28');
    expect(monthsBefore('2023-01-15', 13)).toBe('2021-12-15');
  });
});
