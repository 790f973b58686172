import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from '../helpers/files.js';
import { NIGHT_1, NIGHT_2, PERSON, rowsOf, twoNights } from '../helpers/nights.js';

/**
 * refunds.csv's refund_id (spec 5 v2) over two nights of one database through `recon run`: the same refund
 * (year, person, region, payee, reason) keeps its id while its amount grows; another person's refund has
 * another; a rerun gives the same file; a fresh database gives the same ids (no state).
 */
describe('refunds.csv: a stable refund_id', () => {
  let first: Record<string, string>[];
  let second: Record<string, string>[];
  let out2: string;
  let rerun: string;
  let fresh: Record<string, string>[];
  beforeAll(() => {
    const n = twoNights();
    first = rowsOf(n.run(NIGHT_1, 'out-1'), 'refunds.csv');
    n.deliverNight2();
    out2 = n.run(NIGHT_2, 'out-2');
    second = rowsOf(out2, 'refunds.csv');
    rerun = n.run(NIGHT_2, 'out-2-again');
    const other = twoNights();
    other.deliverNight2();
    fresh = rowsOf(other.run(NIGHT_2, 'out'), 'refunds.csv');
  });

  it('is the first column, and each refund has one', () => {
    expect(Object.keys(first[0]!)[0]).toBe('refund_id');
    expect(first.map((r) => [r.id_number, r.amount, r.reason])).toEqual([[PERSON.D, '350.00', 'OVERPAID'], [PERSON.E, '100.00', 'OVERPAID']]);
    for (const r of [...first, ...second]) expect(r.refund_id).toMatch(/^RF[0-9A-F]{16}$/);
  });

  it('keeps its id while the refund grows from 350.00 to 700.00', () => {
    const d1 = first.find((r) => r.id_number === PERSON.D)!;
    const d2 = second.find((r) => r.id_number === PERSON.D)!;
    expect([d1.amount, d2.amount]).toEqual(['350.00', '700.00']);
    expect(d2.refund_id).toBe(d1.refund_id);
  });

  it("differs from another person's refund of the same payee and reason", () => {
    const [d, e] = [second.find((r) => r.id_number === PERSON.D)!, second.find((r) => r.id_number === PERSON.E)!];
    expect(d.refund_id).not.toBe(e.refund_id);
    expect(e.refund_id).toBe(first.find((r) => r.id_number === PERSON.E)!.refund_id);
  });

  it('is the same in a rerun (byte-identical file) and from a fresh database given the same files', () => {
    expect(readFileSync(join(rerun, 'refunds.csv'))).toEqual(readFileSync(join(out2, 'refunds.csv')));
    expect(fresh).toEqual(second);
  });
});
