import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { csvBytes, readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, logEvents, night, type Night } from '../helpers/run.js';

describe('recon run: reruns, a late file, and run records', () => {
  const LATE = 'tax-misc-2023-02.csv';
  let n: Night;
  let first: CliResult;
  let firstCsvs: Record<string, Buffer>;
  beforeAll(() => {
    n = night(ALL_INBOX_FILES.filter((f) => f !== LATE));
    first = recon(n.args());
    firstCsvs = csvBytes(n.out);
  });

  it('runs ingest, reconcile and export in one go, logging one JSON line per event', () => {
    expect(first.code, first.stderr).toBe(0);
    const events = logEvents(first.stdout).map((e) => e.event);
    expect(events[0]).toBe('run_started');
    expect(events.filter((e) => e === 'file_done')).toHaveLength(ALL_INBOX_FILES.length - 1);
    expect(events.slice(-4)).toEqual(['reconcile_started', 'reconcile_done', 'export_done', 'run_finished']);
  });

  it('a rerun with the same inbox and as-of date skips every file and gives byte-identical CSVs', () => {
    const again = recon(n.args());
    expect(again.code, again.stderr).toBe(0);
    const done = logEvents(again.stdout).filter((e) => e.event === 'file_done');
    expect(done.map((e) => e.outcome)).toEqual(Array(ALL_INBOX_FILES.length - 1).fill('skipped'));
    expect(csvBytes(n.out)).toEqual(firstCsvs);
  });

  it('a late file added to the inbox and a rerun update the results, as if it had come with the others', () => {
    n.deliver(LATE);
    const late = recon(n.args());
    expect(late.code, late.stderr).toBe(0);
    const done = logEvents(late.stdout).filter((e) => e.event === 'file_done');
    expect(done.map((e) => [e.file, e.outcome])).toContainEqual([LATE, 'ingested']);
    expect(csvBytes(n.out)['reconciliation.csv']).not.toEqual(firstCsvs['reconciliation.csv']);

    const clean = night();
    expect(recon(clean.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(clean.out));
  });

  it('records each run in the database, and the manifest shows the same record', () => {
    const runs = query<{ run_id: string; command: string; status: string; exit_code: number; parameters: string; inputs: string; steps: string; finished_at: string }>(
      n.db, 'select * from runs order by started_at, run_id');
    expect(runs.map((r) => [r.command, r.status, r.exit_code])).toEqual([['run', 'done', 0], ['run', 'done', 0], ['run', 'done', 0]]);
    const last = runs.at(-1)!;
    expect(JSON.parse(last.parameters)).toMatchObject({ inbox: n.inbox, out: n.out, db: n.db, coverage_year: 2023, as_of: '2023-03-15', lang: 'en' });
    const inputs = JSON.parse(last.inputs) as { name: string; sha256: string; outcome: string }[];
    expect(inputs.map((i) => i.name)).toEqual(ALL_INBOX_FILES);
    expect(inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    const steps = JSON.parse(last.steps);
    expect(steps.ingest).toMatchObject({ files: ALL_INBOX_FILES.length, ingested: 1, skipped: ALL_INBOX_FILES.length - 1, rejected_files: 0 });
    expect(steps.reconcile).toMatchObject({ coverage_year: 2023, as_of: '2023-03-15', persons: 30, rows: 32 });
    expect(steps.export.files.map((f: { name: string }) => f.name)).toContain('reconciliation.csv');

    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ run_id: last.run_id, command: 'run', parameters: JSON.parse(last.parameters), run_inputs: inputs, outcome: 'done' });
    expect(manifest.steps.ingest).toEqual(steps.ingest);
    expect(manifest.steps.reconcile).toEqual(steps.reconcile);
    expect(readCsv(join(n.out, 'reconciliation.csv'))).toHaveLength(32);
  });
});
