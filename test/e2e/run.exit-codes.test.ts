import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { folderBytes } from '../helpers/csv.js';
import { execute, query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { logEvents, night } from '../helpers/run.js';

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

  it('1 when a results-layer invariant breaks: nothing of the reconcile is kept, the previous outputs stay', () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const before = { out: folderBytes(n.out), reconciliations: query(n.db, 'select * from reconciliations') };
    const collected = 'select sum(collected_personal) as s from recon_results';
    const collectedBefore = query(n.db, collected);
    // A fault planted in the store: every result row stored from now on claims one fen more than was paid.
    execute(n.db, ENGINE === 'sqlite'
      ? `create trigger plant_fault after insert on recon_results begin
           update recon_results set collected_personal = collected_personal + 1
           where coverage_year = new.coverage_year and region_code = new.region_code and id_number = new.id_number;
         end`
      : `create function plant_fault() returns trigger language plpgsql as $f$
           begin new.collected_personal := new.collected_personal + 1; return new; end $f$;
         create trigger plant_fault before insert on recon_results for each row execute function plant_fault()`);

    // --full: the same inbox again would be an incremental night that stores no row (nothing changed).
    const r = recon(n.args('--full'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/collected \d+ fen over result rows != \d+ fen of accepted payments for 2023/);
    expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_failed', level: 'error' });
    expect(query(n.db, 'select status, exit_code from runs order by started_at')).toEqual([
      { status: 'done', exit_code: 0 }, { status: 'failed', exit_code: 1 },
    ]);
    // The reconcile's transaction was rolled back and the export never ran.
    expect(query(n.db, collected)).toEqual(collectedBefore);
    expect(query(n.db, 'select * from reconciliations')).toEqual(before.reconciliations);
    expect(folderBytes(n.out)).toEqual(before.out);
  });
});
