import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvLines } from '../../src/export/csv-lines.js';
import { amendedPart } from '../../src/export/spill-amendments.js';
import { join, tmp } from '../helpers/files.js';

const id = (n: number) => `3607021990${String(n).padStart(7, '0')}X`;

/** Lines of a spill part: one per ID number, in order; some with a quoted cell holding an LF and what looks like another line. */
function lines(n: number, changed: ReadonlySet<number> = new Set()): string[][] {
  return Array.from({ length: n }, (_, i) => [
    id(i), '某甲', changed.has(i) ? 'REVIEW' : '',
    // a cell a naive line splitter would cut: an LF followed by the next person's ID number and a comma
    i % 7 === 0 ? `a "quoted", two-line\n${id(i + 1)},cell` : 'plain', 'x'.repeat(i % 300),
  ]);
}

async function read(parts: AsyncIterable<Buffer>): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of parts) out.push(b);
  return Buffer.concat(out).toString('utf8');
}

describe("reconciliation.csv's spilled lines, amended as the export copies them", () => {
  it('replaces exactly the lines of the amended ID numbers, across read chunks, quoted line breaks and all', async () => {
    const n = 12000; // about 2.5 MB: several 1 MiB read chunks, so lines straddle chunk boundaries
    const changed = new Set([0, 1, 7, 4200, 4201, 8000, n - 1]);
    const path = join(tmp(), '360702.csv');
    writeFileSync(path, csvLines(lines(n)));
    const after = lines(n, changed);
    const replacements = [...changed].map((i) => ({ idNumber: id(i), line: Buffer.from(csvLines([after[i]!])) }));
    expect(await read(amendedPart(path, replacements))).toBe(csvLines(after));
  });

  it('copies a part unchanged without replacements, and refuses an amendment whose line is not there', async () => {
    const path = join(tmp(), '360702.csv');
    writeFileSync(path, csvLines(lines(50)));
    expect(await read(amendedPart(path, []))).toBe(csvLines(lines(50)));
    await expect(read(amendedPart(path, [{ idNumber: id(99), line: Buffer.from('x\n') }]))).rejects.toThrow(/not found/);
  });
});
