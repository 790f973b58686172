import BetterSqlite3 from 'better-sqlite3';
import { pgAdmin } from './engine.js';

/**
 * Reads from a database the CLI wrote (read-only, so a test cannot change what it checks). `db` is a
 * SQLite path or a PostgreSQL URL (testDb); `?` placeholders work on both.
 */
export function query<T = Record<string, unknown>>(db: string, sql: string, ...params: unknown[]): T[] {
  if (/^postgres(ql)?:\/\//.test(db)) return JSON.parse(pgAdmin(['query', db, sql, JSON.stringify(params)])) as T[];
  const sqlite = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

/**
 * Runs statements on a database the CLI wrote, for tests that tamper with it on purpose (a trigger that
 * breaks what the job stores, say). Plain SQL text only, no parameters.
 */
export function execute(db: string, sql: string): void {
  if (/^postgres(ql)?:\/\//.test(db)) {
    pgAdmin(['query', db, sql, '[]']);
    return;
  }
  const sqlite = new BetterSqlite3(db, { fileMustExist: true });
  try {
    sqlite.exec(sql);
  } finally {
    sqlite.close();
  }
}

/** Every table's full content, for "nothing changed" comparisons. */
export function snapshot(db: string): Record<string, unknown[]> {
  return {
    payments: query(db, 'select * from payments order by txn_id'),
    roster_entries: query(db, 'select * from roster_entries order by id_number, category, effective_from'),
    employee_enrollments: query(db, 'select * from employee_enrollments order by id_number, region_code, insured_from'),
    rejected_rows: query(db, 'select file_sha256, line, reason, detail, raw from rejected_rows order by file_sha256, line'),
    ingested_files: query(db, 'select sha256, file_name, status, rows_read, accepted, repeats, rejected from ingested_files order by sha256'),
  };
}
