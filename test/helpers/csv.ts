import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Parses an output CSV (BOM, LF, simple quoting) into objects keyed by header. */
export function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const lines: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); lines.push(row); row = []; cell = ''; }
    else cell += c;
  }
  const [header, ...rows] = lines;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}
