/**
 * What `--lang zh` output may still hold in Latin letters (spec 5, v2: every word in Chinese, flags, actions and
 * reject reasons keeping their code in parentheses): the English words of a cell once its codes in parentheses
 * (`重复缴费 (DUPLICATE_PAYMENT)`, `政策缺失 (POLICY_GAP:personal_standard.resident.2)`, a tier's digit included,
 * `(ERR_WORKER_OUT_OF_MEMORY)`), its quoted input values (`"35O.00"`: data, kept as the sender wrote it) and the names of products and encodings a sender
 * must act in (Excel, WPS, CSV, UTF-8, GB18030, GBK) are taken out. A single letter is no word (`X` as a check
 * character, `E+`). An empty list: the cell is Chinese.
 */
export function englishWords(cell: string): string[] {
  const rest = cell
    .replace(/\((?:[A-Z][A-Z0-9_]*(?::[A-Za-z0-9_.]+)?)\)/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b(?:Excel|WPS|CSV|UTF-(?:8|16)|GB18030|GBK)\b/g, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

/**
 * The English words left in an output CSV read by csv.ts readCsv (header and cells), each with where it is.
 * The cells of `dataColumns` (ID numbers, names, raw lines, txn_ids, file names, citations copied from policy
 * files) are data, not the job's words, and are not read.
 */
export function englishLeftIn(file: string, records: Record<string, string>[], dataColumns: readonly string[]): string[] {
  const found: string[] = [];
  for (const h of Object.keys(records[0] ?? {})) for (const w of englishWords(h)) found.push(`${file} header ${h}: ${w}`);
  records.forEach((record, r) => {
    for (const [column, cell] of Object.entries(record)) {
      if (dataColumns.includes(column)) continue;
      const words = englishWords(cell);
      if (words.length) found.push(`${file} line ${r + 2} ${column}: ${words.join(' ')} in ${JSON.stringify(cell)}`);
    }
  });
  return found;
}
