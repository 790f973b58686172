import { createReadStream } from 'node:fs';

/**
 * reconciliation.csv's spilled lines (region-spill.ts) are written as reconcile stores each person's rows;
 * rule 10's REVIEW for rule 8's possible duplicates is added to some of those rows afterwards, across
 * persons (reconcile/find-possible-duplicates.ts). Their new lines are few, and held; the export copies a
 * part with its amended lines put in place of the old ones, in the one pass it makes over the part anyway,
 * so no part is written twice.
 */

/** A row's new line (with its LF), and its ID number, which starts the line (the first cell, never quoted). */
export type LineReplacement = { idNumber: string; line: Buffer };

const LF = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * The bytes of a part file (CSV lines in id_number order), with each line whose first cell is a replacement's
 * ID number replaced by its new line. `replacements` are in the part's order (id_number, byte order). Lines
 * are found as CSV records: an LF inside a quoted cell does not end one. Throws if a replacement's line is
 * not in the part (it must be: every amended row was spilled).
 */
export async function* amendedPart(path: string, replacements: readonly LineReplacement[]): AsyncGenerator<Buffer> {
  let next = 0;
  let id = next < replacements.length ? Buffer.from(replacements[next]!.idNumber, 'utf8') : null;
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const records = new RecordEnds(buf);
    let start = 0;
    let copied = 0;
    for (let end = records.endOf(0); end >= 0; end = records.endOf(start)) {
      if (id && startsWithCell(buf, start, id)) {
        if (start > copied) yield buf.subarray(copied, start);
        yield replacements[next]!.line;
        copied = end + 1;
        next++;
        id = next < replacements.length ? Buffer.from(replacements[next]!.idNumber, 'utf8') : null;
      }
      start = end + 1;
    }
    if (start > copied) yield buf.subarray(copied, start);
    carry = start < buf.length ? buf.subarray(start) : null;
  }
  if (carry) yield carry; // a part ends with an LF; nothing is left unless it was cut short, and then it is copied as it is
  if (next < replacements.length) throw new Error(`spill part ${path}: ${replacements.length - next} amended line(s) not found`);
}

/** Whether the record starting at `start` has `cell` as its whole first cell. */
function startsWithCell(buf: Buffer, start: number, cell: Buffer): boolean {
  return buf.length > start + cell.length && buf[start + cell.length] === COMMA && buf.compare(cell, 0, cell.length, start, start + cell.length) === 0;
}

/**
 * Finds where CSV records end in a buffer that starts at a record's start: the LF that is outside quotes
 * (a `""` inside a quoted cell closes and reopens it, which leaves the count right). The position of the next
 * quote is kept, so a buffer without quotes is searched for them once, not once per line.
 */
class RecordEnds {
  private nextQuote: number;

  constructor(private readonly buf: Buffer) {
    this.nextQuote = buf.indexOf(QUOTE);
  }

  /** The index of the LF ending the record that starts at `start`, or -1 when the buffer ends first. */
  endOf(start: number): number {
    const buf = this.buf;
    let pos = start;
    for (;;) {
      const lf = buf.indexOf(LF, pos);
      if (lf < 0) return -1;
      if (this.nextQuote >= 0 && this.nextQuote < pos) this.nextQuote = buf.indexOf(QUOTE, pos);
      if (this.nextQuote < 0 || this.nextQuote > lf) return lf;
      const close = buf.indexOf(QUOTE, this.nextQuote + 1);
      if (close < 0) return -1;
      pos = close + 1;
      this.nextQuote = buf.indexOf(QUOTE, pos);
    }
  }
}
