/**
 * The part of archiver 5's API that workbook-file.ts uses (the package ships no types, and @types/archiver
 * would be one more package for four lines): a zip made as a stream, entries appended in order (a stream's
 * entry is read when its turn comes), `finalize` writing the central directory.
 */
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';
  import type { ZlibOptions } from 'node:zlib';

  export interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: { name: string; date?: Date }): this;
    finalize(): Promise<void>;
    abort(): this;
  }

  export default function archiver(format: 'zip', options?: { zlib?: ZlibOptions }): Archiver;
}
