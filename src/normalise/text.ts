/**
 * Text clean-up applied to every input cell before it is interpreted.
 *
 * Government systems and Excel often emit full-width forms (`３５０．００`, `Ｘ`) and stray blanks,
 * including the ideographic space U+3000. We fold only the full-width ASCII block (U+FF01–U+FF5E) and
 * U+3000 rather than applying NFKC to the whole cell, so that names keep their exact characters.
 */
export function toHalfWidth(value: string): string {
  let first = -1;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code >= 0xff01 && code <= 0xff5e) || code === 0x3000) {
      first = i;
      break;
    }
  }
  if (first === -1) return value; // the common case: nothing to fold, no copy
  let out = value.slice(0, first);
  let changed = false;
  for (let i = first; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
      changed = true;
    } else if (code === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += value[i];
    }
  }
  return changed ? out : value;
}

/** Full-width folded and trimmed of blanks (ASCII, ideographic and no-break spaces). */
export function cleanCell(value: string | undefined): string {
  if (value === undefined) return '';
  const folded = toHalfWidth(value);
  // Most cells have no blank at either end: skip the trimming regex for them.
  if (folded === '' || (!isBlank(folded.charCodeAt(0)) && !isBlank(folded.charCodeAt(folded.length - 1)))) return folded;
  return folded.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g, '');
}

/** Whether a character is one the trim removes (\s covers U+00A0 and U+FEFF too, listed for clarity). */
function isBlank(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0xfeff || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x85;
}
