import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, parseDateTime, todayInShanghai } from '../src/normalise/dates.js';

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
});
