import { isValidCalendarDate } from './dates.js';
import { isKnownProvincePrefix } from '../regions/region-table.js';

/** Why an identity number was refused; becomes the detail of a `BAD_ID_NUMBER` reject. */
export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birth_date' | 'check_character';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string }
  | { ok: false; problem: IdNumberProblem; detail: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Compiled once: parseIdNumber runs for every input row.
const FIFTEEN_DIGITS = /^\d{15}$/;
const EIGHTEEN_CHARS = /^\d{17}[\dX]$/;
/** `9`: the first character of a foreign permanent resident ID card (2023 form). */
const FOREIGN_PERMANENT_RESIDENT = 57;

/** ISO 7064 MOD 11-2 check character over the first 17 digits (GB 11643-1999 §5.2). */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates and normalises a resident identity number (GB 11643), a Hong Kong / Macao / Taiwan residence
 * permit (prefixes 81, 82, 83) or a foreign permanent resident ID card of the 2023 form (18 characters
 * beginning with 9), all with the same layout from character 7 on (birth date, sequence) and the same checksum
 * (spec 2.3). The foreign card's characters 2-3 name the issuing province and 4-6 the holder's nationality:
 * its first six are not a region, so they are not looked up as one (and not checked: the spec asks for the 9
 * and the checksum only). A legacy 15-digit number is always a resident's: its first two must be a province.
 *
 * The input must already be cleaned (`cleanCell`); a lowercase `x` is accepted. A legacy 15-digit number is
 * converted to 18 digits: `19` is inserted before the 2-digit birth year and the check character computed,
 * as the public-security conversion rule does. `today` bounds the birth date: a person cannot be born after
 * the day the file is read.
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  // Only a trailing x has a case to fold (any other letter is refused below either way).
  let id = raw.charCodeAt(raw.length - 1) === 120 ? raw.toUpperCase() : raw;
  const foreign = id.length === 18 && id.charCodeAt(0) === FOREIGN_PERMANENT_RESIDENT;
  if (id.length === 15) {
    if (!FIFTEEN_DIGITS.test(id)) return bad('characters', '15-digit number must be all digits');
    const first17 = id.slice(0, 6) + '19' + id.slice(6);
    id = first17 + checkCharacter(first17);
  } else if (id.length !== 18) {
    return bad('length', `expected 18 characters (or legacy 15), got ${id.length}`);
  }
  if (!EIGHTEEN_CHARS.test(id)) return bad('characters', 'only digits, with X allowed as the last character');
  if (!foreign && !isKnownProvincePrefix(id.slice(0, 2))) return bad('region', `unknown province code ${id.slice(0, 2)}`);
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
