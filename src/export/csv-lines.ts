const NEEDS_QUOTES = /[",\r\n]/;

/**
 * CSV text for a batch of rows: comma separated, LF after every row, a cell quoted (with `"` doubled)
 * only when it holds a comma, a quote, CR or LF. Byte for byte what csv-stringify writes with
 * `{ record_delimiter: '\n', quoted_match: /\r/ }` (test/unit/export.csv-lines.test.ts checks it against csv-stringify;
 * the quoted CR keeps Excel from breaking a row at a bare CR), at a fraction of its cost per row
 * (docs/performance.md): the export writes one line per result row, ten million a night.
 */
export function csvLines(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      if (i > 0) out += ',';
      out += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    out += '\n';
  }
  return out;
}
