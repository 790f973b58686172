import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { idNumber, join, PAYMENT_HEADER, tmp, writeCsv } from '../helpers/files.js';
import { ENGINE, testDb } from '../helpers/engine.js';

describe('export guards', () => {
  it('guards names and raw reject text in the written files, which are owner-only', () => {
    const dir = tmp();
    const db = testDb(dir);
    const id = idNumber('360702', '19800101', '901');
    const file = writeCsv(join(dir, 'p.csv'), [PAYMENT_HEADER, ...Array.from({ length: 9 }, (_, i) => [`T${i}`, id, '=HYPERLINK("x")', '360702', '2023', '350.00', '2022-10-08']), ['-T9', id, 'x', '360702', '2023', 'bad', '2022-10-08']]);
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    expect(recon(['reconcile', '--db', db, '--as-of', '2023-03-15']).code).toBe(0);
    const out = join(dir, 'out');
    expect(recon(['export', '--db', db, '--out', out]).code).toBe(0);
    expect(readFileSync(join(out, 'reconciliation.csv'), 'utf8')).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8')).toContain(`'-T9,`);
    expect(statSync(join(out, 'reconciliation.csv')).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    if (ENGINE === 'sqlite') expect(statSync(db).mode & 0o777).toBe(0o600); // a PostgreSQL database is the server's files
  });

  it('leaves the previous outputs untouched when an export fails midway', () => {
    const dir = tmp();
    const db = testDb(dir);
    const id = idNumber('360702', '19800101', '901');
    const file = writeCsv(join(dir, 'p.csv'), [PAYMENT_HEADER, ['T1', id, '陈某己', '360702', '2023', '350.00', '2022-10-08']]);
    recon(['ingest', '--db', db, file]);
    recon(['reconcile', '--db', db, '--as-of', '2023-03-15']);
    const out = join(dir, 'out');
    expect(recon(['export', '--db', db, '--out', out]).code).toBe(0);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const failed = recon(['export', '--db', db, '--out', out], { env: { RECON_FAILPOINT: 'export-file:1' } });
    expect(failed.code).toBe(1);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  });
});
