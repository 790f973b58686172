import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { execute, query } from '../helpers/db.js';
import { SERVER, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';
import { ALL_INBOX_FILES, night } from '../helpers/run.js';

/** The covering index's definition as the database holds it (null when it is missing). */
function reconcileIndex(db: string): string | null {
  const rows = SERVER
    ? query<{ def: string }>(db, "select indexdef as def from pg_indexes where indexname = 'payments_for_reconcile'")
    : query<{ def: string }>(db, "select sql as def from sqlite_master where name = 'payments_for_reconcile'");
  return rows[0]?.def ?? null;
}

/** Whether the latest run's ingest was a bulk load (its record's steps.ingest.bulk_load). */
function lastRunBulkLoad(db: string): boolean {
  const [run] = query<{ steps: string }>(db, 'select steps from runs order by started_at desc, run_id desc limit 1');
  return JSON.parse(run!.steps).ingest.bulk_load;
}

/**
 * A bulk load (more new input than all the payment files held) runs without the payments' covering index
 * and builds it after the files (src/ingest/bulk-load.ts); a usual night keeps the index.
 */
describe('bulk load', () => {
  it('the first night is a bulk load, the next small one is not; the index is the migrations\' and the results are a single load\'s', () => {
    const empty = tmp();
    const freshDb = testDb(empty);
    mkdirSync(join(empty, 'none'));
    expect(recon(['ingest', '--db', freshDb, join(empty, 'none')]).code).toBe(0);
    const migrated = reconcileIndex(freshDb);
    expect(migrated).toContain('payments_for_reconcile');

    const late = 'tax-misc-2023-02.csv';
    const n = night(ALL_INBOX_FILES.filter((f) => f !== late));
    const first = recon(n.args());
    expect(first.code, first.stderr).toBe(0);
    expect(lastRunBulkLoad(n.db)).toBe(true);
    expect(reconcileIndex(n.db)).toBe(migrated);

    // The inbox keeps last night's files; tonight adds one small file.
    n.deliver(late);
    const second = recon(n.args());
    expect(second.code, second.stderr).toBe(0);
    expect(lastRunBulkLoad(n.db)).toBe(false);
    expect(reconcileIndex(n.db)).toBe(migrated);

    const once = night();
    expect(recon(once.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(once.out));
  });

  it('an index left missing by a killed bulk load is built again by the next reconcile', () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const before = reconcileIndex(n.db);
    expect(before).not.toBeNull();
    execute(n.db, 'drop index payments_for_reconcile'); // what a kill -9 between the last file and the index build leaves
    expect(reconcileIndex(n.db)).toBeNull();
    const r = recon(['reconcile', '--db', n.db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15']);
    expect(r.code, r.stderr).toBe(0);
    expect(reconcileIndex(n.db)).toBe(before);
  });
});
