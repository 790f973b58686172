import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('rule 8: possible duplicates, through the CLI', () => {
  it('pairs near-identical ID numbers under the same name and birth date, and never across different names', () => {
    const dir = tmp();
    const db = testDb(dir);
    const a = idNumber('360702', '19900101', '923');
    const b = idNumber('360702', '19900101', '928'); // two characters from a: the sequence digit and the check
    const c = idNumber('360702', '19900101', '929'); // as close to a and b, but under another name
    const file = writeCsv(join(dir, 'p.csv'), [PAYMENT_HEADER,
      ['T1', a, '朱某寅', '360702', '2023', '350.00', '2022-10-19'],
      ['T2', b, '朱某寅', '360702', '2023', '350.00', '2022-10-19'],
      ['T3', c, '朱某卯', '360702', '2023', '350.00', '2022-10-19'],
    ]);
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15']).code).toBe(0);
    expect(recon(['export', '--db', db, '--out', join(dir, 'out')]).code).toBe(0);
    const found = readCsv(join(dir, 'out', 'duplicates.csv')).filter((d) => d.kind === 'POSSIBLE_DUPLICATE');
    expect(found.map((d) => [d.id_number, d.other_id_number])).toEqual([[a, b]]);
    const rows = readCsv(join(dir, 'out', 'reconciliation.csv'));
    expect(rows.map((r) => r.status)).toEqual(['OK', 'OK', 'OK']); // listed for review, statuses unchanged
  });
});
