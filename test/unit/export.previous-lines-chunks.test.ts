import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headerBytes } from '../../src/export/csv-file.js';
import { csvLines } from '../../src/export/csv-lines.js';
import { mergedLines, NotReusable } from '../../src/export/previous-lines.js';

/**
 * The merge pass over the previous reconciliation.csv reads it in chunks (1 MiB in the job) and a record may
 * span two or more of them, names with quotes, commas and line breaks included. Whatever the chunk size,
 * the pass must keep exactly the lines of the persons not changed, byte for byte, and drop the others.
 */
const dir = mkdtempSync(join(tmpdir(), 'recon-previous-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = ['id_number', 'name', 'region_code', 'status'];
const NAMES = ['张三', 'Li, Si', 'say "hi"', 'line\nbreak', '"', 'a\n"b",\nc', '王五'];

/** A previous file of `n` persons: each person's line as bytes, and the file's path and sha256. */
function previousFile(n: number) {
  const lines: { id: string; bytes: Buffer }[] = [];
  for (let i = 0; i < n; i++) {
    const id = `3607031990${String(i).padStart(7, '0')}X`.slice(0, 18);
    lines.push({ id, bytes: Buffer.from(csvLines([[id, NAMES[i % NAMES.length]!, '360703', i % 3 ? 'PAID' : 'ARREARS']])) });
  }
  const header = headerBytes(HEADER);
  const file = Buffer.concat([header, ...lines.map((l) => l.bytes)]);
  const path = join(dir, `previous-${n}.csv`);
  writeFileSync(path, file);
  return { header, lines, previous: { path, sha256: createHash('sha256').update(file).digest('hex'), same: false } };
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of chunks) out.push(c);
  return Buffer.concat(out);
}

async function* noRows(): AsyncGenerator<unknown[][]> {}

describe('mergedLines, chunk by chunk', () => {
  const { header, lines, previous } = previousFile(200);
  const changed = new Set(lines.filter((_, i) => i % 5 === 1 || i % 7 === 0).map((l) => l.id));
  const kept = Buffer.concat(lines.filter((l) => !changed.has(l.id)).map((l) => l.bytes));
  const keptCount = lines.length - changed.size;

  for (const chunkBytes of [1, 2, 3, 7, 13, 64, 1000, 1 << 20]) {
    it(`keeps the unchanged persons' lines as bytes with ${chunkBytes}-byte chunks`, async () => {
      const out = await collect(mergedLines(previous, header, changed, noRows(), 'en', keptCount, chunkBytes));
      expect(out.equals(kept)).toBe(true);
    });
  }

  it('copies every line when nobody changed', async () => {
    const out = await collect(mergedLines(previous, header, new Set(), noRows(), 'en', lines.length, 5));
    expect(out.equals(Buffer.concat(lines.map((l) => l.bytes)))).toBe(true);
  });

  it('refuses a file that ends inside a record, whatever the chunk size', async () => {
    const cut = join(dir, 'cut.csv');
    const bytes = Buffer.concat([header, ...lines.slice(0, 6).map((l) => l.bytes), lines[5]!.bytes.subarray(0, 30)]);
    writeFileSync(cut, bytes);
    const truncated = { path: cut, sha256: createHash('sha256').update(bytes).digest('hex'), same: false };
    for (const chunkBytes of [3, 1 << 20]) {
      await expect(collect(mergedLines(truncated, header, new Set(), noRows(), 'en', 6, chunkBytes))).rejects.toThrow(NotReusable);
    }
  });
});
