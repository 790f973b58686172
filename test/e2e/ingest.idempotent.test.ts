import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { snapshot } from '../helpers/db.js';
import { join, tmp } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('ingesting the same bytes again is a no-op', () => {
  it('skips the same file, and a copy under another name, leaving every table unchanged', () => {
    const dir = tmp();
    const db = testDb(dir);
    const file = join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv');
    expect(recon(['ingest', '--db', db, file]).code).toBe(0);
    const before = snapshot(db);

    const again = recon(['ingest', '--db', db, file]);
    expect(again.code).toBe(0);
    // Skipped, saying when and under which name, and counting nothing tonight.
    expect(again.stdout).toMatch(/read 0 \/ accepted 0 \/ repeats 0 \/ rejected 0  tax-ganzhou-2022-10\.csv +\(already ingested on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d as tax-ganzhou-2022-10\.csv: skipped\)/);
    const renamed = join(dir, 'renamed-copy.csv');
    copyFileSync(file, renamed);
    const copy = recon(['ingest', '--db', db, renamed]);
    expect(copy.stdout).toMatch(/read 0 \/ accepted 0 .* renamed-copy\.csv +\(already ingested on .* as tax-ganzhou-2022-10\.csv: skipped\)/);
    expect(snapshot(db)).toEqual(before);
  });
});
