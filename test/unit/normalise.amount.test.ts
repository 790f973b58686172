import { describe, expect, it } from 'vitest';
import { formatFen, parseAmountFen } from '../../src/normalise/amount.js';
import { cleanCell } from '../../src/normalise/text.js';

describe('amounts in integer fen', () => {
  it.each([
    ['350', 35000],
    ['350.5', 35050],
    ['350.50', 35050],
    ['３５０.００', 35000],
    ['３５０．００', 35000],
    ['-350.00', -35000],
    [' 320 ', 32000],
    ['0.01', 1],
    ['0', 0],
  ])('%s → %i fen', (text, fen) => {
    expect(parseAmountFen(cleanCell(text))).toBe(fen);
  });

  it.each(['35O.00', '350.001', '350.', '.5', '1,350.00', '¥350', '', '-', '3.5e2'])('refuses %s', (text) => {
    expect(parseAmountFen(cleanCell(text))).toBeNull();
  });

  it('formats fen as yuan with two decimals', () => {
    expect(formatFen(35000)).toBe('350.00');
    expect(formatFen(-37500)).toBe('-375.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(0)).toBe('0.00');
  });
});
