import BetterSqlite3 from 'better-sqlite3';

/** Reads from a database the CLI wrote (read-only, so a test cannot change what it checks). */
export function query<T = Record<string, unknown>>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every table's full content, for "nothing changed" comparisons. */
export function snapshot(dbPath: string): Record<string, unknown[]> {
  return {
    payments: query(dbPath, 'select * from payments order by txn_id'),
    roster_entries: query(dbPath, 'select * from roster_entries order by id_number, category, effective_from'),
    rejected_rows: query(dbPath, 'select file_sha256, line, reason, detail, raw from rejected_rows order by file_sha256, line'),
    ingested_files: query(dbPath, 'select sha256, file_name, status, rows_read, accepted, repeats, rejected from ingested_files order by sha256'),
  };
}
