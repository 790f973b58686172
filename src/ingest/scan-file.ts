import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { completeUtf8Prefix, LineEncodings } from './line-encodings.js';
import { fileError } from '../base/file-error.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export type FileScan = {
  sha256: string;
  bytes: number;
  /** The encoding to decode with, or null when the file cannot be one we accept (with the reason). */
  encoding: Encoding | null;
  undecodableDetail: string | null;
};

/**
 * One streaming pass over a file's bytes: its sha256 (the identity of a file, whatever its name) and its
 * encoding. The whole file is checked, not a sample, so a GBK character on the last line is still seen.
 *
 * UTF-8 (with or without BOM) is chosen when every byte sequence is valid UTF-8: the fast path, one native
 * check per 1 MiB chunk. From the first chunk that is not, lines are judged one by one (line-encodings.ts):
 * among the lines that hold non-ASCII bytes, U are UTF-8 Chinese text and G are not valid UTF-8. U = 0:
 * GB18030, a superset of GBK and GB2312, which is what Excel and most government systems in China write (a
 * GBK line that happens to be valid UTF-8 decodes to no Chinese character, so it does not count in U). Both
 * U and G: the file mixes encodings (lines pasted from another file), refused whole (UNDECODABLE_FILE, naming
 * the first line of the smaller part): read as either encoding, some of its names would be mojibake. UTF-16 (Excel's "Unicode text") is recognised by its BOM and refused with a hint.
 */
export async function scanFile(path: string): Promise<FileScan> {
  // Node's read errors (EIO) name no file: the inbox file is named here.
  return scanBytes(path).catch((err: unknown) => { throw fileError(path, err); });
}

async function scanBytes(path: string): Promise<FileScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head: Buffer | null = null;
  let carry: Buffer = Buffer.alloc(0);
  // Null on the fast path, while every chunk so far is valid UTF-8; then every line of the file, judged.
  let lines: LineEncodings | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    head ??= chunk.subarray(0, 4);
    const at = bytes;
    bytes += chunk.length;
    if (lines) {
      lines.write(chunk);
      continue;
    }
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Prefix(data);
    if (isUtf8(data.subarray(0, cut))) {
      carry = Buffer.from(data.subarray(cut));
      continue;
    }
    // Not valid UTF-8: every line is judged, those of the valid part before this chunk too (read again).
    lines = await linesOf(path, at);
    lines.write(chunk);
  }
  // A file ending inside a multi-byte character: judged line by line too (its last line is not UTF-8).
  if (!lines && carry.length) lines = await linesOf(path, bytes);
  lines?.end();
  const sha256 = hash.digest('hex');
  const h = head ?? Buffer.alloc(0);
  if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) {
    return { sha256, bytes, encoding: null, undecodableDetail: 'UTF-16 text; save the file as CSV (UTF-8) or GB18030' };
  }
  const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
  if (!lines || lines.otherLines === 0) return { sha256, bytes, encoding: bom ? 'utf-8-bom' : 'utf-8', undecodableDetail: null };
  const u = lines.utf8Lines;
  const g = lines.otherLines;
  if (u === 0) return { sha256, bytes, encoding: 'gb18030', undecodableDetail: null };
  // Both kinds: the file mixes encodings, whichever is the larger part; the line named is the first of the smaller.
  return {
    sha256, bytes, encoding: null,
    undecodableDetail: g < u
      ? `line ${lines.firstOther} is not UTF-8 while the file's other ${u} lines with Chinese text are: ${g} line(s) in another encoding (GBK?) inside a UTF-8 file; save the whole file in one encoding`
      : `line ${lines.firstUtf8} is UTF-8 Chinese text while the file's other ${g} lines with Chinese text are not UTF-8 (GBK/GB18030?): ${u} line(s) in another encoding; save the whole file in one encoding`,
  };
}

/** The lines of the file's first `end` bytes, judged (line-encodings.ts). */
async function linesOf(path: string, end: number): Promise<LineEncodings> {
  const lines = new LineEncodings();
  if (end > 0) for await (const c of readRange(path, 0, end)) lines.write(c);
  return lines;
}

/** Bytes [start, end) of a file, streamed. */
function readRange(path: string, start: number, end: number): AsyncIterable<Buffer> {
  return createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
}
