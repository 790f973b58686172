/**
 * Parses a yuan amount with at most two decimals into integer fen.
 *
 * Money never passes through floating point: the digits are split at the decimal point and combined as
 * integers. Accepts `350`, `350.5`, `350.50`, `-350.00`, `+350`, `.5` is refused (an auditor would not
 * write it). The cell must be cleaned first so that full-width digits (`３５０.００`) are already ASCII.
 */
export function parseAmountFen(value: string): number | null {
  const m = /^([+-]?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const yuan = Number(m[2]);
  const fen = m[3] === undefined ? 0 : Number(m[3].padEnd(2, '0'));
  const total = yuan * 100 + fen;
  return m[1] === '-' && total !== 0 ? -total : total;
}

/** Formats fen as yuan with two decimals: 35000 → `350.00`, -37500 → `-375.00`. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
