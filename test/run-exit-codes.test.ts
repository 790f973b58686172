import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from './helpers/cli.js';
import { query } from './helpers/db.js';
import { logEvents, night } from './helpers/run.js';

describe('recon run: exit codes', () => {
  it('2 for a usage error, before touching anything', () => {
    const n = night();
    expect(recon(['run', '--out', n.out, '--db', n.db]).code).toBe(2);
    expect(recon(['run', '--inbox', join(n.root, 'missing'), '--out', n.out, '--db', n.db]).code).toBe(2);
    expect(recon([...n.args(), '--as-of', '2023-02-30']).code).toBe(2);
    expect(recon([...n.args(), '--log', 'xml']).code).toBe(2);
    expect(recon([...n.args(), '--lang', 'fr']).code).toBe(2);
    expect(existsSync(n.db)).toBe(false);
  });

  it('4 when an inbox file is rejected whole: everything else still runs and the outputs are written', () => {
    const n = night();
    copyFileSync(join(ROOT, 'fixtures/bad/empty.csv'), join(n.inbox, 'zz-empty.csv'));
    const r = recon(n.args());
    expect(r.code).toBe(4);
    const finished = logEvents(r.stdout).find((e) => e.event === 'run_finished');
    expect(finished).toMatchObject({ status: 'done_with_rejected_files', exit_code: 4 });
    expect(existsSync(join(n.out, 'reconciliation.csv'))).toBe(true);
    expect(query(n.db, 'select status, exit_code from runs')).toEqual([{ status: 'done_with_rejected_files', exit_code: 4 }]);
  });

  it('1 when a policy file is malformed: nothing is ingested, the run is recorded as failed', () => {
    const n = night();
    const bad = join(n.root, 'bad-policies');
    mkdirSync(bad);
    writeFileSync(join(bad, '360702-2023.json'), JSON.stringify({ region_code: '360702', coverage_year: 2023, newborn_grace_days: -1 }));
    const r = recon([...n.args(), '--policies', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('360702-2023.json');
    expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_failed', level: 'error' });
    expect(query(n.db, 'select count(*) as n from ingested_files')).toEqual([{ n: 0 }]);
    expect(query<{ status: string; exit_code: number; error: string }>(n.db, 'select status, exit_code, error from runs')).toEqual([
      { status: 'failed', exit_code: 1, error: expect.stringContaining('newborn_grace_days') },
    ]);
    expect(existsSync(n.out)).toBe(false);
  });
});
