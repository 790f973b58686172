import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import type { Db } from '../../src/db/db.js';
import { refundId } from '../../src/db/refund-id.js';
import { checkInvariants, ReconcileInvariantError } from '../../src/db/result-invariants.js';
import { testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';

/**
 * The checks that run after the results layer, on a real database of the engine under test, fed rows
 * that break one invariant at a time (the job itself never writes such rows).
 */
describe('results-layer invariants', () => {
  let db: Db | null = null;
  afterEach(async () => { await db?.close(); db = null; });

  const year = 2023;
  const asOf = '2023-03-15';
  const payment = (txn: string, id: string, amount: number, paidOn = '2022-10-01') => ({
    txn_id: txn, id_number: id, name: '张某', region_code: '360702', coverage_year: year, amount_fen: amount, paid_on: paidOn,
    paid_time: null, payer_type: 'personal', category: 'resident', tier: '1', channel: 'wechat', source_sha256: 'x', source_line: 2,
  });
  const result = (id: string, region: string, collected: number, refundDue: number, primary: 0 | 1) => ({
    coverage_year: year, id_number: id, region_code: region, name: '张某', category: 'resident', tier: '1', assistance_category: null,
    standard: 35000, subsidy: 0, expected_personal: 35000, collected_personal: collected, expected_assistance: 0, collected_assistance: 0,
    variance: collected - 35000, refund_due: refundDue, status: 'OK', flags: '', benefit_start: null, first_paid_at: null, last_paid_at: null,
    payments: 1, is_primary: primary, rule: 'r', assistance_variance: 0, actions: '',
  });
  const refund = (id: string, region: string, amount: number, reason = 'OVERPAID') => ({
    coverage_year: year, id_number: id, region_code: region, payee: 'person', name: '张某', amount, reason, rule: 'r',
    refund_id: refundId(year, id, region, 'person', reason),
  });

  /** A consistent layer: A paid 350 + 50 (50 owed back), B paid 350 in 360702 and nothing in 360703. */
  async function consistent(): Promise<Db> {
    ({ db } = await openDatabase(testDb(tmp()), { create: true }));
    const k = db.kysely;
    await k.insertInto('payments').values([payment('T1', 'A', 35000), payment('T2', 'A', 5000), payment('T3', 'B', 35000)]).execute();
    await k.insertInto('recon_results').values([result('A', '360702', 40000, 5000, 1), result('B', '360702', 35000, 0, 1), result('B', '360703', 0, 0, 0)]).execute();
    await k.insertInto('recon_refunds').values([refund('A', '360702', 5000)]).execute();
    return db;
  }

  it('passes a consistent layer', async () => {
    await expect(checkInvariants(await consistent(), year, asOf)).resolves.toBeUndefined();
  });

  it('collected amounts must equal the accepted payments', async () => {
    const d = await consistent();
    await d.kysely.insertInto('payments').values(payment('T4', 'C', 100)).execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow(/collected 75000 fen over result rows != 75100 fen of accepted payments/);
  });

  it('(v2) payments dated after the as-of date are stored but not reconciled: not in the sum', async () => {
    const d = await consistent();
    await d.kysely.insertInto('payments').values(payment('T4', 'C', 100, '2023-03-16')).execute();
    await expect(checkInvariants(d, year, asOf)).resolves.toBeUndefined();
    await expect(checkInvariants(d, year, '2023-03-16')).rejects.toThrow(/75000 fen over result rows != 75100 fen of accepted payments for 2023 dated up to 2023-03-16/);
  });

  it('every refund belongs to a result row', async () => {
    const d = await consistent();
    await d.kysely.insertInto('recon_refunds').values(refund('A', '360799', 1)).execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow('1 refunds match no result row');
  });

  it('a row owing a refund must have refunds summing to it', async () => {
    const d = await consistent();
    await d.kysely.updateTable('recon_results').set({ refund_due: 6000 }).where('id_number', '=', 'A').execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow(ReconcileInvariantError);
  });

  it('a row owing a refund must have refunds at all (only the rows\' side sees this)', async () => {
    const d = await consistent();
    await d.kysely.updateTable('recon_results').set({ refund_due: 700 }).where('id_number', '=', 'B').where('region_code', '=', '360703').execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow(/1 rows against their refunds, 0 refund groups against their rows/);
  });

  it('a row with refunds must owe them (refund_due 0 with a refund fails)', async () => {
    const d = await consistent();
    await d.kysely.insertInto('recon_refunds').values(refund('B', '360703', 700)).execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow(/0 rows against their refunds, 1 refund groups against their rows/);
  });

  it('a person has at most one primary row', async () => {
    const d = await consistent();
    await d.kysely.updateTable('recon_results').set({ is_primary: 1 }).where('id_number', '=', 'B').execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow('1 persons have more than one primary row');
  });

  it('(v2) refund ids are unique within the year: two refunds sharing one would merge in the finance system', async () => {
    const d = await consistent();
    await d.kysely.updateTable('recon_results').set({ refund_due: 5700 }).where('id_number', '=', 'A').execute();
    await d.kysely.insertInto('recon_refunds').values({ ...refund('A', '360702', 700, 'DUPLICATE_ENROLLMENT'), refund_id: refundId(year, 'A', '360702', 'person', 'OVERPAID') }).execute();
    await expect(checkInvariants(d, year, asOf)).rejects.toThrow('1 refund ids are shared by more than one refund');
  });
});
