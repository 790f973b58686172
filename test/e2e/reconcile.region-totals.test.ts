import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { idNumber, writeCsv } from '../helpers/files.js';
import { freshRegionTotals, storedRegionTotals } from '../helpers/region-totals.js';
import { logEvents, night } from '../helpers/run.js';

/**
 * Issue 21: the per-region totals are kept between nights (region_totals), an incremental night taking the
 * recomputed persons' rows away and adding their new rows. A region whose last row goes (G, alone in 360703,
 * a 低保 person who paid nothing, whose roster entry a later snapshot ends before the year) loses its totals
 * and its region_summary.csv line, as on a full night; the others' totals stay what a fresh aggregation
 * gives. reconcile.incremental.test.ts checks the totals after a longer sequence of nights.
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to', 'source_dept'];
const A = idNumber('360702', '19800101', '751');
const G = idNumber('360703', '19800101', '756');

describe('region_totals after an incremental night', () => {
  it('drops a region whose last row goes, and keeps the others equal to a fresh aggregation', () => {
    const n = night([]);
    writeCsv(join(n.inbox, 'payments-1.csv'), [PAYMENTS, ['A1', A, '甲A', '360702', '2023', '200.00', '2022-10-01 09:00:00', '个人', '普通居民', '1']]);
    writeCsv(join(n.inbox, 'roster-1.csv'), [ROSTER, [G, '甲G', '360703', '低保对象', '2021-03-01', '', '民政']]);
    const run = (asOf: string) => {
      const r = recon(n.args('--as-of', asOf));
      expect(r.code, r.stderr + r.stdout).toBe(0);
      return logEvents(r.stdout).find((e) => e.event === 'reconcile_done')!;
    };
    run('2023-03-15');
    expect(storedRegionTotals(n.db, 2023).map((r) => r.region_code)).toEqual(['360702', '360703']);
    expect(storedRegionTotals(n.db, 2023)).toEqual(freshRegionTotals(n.db, 2023));

    writeCsv(join(n.inbox, 'payments-2.csv'), [PAYMENTS, ['A2', A, '甲A', '360702', '2023', '150.00', '2023-03-16 09:00:00', '个人', '普通居民', '1']]);
    writeCsv(join(n.inbox, 'roster-2.csv'), [ROSTER, [G, '甲G', '360703', '低保对象', '2021-03-01', '2022-06-30', '民政']]);
    expect(run('2023-03-16').mode).toBe('incremental');
    const stored = storedRegionTotals(n.db, 2023);
    expect(stored.map((r) => r.region_code)).toEqual(['360702']);
    expect(stored).toEqual(freshRegionTotals(n.db, 2023));
    expect(stored[0]).toMatchObject({ persons: 1, collected_personal: 35000, count_ok: 1, count_underpaid: 0 });
    expect(readCsv(join(n.out, 'region_summary.csv')).map((r) => r.region_code)).toEqual(['360702']);
  });
});

