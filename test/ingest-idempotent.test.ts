import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from './helpers/cli.js';
import { snapshot } from './helpers/db.js';
import { join, tmp } from './helpers/files.js';
import { testDb } from './helpers/engine.js';

describe('ingesting the same bytes again is a no-op', () => {
  it('skips the same file, and a copy under another name, leaving every table unchanged', () => {
    const dir = tmp();
    const db = testDb(dir);
    const file = join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv');
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    const before = snapshot(db);

    const again = recon(['ingest', '--db', db, file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(already ingested: skipped)');
    const renamed = join(dir, 'renamed-copy.csv');
    copyFileSync(file, renamed);
    const copy = recon(['ingest', '--db', db, renamed]);
    expect(copy.stdout).toMatch(/read 17 \/ accepted 17 .* tax-ganzhou-2022-10\.csv +\(already ingested: skipped\)/);
    expect(snapshot(db)).toEqual(before);
  });
});
