import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

/**
 * region_summary.csv's collection_rate (spec 5 v2): blank, not 0.0000, where a region's expected total is 0,
 * even though money was collected there. A person primary in Ganzhou 360702 pays Nanchang 360100 too: that
 * region's only row is a DUPLICATE_ENROLLMENT with expected 0 and 350.00 collected (all refunded).
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const who = idNumber('360702', '19800101', '731');
const pay = (txn: string, region: string, at: string) => [txn, who, '甲卅一', region, '2023', '350.00', at, '个人', '普通居民', '1'];

describe('region_summary.csv: collection_rate where nothing is expected', () => {
  let summary: Record<string, string>[];
  beforeAll(() => {
    const root = tmp('recon-rate-');
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    writeCsv(join(inbox, 'payments.csv'), [PAYMENTS, pay('R1', '360702', '2022-10-01 09:00:00'), pay('R2', '360100', '2022-10-02 09:00:00')]);
    const out = join(root, 'out');
    const r = recon(['run', '--inbox', inbox, '--out', out, '--db', testDb(root), '--as-of', '2023-03-15', '--log', 'json', '--settle', '0']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    summary = readCsv(join(out, 'region_summary.csv'));
  });

  it('is blank for the region where the expected total is 0 though 350.00 was collected there', () => {
    expect(summary.find((r) => r.region_code === '360100')).toMatchObject({
      persons: '1', expected_personal: '0.00', collected_personal: '350.00', refund_total: '350.00', count_DUPLICATE_ENROLLMENT: '1', collection_rate: '',
    });
  });

  it('is the rate with four decimals where something is expected', () => {
    expect(summary.find((r) => r.region_code === '360702')).toMatchObject({ expected_personal: '350.00', collected_personal: '350.00', collection_rate: '1.0000' });
  });
});
