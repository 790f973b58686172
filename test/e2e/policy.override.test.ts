import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('--policies overrides', () => {
  const results = () => query(db, 'select id_number, region_code, status, flags from recon_results order by 1, 2');
  let dir: string;
  let db: string;
  let before: Record<string, unknown>[];
  beforeAll(() => {
    dir = tmp();
    db = testDb(dir);
    const file = writeCsv(join(dir, 'p.csv'), [PAYMENT_HEADER, ['T1', idNumber('360702', '19800101', '901'), '陈某己', '360702', '2023', '350.00', '2022-10-08']]);
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15']).code).toBe(0);
    before = results();
  });

  it('a malformed file stops reconcile with exit 1, naming the file, key and problem, and keeps the previous results', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, '360702-2023.json'), JSON.stringify({ region_code: '360702', coverage_year: 2023, waiting_days: 'ninety' }));
    const r = recon(['reconcile', '--db', db, '--as-of', '2023-06-01', '--policies', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('360702-2023.json');
    expect(r.stderr).toContain('waiting_days');
    expect(results()).toEqual(before);
    expect(query(db, 'select count(*) as n from reconciliations')).toEqual([{ n: 1 }]);
  });

  it('a file that is not JSON stops reconcile with exit 1 too', () => {
    const bad = join(dir, 'not-json');
    mkdirSync(bad);
    writeFileSync(join(bad, '360702-2023.json'), '{ "region_code": "360702", ');
    const r = recon(['reconcile', '--db', db, '--as-of', '2023-06-01', '--policies', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('360702-2023.json');
    expect(results()).toEqual(before);
  });
});
