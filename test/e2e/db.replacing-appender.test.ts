import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import type { Db } from '../../src/db/db.js';
import { RECON_RESULTS, type ResultRecord } from '../../src/db/result-shapes.js';
import { SERVER, testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';

/**
 * Db.replacingAppender (an incremental night's result rows, reconcile-year.ts): SQLite writes a row over the
 * stored row with the same key in place when no column an index reads differs, and deletes and inserts it
 * otherwise; PostgreSQL has none (its caller deletes first). What SQLite did to each row is seen through
 * triggers that log every insert, update and delete, and the indexes are checked against the table.
 */
describe('the replacing appender', () => {
  let db: Db | null = null;
  afterEach(async () => { await db?.close(); db = null; });

  const row = (id: string, name: string, collected: number, primary: 0 | 1, holdsUntil: string | null) => RECON_RESULTS.values({
    regionCode: '360702', idNumber: id, name, category: 'resident', tier: '1', assistanceCategory: null, standard: 35000, subsidy: 0,
    expectedPersonal: 35000, collectedPersonal: collected, expectedAssistance: 0, collectedAssistance: 0, variance: collected - 35000, refundDue: 0,
    status: 'OK', flags: [], benefitStart: null, firstPaidAt: null, lastPaidAt: null, payments: 1, isPrimary: primary === 1, rule: ['r'],
    assistanceVariance: 0, actions: ['REVIEW'], holdsUntil,
  } as ResultRecord, 2023);

  it.skipIf(SERVER)('SQLite: in place when the indexed columns are the same, else a delete and an insert; a new key is inserted', async () => {
    ({ db } = await openDatabase(testDb(tmp()), { create: true }));
    const k = db.kysely;
    const plain = db.appender(RECON_RESULTS);
    for (const r of [row('A', '甲', 100, 1, null), row('B', '乙', 100, 1, '2023-04-01'), row('C', '丙', 100, 1, null), row('D', '丁', 100, 1, null)]) await plain.add(r);
    await sql`create table log (what text)`.execute(k);
    for (const what of ['insert', 'update', 'delete']) {
      const person = what === 'delete' ? 'old' : 'new';
      await sql.raw(`create trigger log_${what} after ${what} on recon_results begin insert into log values ('${what} ' || ${person}.id_number); end`).execute(k);
    }
    const replacing = db.replacingAppender!(RECON_RESULTS);
    await db.transaction(async () => {
      await replacing.add(row('A', '甲', 350, 1, null)); // only non-indexed columns differ: in place
      await replacing.add(row('B', '乙', 350, 1, '2023-05-01')); // holds_until (the dated index) differs
      await replacing.add(row('C', '丙丙', 350, 1, null)); // the name (the by-name index) differs
      await replacing.add(row('D', '丁', 350, 0, null)); // is_primary (the by-person index) differs
      await replacing.add(row('E', '戊', 350, 1, null)); // no stored row
    });
    expect((await sql<{ what: string }>`select what from log`.execute(k)).rows.map((r) => r.what)).toEqual([
      'update A', 'delete B', 'insert B', 'delete C', 'insert C', 'delete D', 'insert D', 'insert E',
    ]);
    const rows = await k.selectFrom('recon_results').select(['id_number', 'name', 'collected_personal', 'is_primary', 'holds_until', 'actions']).orderBy('id_number').execute();
    expect(rows).toEqual([
      { id_number: 'A', name: '甲', collected_personal: 350, is_primary: 1, holds_until: null, actions: 'REVIEW' },
      { id_number: 'B', name: '乙', collected_personal: 350, is_primary: 1, holds_until: '2023-05-01', actions: 'REVIEW' },
      { id_number: 'C', name: '丙丙', collected_personal: 350, is_primary: 1, holds_until: null, actions: 'REVIEW' },
      { id_number: 'D', name: '丁', collected_personal: 350, is_primary: 0, holds_until: null, actions: 'REVIEW' },
      { id_number: 'E', name: '戊', collected_personal: 350, is_primary: 1, holds_until: null, actions: 'REVIEW' },
    ]);
    // Every index holds exactly the table's rows.
    expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(k)).rows).toEqual([{ integrity_check: 'ok' }]);
    expect((await k.selectFrom('recon_results').select('id_number').where('coverage_year', '=', 2023).where('name', '=', '丙丙').execute())).toEqual([{ id_number: 'C' }]);
    expect((await k.selectFrom('recon_results').select('id_number').where('coverage_year', '=', 2023).where('holds_until', '<', '2023-06-01').execute())).toEqual([{ id_number: 'B' }]);
  });

  it.skipIf(!SERVER)('PostgreSQL has none: an incremental night deletes the rows first', async () => {
    ({ db } = await openDatabase(testDb(tmp()), { create: true }));
    expect(db.replacingAppender).toBeUndefined();
  });
});
