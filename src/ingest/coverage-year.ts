/** A coverage year: four digits, 2000–2099 (anything else is a mis-mapped column, `BAD_YEAR`). */
export function parseCoverageYear(value: string): number | null {
  const m = /^(\d{4})(?:年)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 2000 && year <= 2099 ? year : null;
}
