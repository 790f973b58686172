import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Counts, line by line, the lines that hold non-ASCII bytes: those that are valid UTF-8 and those that are
 * not, and the number of the first that is not. Lines are split on `\n`, which never occurs inside a
 * multi-byte character of UTF-8, GBK or GB18030 (their trail bytes are 0x30 and up), so the split is the
 * same whichever the encoding. `write` the bytes in order, then `end`.
 */
export class LineEncodings {
  lines = 0;
  utf8Lines = 0;
  otherLines = 0;
  /** 1-based number of the first non-ASCII line that is not valid UTF-8 (0: none). */
  firstOther = 0;
  private carry: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      this.line(data.subarray(start, nl));
      start = nl + 1;
    }
    this.carry = Buffer.from(data.subarray(start));
  }

  end(): void {
    if (this.carry.length) this.line(this.carry);
    this.carry = Buffer.alloc(0);
  }

  private line(bytes: Buffer): void {
    this.lines++;
    if (isAscii(bytes)) return;
    if (isUtf8(bytes)) {
      this.utf8Lines++;
    } else {
      this.otherLines++;
      if (this.firstOther === 0) this.firstOther = this.lines;
    }
  }
}
