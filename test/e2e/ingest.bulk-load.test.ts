import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { execute, query } from '../helpers/db.js';
import { SERVER, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { ALL_INBOX_FILES, night } from '../helpers/run.js';

/** The payments' bulk-load indexes as the database defines them, by name (a missing one is absent). */
function paymentIndexes(db: string): Record<string, string> {
  const names = "('payments_for_reconcile', 'payments_by_source', 'payments_by_date')";
  const rows = SERVER
    ? query<{ name: string; def: string }>(db, `select indexname as name, indexdef as def from pg_indexes where indexname in ${names}`)
    : query<{ name: string; def: string }>(db, `select name, sql as def from sqlite_master where name in ${names}`);
  return Object.fromEntries(rows.map((r) => [r.name, r.def]));
}

/** Whether the latest run's ingest was a bulk load (its record's steps.ingest.bulk_load). */
function lastRunBulkLoad(db: string): boolean {
  const [run] = query<{ steps: string }>(db, 'select steps from runs order by started_at desc, run_id desc limit 1');
  return JSON.parse(run!.steps).ingest.bulk_load;
}

/**
 * A bulk load (more new input than all the payment files held) runs without the payments' covering index
 * and their by-file and by-date indexes, and builds them after the files (src/db/payment-indexes.ts); a usual night keeps them.
 */
describe('bulk load', () => {
  it('the first night is a bulk load, the next small one is not; the indexes are the migrations\' and the results are a single load\'s', () => {
    const empty = tmp();
    const freshDb = testDb(empty);
    mkdirSync(join(empty, 'none'));
    expect(recon(['ingest', '--db', freshDb, join(empty, 'none')]).code).toBe(0);
    const migrated = paymentIndexes(freshDb);
    expect(Object.keys(migrated).sort()).toEqual(['payments_by_date', 'payments_by_source', 'payments_for_reconcile']);

    const late = 'tax-misc-2023-02.csv';
    const n = night(ALL_INBOX_FILES.filter((f) => f !== late));
    const first = recon(n.args());
    expect(first.code, first.stderr).toBe(0);
    expect(lastRunBulkLoad(n.db)).toBe(true);
    expect(paymentIndexes(n.db)).toEqual(migrated);

    // The inbox keeps last night's files; tonight adds one small file.
    n.deliver(late);
    const second = recon(n.args());
    expect(second.code, second.stderr).toBe(0);
    expect(lastRunBulkLoad(n.db)).toBe(false);
    expect(paymentIndexes(n.db)).toEqual(migrated);

    const once = night();
    expect(recon(once.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(once.out));
  });

  it('indexes left missing by a killed bulk load are built again by the next reconcile', () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const before = paymentIndexes(n.db);
    expect(Object.keys(before)).toHaveLength(3);
    // What a kill -9 between the last file and the index builds leaves.
    execute(n.db, 'drop index payments_for_reconcile');
    execute(n.db, 'drop index payments_by_source');
    execute(n.db, 'drop index payments_by_date');
    expect(paymentIndexes(n.db)).toEqual({});
    const r = recon(['reconcile', '--db', n.db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15']);
    expect(r.code, r.stderr).toBe(0);
    expect(paymentIndexes(n.db)).toEqual(before);
  });
});
