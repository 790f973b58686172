import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from './scan-file.js';

/** Raised when a file that scanned as GB18030 holds byte sequences GB18030 cannot decode. */
export class UndecodableError extends Error {}

/**
 * Bytes → text in the encoding found by `scanFile`. UTF-8 uses the built-in decoder (the BOM is dropped);
 * GB18030 uses iconv-lite, which decodes in streaming mode and marks an invalid sequence with U+FFFD:
 * such a file is stopped as undecodable rather than loaded with corrupted names.
 */
export function decodeStream(encoding: Encoding): Transform {
  if (encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    return new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        const text = decoder.write(chunk);
        if (text.includes('\ufffd')) return done(new UndecodableError('bytes that are not valid GB18030'));
        done(null, text);
      },
      flush(done: TransformCallback) {
        const text = decoder.end() ?? '';
        if (text.includes('\ufffd')) return done(new UndecodableError('bytes that are not valid GB18030'));
        done(null, text || undefined);
      },
    });
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done: TransformCallback) {
      const text = decoder.decode();
      done(null, text || undefined);
    },
  });
}
