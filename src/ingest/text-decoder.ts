import iconv from 'iconv-lite';
import type { Encoding } from './scan-file.js';

/** Raised when a file that scanned as GB18030 holds byte sequences GB18030 cannot decode. */
export class UndecodableError extends Error {}

/**
 * Bytes → text in the encoding found by `scanFile`: `write` each chunk of bytes, then `end`. UTF-8 uses
 * the built-in decoder (the BOM is dropped); GB18030 uses iconv-lite, which decodes in streaming mode and
 * marks an invalid sequence with U+FFFD: such a file is stopped as undecodable (UndecodableError) rather
 * than loaded with corrupted names.
 */
export function textDecoder(encoding: Encoding): { write(chunk: Buffer): string; end(): string } {
  if (encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    const checked = (text: string) => {
      if (text.includes('\ufffd')) throw new UndecodableError('bytes that are not valid GB18030');
      return text;
    };
    return { write: (chunk) => checked(decoder.write(chunk)), end: () => checked(decoder.end() ?? '') };
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}
