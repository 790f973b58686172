import { expect } from 'vitest';
import { recon } from './cli.js';
import { readCsv } from './csv.js';
import { idNumber, join, writeCsv } from './files.js';
import { night, type Night } from './run.js';

/**
 * Two nights of one database through `recon run` (Ganzhou 360702, resident tier 1, 350.00 due by 2022-12-31),
 * for the outputs that compare nights (refund_id, changes.csv). Night 1, as of 2023-03-15: A paid 200.00
 * (UNDERPAID), B 350.00 (OK), D 350.00 twice (OVERPAID, refund 350.00), E 450.00 (OVERPAID, refund 100.00),
 * G a 低保 roster person who has paid nothing (PENDING). Night 2, as of 2023-03-16, delivers: A's top-up of
 * 150.00 (OK, late), B's reversal of 350.00 (UNPAID), a new person C paying 350.00, D's third 350.00 (refund
 * 700.00), and a roster snapshot ending G's entry before the year (G's row is gone). E does not change.
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to', 'source_dept'];
const id = (seq: string) => idNumber('360702', '19800101', seq);
export const PERSON = { A: id('741'), B: id('742'), C: id('743'), D: id('744'), E: id('745'), G: id('746') };
const NAME = { A: '甲A', B: '甲B', C: '甲C', D: '甲D', E: '甲E', G: '甲G' };
type Who = keyof typeof PERSON;
const pay = (txn: string, who: Who, amount: string, at: string) => [txn, PERSON[who], NAME[who], '360702', '2023', amount, at, '个人', '普通居民', '1'];
const roster = (effectiveTo: string) => [ROSTER, [PERSON.G, NAME.G, '360702', '低保对象', '2021-03-01', effectiveTo, '民政']];

export const NIGHT_1 = '2023-03-15';
export const NIGHT_2 = '2023-03-16';

/** The night's folders with night 1's files delivered; `run(asOf, out)` runs recon and returns the output folder. */
export function twoNights() {
  const n: Night = night([]);
  writeCsv(join(n.inbox, 'payments-1.csv'), [PAYMENTS, pay('A1', 'A', '200.00', '2022-10-01 09:00:00'), pay('B1', 'B', '350.00', '2022-10-01 09:00:00'),
    pay('D1', 'D', '350.00', '2022-10-01 09:00:00'), pay('D2', 'D', '350.00', '2022-10-02 09:00:00'), pay('E1', 'E', '450.00', '2022-10-01 09:00:00')]);
  writeCsv(join(n.inbox, 'roster-1.csv'), roster(''));
  return {
    ...n,
    /** Delivers night 2's files into the inbox. */
    deliverNight2() {
      writeCsv(join(n.inbox, 'payments-2.csv'), [PAYMENTS, pay('A2', 'A', '150.00', '2023-03-16 09:00:00'), pay('B2', 'B', '-350.00', '2023-03-16 09:00:00'),
        pay('C1', 'C', '350.00', '2023-03-16 09:00:00'), pay('D3', 'D', '350.00', '2023-03-16 09:00:00')]);
      writeCsv(join(n.inbox, 'roster-2.csv'), roster('2022-06-30'));
    },
    /** `recon run` as of `asOf` into `out` (under the night's root); the output folder. */
    run(asOf: string, out: string, ...extra: string[]): string {
      const folder = join(n.root, out);
      const r = recon([...n.args('--as-of', asOf, '--out', folder, ...extra)]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      return folder;
    },
  };
}

/** The rows of an output CSV in a folder. */
export const rowsOf = (folder: string, file: string) => readCsv(join(folder, file));
