import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

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
 * UTF-8 (with or without BOM) is chosen when every byte sequence is valid UTF-8; otherwise GB18030, a
 * superset of GBK and GB2312, which is what Excel and most government systems in China write. UTF-16
 * (Excel's "Unicode text") is recognised by its BOM and refused with a hint, since it is neither.
 */
export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head: Buffer | null = null;
  let utf8 = true;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head === null) head = chunk.subarray(0, 4);
    bytes += chunk.length;
    if (utf8) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Prefix(data);
      utf8 = isUtf8(data.subarray(0, cut));
      carry = Buffer.from(data.subarray(cut));
    }
  }
  if (utf8 && carry.length) utf8 = false; // the file ends inside a multi-byte character
  const sha256 = hash.digest('hex');
  const h = head ?? Buffer.alloc(0);
  if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) {
    return { sha256, bytes, encoding: null, undecodableDetail: 'UTF-16 text; save the file as CSV (UTF-8) or GB18030' };
  }
  if (utf8) {
    const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf;
    return { sha256, bytes, encoding: bom ? 'utf-8-bom' : 'utf-8', undecodableDetail: null };
  }
  return { sha256, bytes, encoding: 'gb18030', undecodableDetail: null };
}

/** Length of the longest prefix of `data` that does not end in the middle of a UTF-8 sequence. */
function completeUtf8Prefix(data: Buffer): number {
  const n = data.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = data[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
