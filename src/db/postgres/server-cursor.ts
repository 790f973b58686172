import type pg from 'pg';
import type { CompiledQuery } from 'kysely';

/**
 * Declares a server-side cursor for the compiled query and fetches it `size` rows at a time, as objects,
 * or with rowMode 'array' as value arrays in SELECT order. The caller's transaction holds the cursor; it
 * is closed with it, or by the caller (`close <name>`) when the read stops early.
 */
export async function* fetchBatches<R>(client: pg.Client, name: string, compiled: CompiledQuery, size: number, rowMode?: 'array'): AsyncGenerator<R[]> {
  await client.query(`declare ${name} no scroll cursor for ${compiled.sql}`, compiled.parameters as unknown[]);
  for (;;) {
    const fetch = `fetch ${size} from ${name}`;
    const { rows } = rowMode === 'array' ? await client.query({ text: fetch, rowMode }) : await client.query(fetch);
    if (rows.length > 0) yield rows as R[];
    if (rows.length < size) return;
  }
}
