import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Whether tonight's files are a bulk load: more new input bytes than all payment files held so far (the
 * first nights of a deployment, a benchmark). Every payment then goes into a random place of the
 * covering index, a page read and written per row once the index outgrows the page cache, which grew
 * the ingest faster than the input (docs/performance.md); building the index once after the load is one
 * sort. A usual night adds a small share, and keeps the index. A file whose name and size match a held
 * file counts as held here (an inbox keeps the files of earlier nights); whether it is skipped is still
 * decided by its sha256 when its turn comes.
 */
export async function isBulkLoad(k: Kysely<Database>, files: { name: string; bytes: number }[]): Promise<boolean> {
  const held = await k.selectFrom('ingested_files').select(['file_name', 'bytes', 'kind']).where('status', '=', 'ingested').execute();
  const seen = new Set(held.map((f) => `${f.file_name}\u0000${f.bytes}`));
  const heldPayments = held.reduce((n, f) => n + (f.kind === 'payments' ? Number(f.bytes) : 0), 0);
  const incoming = files.reduce((n, f) => n + (seen.has(`${f.name}\u0000${f.bytes}`) ? 0 : f.bytes), 0);
  return incoming > heldPayments;
}
