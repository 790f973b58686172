import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { logEvents, night } from '../helpers/run.js';

const fen = (yuan: string) => Math.round(Number(yuan) * 100);

/**
 * The summary a night ends with (the run_finished log line, the terminal table) is made from the same
 * region totals as region_summary.csv: the two must agree, and hold the fixtures' known figures.
 */
describe('the night summary', () => {
  it('agrees with region_summary.csv and holds the fixtures\' statuses, refunds and arrears', () => {
    const n = night();
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    const summary = logEvents(r.stdout).find((e) => e.event === 'run_finished')!.summary as {
      statuses: Record<string, number>; refunds: unknown[]; arrears: { region_code: string; rows: number; amount_fen: number }[];
    };
    expect(summary.statuses).toEqual({
      DUPLICATE_ENROLLMENT: 2, POLICY_GAP: 1, INSURED_AS_EMPLOYEE: 1, REFUND_DUE: 1, OVERPAID: 1, PENDING: 1, NOT_ENROLLED: 1, UNPAID: 1, UNDERPAID: 2,
      OK: 21,
    });
    expect(summary.refunds).toEqual([
      { payee: 'assistance_fund', count: 1, amount_fen: 35000 }, { payee: 'person', count: 4, amount_fen: 137000 },
    ]);
    expect(summary.arrears).toEqual([
      { region_code: '360702', rows: 2, amount_fen: 50000 }, { region_code: '500101', rows: 1, amount_fen: 37500 },
    ]);

    const regions = readCsv(join(n.out, 'region_summary.csv'));
    for (const [status, count] of Object.entries(summary.statuses)) {
      expect(regions.reduce((s, x) => s + Number(x[`count_${status}`]), 0), status).toBe(count);
    }
    const owing = regions.filter((x) => Number(x.count_UNDERPAID) + Number(x.count_UNPAID) > 0);
    expect(summary.arrears).toEqual(owing.map((x) => ({
      region_code: x.region_code, rows: Number(x.count_UNDERPAID) + Number(x.count_UNPAID), amount_fen: fen(x.arrears!),
    })));
  });
});
