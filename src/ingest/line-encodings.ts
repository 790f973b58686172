import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Counts, line by line, the lines that hold non-ASCII bytes: those that are UTF-8 Chinese text (valid UTF-8
 * holding a character of U+3000-U+9FFF, i.e. a 3-byte sequence led by 0xE3-0xE9) and those that are not
 * valid UTF-8, and the number of the first of each. A GBK line that happens to be valid UTF-8 (2-character
 * names often are) decodes to Latin, Greek or Cyrillic letters, almost never to CJK: in a generated GB18030
 * file of 257,090 lines, 2,813 were valid UTF-8 by accident and none held a CJK character. So a UTF-8 CJK
 * line is evidence of UTF-8 text and a non-UTF-8 line of another encoding; a file holding both mixes
 * encodings (scan-file.ts). Lines are split on `\n` (or, when the file's first line end
 * is a bare CR, on `\r`, as the framer reads such a file: record-framer.ts). Neither byte ever occurs inside
 * a multi-byte character of UTF-8, GBK or GB18030 (their trail bytes are 0x30 and up), so the split is the
 * same whichever the encoding. `write` the bytes in order, then `end`.
 *
 * Memory is bounded whatever the file: a line is judged piece by piece as its bytes arrive (a piece is cut
 * before an unfinished UTF-8 sequence, whose at most 3 bytes are carried to the next piece), never held whole,
 * so a 40 MB file without a line end costs no more than one chunk.
 */
export class LineEncodings {
  lines = 0;
  utf8Lines = 0;
  otherLines = 0;
  /** 1-based number of the first non-ASCII line that is not valid UTF-8 (0: none). */
  firstOther = 0;
  /** 1-based number of the first line of UTF-8 Chinese text (0: none). */
  firstUtf8 = 0;
  /** The line end byte, once the first line end is seen: LF (CRLF too), or CR for a bare-CR file. */
  private eol: number | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private nonAscii = false;
  private invalid = false;
  private cjk = false;

  write(chunk: Buffer): void {
    if (this.eol === null) this.eol = lineEndOf(chunk);
    const eol = this.eol ?? 10;
    let start = 0;
    for (let end = chunk.indexOf(eol, start); end >= 0; end = chunk.indexOf(eol, start)) {
      this.piece(chunk.subarray(start, end), true);
      start = end + 1;
    }
    if (start < chunk.length) this.piece(chunk.subarray(start), false);
  }

  end(): void {
    if (this.carry.length || this.nonAscii) this.piece(Buffer.alloc(0), true);
  }

  /** Judges the next bytes of the current line; `ends`: the line ends after them. */
  private piece(bytes: Buffer, ends: boolean): void {
    let data = this.carry.length ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = Buffer.alloc(0);
    if (!ends) {
      const cut = completeUtf8Prefix(data);
      this.carry = Buffer.from(data.subarray(cut));
      data = data.subarray(0, cut);
    }
    if (!this.invalid && !isAscii(data)) {
      this.nonAscii = true;
      if (!isUtf8(data)) this.invalid = true;
      else if (!this.cjk) this.cjk = hasCjkLead(data);
    }
    if (!ends) return;
    this.lines++;
    if (this.nonAscii) {
      if (this.invalid) {
        this.otherLines++;
        if (this.firstOther === 0) this.firstOther = this.lines;
      } else if (this.cjk) {
        this.utf8Lines++;
        if (this.firstUtf8 === 0) this.firstUtf8 = this.lines;
      }
    }
    this.nonAscii = false;
    this.invalid = false;
    this.cjk = false;
  }
}

/** Whether valid UTF-8 `data` holds a character of U+3000-U+9FFF (CJK punctuation, kana, ideographs). */
function hasCjkLead(data: Buffer): boolean {
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b >= 0xe3 && b <= 0xe9) return true;
  }
  return false;
}

/** The file's line end, from the first one in `chunk`: LF (or CRLF), a bare CR, or null when none is there yet. */
function lineEndOf(chunk: Buffer): number | null {
  const lf = chunk.indexOf(10);
  const cr = chunk.indexOf(13);
  if (cr >= 0 && (lf < 0 || cr < lf - 1)) return cr + 1 < chunk.length || lf >= 0 ? 13 : null;
  return lf >= 0 ? 10 : null;
}

/** Length of the longest prefix of `data` that does not end in the middle of a UTF-8 sequence. */
export function completeUtf8Prefix(data: Buffer): number {
  const n = data.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = data[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
