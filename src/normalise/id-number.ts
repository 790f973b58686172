import { isValidCalendarDate } from './dates.js';
import { isKnownProvincePrefix } from '../regions/region-table.js';

/** Why an identity number was refused; becomes the detail of a `BAD_ID_NUMBER` reject. */
export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birth_date' | 'check_character';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string }
  | { ok: false; problem: IdNumberProblem; detail: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits (GB 11643-1999 §5.2). */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates and normalises a resident identity number (GB 11643) or a Hong Kong / Macao / Taiwan
 * residence permit (prefixes 81, 82, 83, same layout and checksum).
 *
 * The input must already be cleaned (`cleanCell`); a lowercase `x` is accepted. A legacy 15-digit number is
 * converted to 18 digits: `19` is inserted before the 2-digit birth year and the check character computed,
 * as the public-security conversion rule does. `today` bounds the birth date: a person cannot be born after
 * the day the file is read.
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  // Only a trailing x has a case to fold (any other letter is refused below either way).
  let id = raw.charCodeAt(raw.length - 1) === 120 ? raw.toUpperCase() : raw;
  if (id.length === 15) {
    if (!/^\d{15}$/.test(id)) return bad('characters', '15-digit number must be all digits');
    const first17 = id.slice(0, 6) + '19' + id.slice(6);
    id = first17 + checkCharacter(first17);
  } else if (id.length !== 18) {
    return bad('length', `expected 18 characters (or legacy 15), got ${id.length}`);
  }
  if (!/^\d{17}[\dX]$/.test(id)) return bad('characters', 'only digits, with X allowed as the last character');
  if (!isKnownProvincePrefix(id.slice(0, 2))) return bad('region', `unknown province code ${id.slice(0, 2)}`);
  const y = id.slice(6, 10);
  const m = id.slice(10, 12);
  const d = id.slice(12, 14);
  const birthDate = `${y}-${m}-${d}`;
  if (!isValidCalendarDate(birthDate) || y < '1900' || birthDate > today) {
    return bad('birth_date', `impossible birth date ${birthDate}`);
  }
  const expected = checkCharacter(id); // reads the first 17 characters only
  if (id[17] !== expected) return bad('check_character', `check character ${id[17]} should be ${expected}`);
  return { ok: true, idNumber: id, birthDate };
}

function bad(problem: IdNumberProblem, detail: string): IdNumberResult {
  return { ok: false, problem, detail };
}
