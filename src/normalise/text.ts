/**
 * Text clean-up applied to every input cell before it is interpreted.
 *
 * Government systems and Excel often emit full-width forms (`３５０．００`, `Ｘ`) and stray blanks,
 * including the ideographic space U+3000. We fold only the full-width ASCII block (U+FF01–U+FF5E) and
 * U+3000 rather than applying NFKC to the whole cell, so that names keep their exact characters.
 */
export function toHalfWidth(value: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < value.length; i++) {
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
  return toHalfWidth(value).replace(/^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g, '');
}
