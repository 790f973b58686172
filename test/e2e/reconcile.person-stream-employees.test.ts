import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReader } from '../../src/db/open-database.js';
import type { PersonFacts } from '../../src/reconcile/person-facts.js';
import { personStream } from '../../src/reconcile/person-stream.js';
import { recon } from '../helpers/cli.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';

/**
 * The person stream adds each person's employee enrollments (PersonFacts.employeeEnrollments) by merging a
 * third ordered query by id_number, on data ingested by the real CLI (each engine): persons are those with
 * payments or roster entries only (an employee with neither has no row); enrollments are as known on the
 * as-of date (spec 4 preamble): starting after it left out, ending after it open.
 */
describe('the person stream: employee enrollments', () => {
  it('merges each person\'s enrollments in, passes over employees without a row, and reads them as of D', async () => {
    const dir = tmp();
    const db = testDb(dir);
    // In id_number order: an employee only (no row), a payer, an employee only, a roster person, an employee only after the last.
    const [e1, payer, e2, rostered, e3] = ['100', '200', '300', '400', '500'].map((seq) => idNumber('360702', '19800101', seq)) as [string, string, string, string, string];
    const payments = writeCsv(join(dir, 'payments.csv'), [PAYMENT_HEADER, ['T1', payer, '某甲', '360702', '2023', '350.00', '2022-10-08']]);
    const roster = writeCsv(join(dir, 'roster.csv'), [['id_number', 'name', 'region_code', 'category', 'effective_from'], [rostered, '某乙', '360702', '低保', '2022-01-01']]);
    const employees = writeCsv(join(dir, 'employees.csv'), [
      ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'],
      [e3, '某戊', '360702', '2020-01-01', '', '', ''],
      [payer, '某甲', '360100', '2023-03-01', '2023-06-30', '在职', '某公司'], // ends after D: open
      [payer, '某甲', '360702', '2021-03-01', '2022-12-20', '在职', '某公司'],
      [payer, '某甲', '360702', '2023-05-01', '', '在职', '某公司'], // starts after D: left out
      [e1, '某丙', '360702', '2019-01-01', '', '', ''],
      [rostered, '某乙', '360702', '2013-01-01', '', '退休', ''],
      [e2, '某丁', '360702', '2019-01-01', '', '', ''],
    ]);
    const r = recon(['ingest', '--db', db, payments, roster, employees]);
    expect(r.code, r.stderr).toBe(0);

    const reader = await openReader(db);
    const persons: PersonFacts[] = [];
    try {
      for await (const p of personStream(reader, 2023, '2023-04-15')) persons.push(p);
    } finally {
      await reader.close();
    }
    expect(persons.map((p) => [p.idNumber, p.payments.length, p.roster.length, p.employeeEnrollments])).toEqual([
      [payer, 1, 0, [
        { regionCode: '360702', insuredFrom: '2021-03-01', insuredTo: '2022-12-20', insuredKind: 'employee', employer: '某公司' },
        { regionCode: '360100', insuredFrom: '2023-03-01', insuredTo: null, insuredKind: 'employee', employer: '某公司' },
      ]],
      [rostered, 0, 1, [{ regionCode: '360702', insuredFrom: '2013-01-01', insuredTo: null, insuredKind: 'retiree', employer: '' }]],
    ]);
  });
});
