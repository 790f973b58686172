import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Appender } from '../db.js';

/** Rows per COPY: large enough that round trips do not count, small enough that memory stays flat. */
const CHUNK_ROWS = 5000;

/**
 * Appends rows to a PostgreSQL table with `COPY ... FROM STDIN` (text format), in chunks of CHUNK_ROWS
 * rows. Each chunk is one complete COPY, so several appenders can share the writer's connection and its
 * open transaction (a connection can run only one COPY at a time). `beforeFirst` runs once before the
 * first chunk (e.g. to create a staging table).
 */
export function copyAppender(
  client: pg.Client, table: string, columns: readonly string[], beforeFirst?: () => Promise<void>,
): Appender & { rows: number } {
  const statement = `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from stdin`;
  let lines: string[] = [];
  let started = false;
  const flush = () => {
    if (lines.length === 0) return queues.get(client) ?? Promise.resolve();
    const text = lines.join('');
    lines = [];
    const first = !started;
    started = true;
    return enqueue(client, async () => {
      if (first) await beforeFirst?.();
      await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
    });
  };
  const appender = {
    rows: 0,
    add(values: readonly unknown[]) {
      lines.push(copyLine(values));
      appender.rows++;
      if (lines.length >= CHUNK_ROWS) return flush();
    },
    flush,
  };
  return appender;
}

/** The COPYs of each connection, run one after another (a connection runs one COPY at a time). */
const queues = new WeakMap<pg.Client, Promise<void>>();

/** The first COPY that failed on each connection since the last `copiesSettled`. */
const failures = new WeakMap<pg.Client, Error>();

/**
 * Resolves once every COPY queued on the connection has ended, and rejects if one of them failed. A
 * transaction waits for this before its COMMIT (so a failed chunk can never be committed around) and
 * before its ROLLBACK (so no chunk reaches the server after the transaction ended, where it would commit
 * on its own).
 */
export async function copiesSettled(client: pg.Client): Promise<void> {
  await queues.get(client);
  const failure = failures.get(client);
  failures.delete(client);
  if (failure) throw failure;
}

function enqueue(client: pg.Client, work: () => Promise<void>): Promise<void> {
  const next = (queues.get(client) ?? Promise.resolve()).then(work);
  // A failed chunk fails its own caller and is remembered for the commit; the queue goes on.
  queues.set(client, next.catch((err: Error) => { if (!failures.has(client)) failures.set(client, err); }));
  return next;
}

/**
 * One row in COPY's text format: values separated by tabs, `\N` for null, and backslash, tab, newline
 * and carriage return escaped. PostgreSQL text cannot hold U+0000: it is stored as U+FFFD (docs/scale-out.md).
 */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const v = values[i];
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'string') line += SPECIAL.test(v) ? v.replace(SPECIAL_ALL, escapeChar) : v;
    else if (typeof v === 'number' || typeof v === 'bigint') line += String(v);
    else throw new TypeError(`cannot COPY a value of type ${typeof v}`);
  }
  return line + '\n';
}

const SPECIAL = /[\\\t\n\r\u0000]/;
const SPECIAL_ALL = /[\\\t\n\r\u0000]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\uFFFD' };
const escapeChar = (c: string) => ESCAPES[c]!;

/** A double-quoted SQL identifier (our own table and column names; quoted so no name is ever a keyword). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
