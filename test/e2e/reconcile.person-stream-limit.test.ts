import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../src/db/open-database.js';
import type { PersonFacts } from '../../src/reconcile/person-facts.js';
import { MAX_PAYMENTS_PER_PERSON, personStream } from '../../src/reconcile/person-stream.js';
import { reconcilePerson } from '../../src/reconcile/reconcile-person.js';
import { recon } from '../helpers/cli.js';
import { testDb } from '../helpers/engine.js';
import { ctx } from '../helpers/facts.js';
import { idNumber, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';

/**
 * The person stream's limit, on payments ingested by the real CLI: a person with exactly
 * MAX_PAYMENTS_PER_PERSON payments is held and put through the rules; one with a payment more is tallied
 * per region instead (TOO_MANY_PAYMENTS); the person after them is read whole.
 */
describe('the person stream\'s payment limit', () => {
  it('holds a person at the limit, tallies one past it, and reads the next person whole', async () => {
    const dir = tmp();
    const db = testDb(dir);
    const [atLimit, pastLimit, next] = ['001', '002', '003'].map((seq) => idNumber('360702', '19800101', seq));
    const rows = [PAYMENT_HEADER];
    // 0.35 yuan each: MAX payments make exactly the 350.00 standard.
    const add = (id: string, n: number, tag: string) => {
      for (let i = 0; i < n; i++) rows.push([`${tag}${i}`, id, '某甲', '360702', '2023', '0.35', '2022-10-01']);
    };
    add(atLimit!, MAX_PAYMENTS_PER_PERSON, 'A');
    add(pastLimit!, MAX_PAYMENTS_PER_PERSON + 1, 'B');
    add(next!, 1, 'C');
    const r = recon(['ingest', '--db', db, writeCsv(join(dir, 'payments.csv'), rows)]);
    expect(r.code, r.stderr).toBe(0);

    const reader = await openReader(db);
    const persons: PersonFacts[] = [];
    try {
      for await (const p of personStream(reader, 2023, '2023-12-31')) persons.push(p);
    } finally {
      await reader.close();
    }
    expect(persons.map((p) => [p.idNumber, p.payments.length, p.tally?.payments])).toEqual([
      [atLimit, MAX_PAYMENTS_PER_PERSON, undefined], [pastLimit, 0, MAX_PAYMENTS_PER_PERSON + 1], [next, 1, undefined],
    ]);

    const [held, tallied] = persons.map((p) => reconcilePerson(p, ctx('2023-03-15')).rows);
    expect(held).toEqual([expect.objectContaining({ status: 'OK', flags: [], collectedPersonal: 35000, expectedPersonal: 35000, payments: MAX_PAYMENTS_PER_PERSON })]);
    expect(tallied).toEqual([expect.objectContaining({
      status: 'POLICY_GAP', flags: ['TOO_MANY_PAYMENTS'], collectedPersonal: 35035, collectedAssistance: 0, expectedPersonal: null,
      variance: null, refundDue: 0, benefitStart: null, payments: MAX_PAYMENTS_PER_PERSON + 1, isPrimary: true,
      firstPaidAt: '2022-10-01', lastPaidAt: '2022-10-01',
    })]);
  });
});
