import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOutputs, recon, reconStart } from '../helpers/cli.js';
import { folderBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, logEvents, night } from '../helpers/run.js';

allOutputs();

/**
 * workbook.xlsx is written on a thread of its own while the CSVs are written (src/export/workbook-thread.ts).
 * What goes wrong on that thread ends the run as it would on the main one: the error's message, exit 1 (or
 * the signal's code), the previous outputs byte-identical and nothing left beside --out. The failpoint
 * `workbook-sheet` is hit on the workbook's thread, before each sheet.
 */
describe('the workbook thread', () => {
  it('writes workbook.xlsx beside the CSVs: listed in the manifest, its time and the wait for it logged', () => {
    const n = night();
    const run = recon(n.args());
    expect(run.code, run.stderr).toBe(0);
    const done = logEvents(run.stdout).find((e) => e.event === 'export_done')!;
    expect(done.files).toContainEqual({ name: 'workbook.xlsx', rows: expect.any(Number) });
    expect(done.workbook_seconds).toBeGreaterThan(0);
    expect(done.workbook_wait_seconds).toBeGreaterThanOrEqual(0);
    expect(done.workbook_wait_seconds).toBeLessThanOrEqual(done.seconds as number);
    expect(readdirSync(n.out)).toContain('workbook.xlsx');
  });

  it('an error on it: exit 1 with its message, the run recorded failed, previous outputs untouched', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

    const run = recon(n.args(), { env: { RECON_FAILPOINT: 'workbook-sheet:3' } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^recon run: failed: failpoint workbook-sheet:3 triggered$/m);
    expect(logEvents(run.stdout).at(-1)).toMatchObject({ event: 'run_failed', error: 'failpoint workbook-sheet:3 triggered' });
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
    expect(query<{ status: string }>(n.db, 'select status from runs order by started_at, run_id').map((r) => r.status)).toEqual(['done', 'failed']);

    // `recon export` writes the workbook the same way, and fails the same way.
    const exported = recon(['export', '--db', n.db, '--out', n.out], { env: { RECON_FAILPOINT: 'workbook-sheet:1' } });
    expect(exported.code, exported.stderr).toBe(1);
    expect(exported.stderr).toMatch(/^recon export: failed: failpoint workbook-sheet:1 triggered$/m);
    expect(folderBytes(n.out)).toEqual(previous);
  });

  it('an error on the main thread while it writes: exit 1 with that error, the thread stopped, nothing left beside --out', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

    // `export-file` is hit on the main thread right after reconciliation.csv, while the workbook is being written.
    const run = recon(n.args(), { env: { RECON_FAILPOINT: 'export-file:1' }, timeout: 60_000 });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^recon run: failed: failpoint export-file:1 triggered$/m);
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
  });

  it('SIGTERM while it writes: exit 143 without waiting for it, interrupted, previous outputs untouched', async () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

    // The workbook's thread sleeps 60 s before its second sheet; the main thread goes on and waits for it.
    const run = reconStart(n.args(), { env: { RECON_FAILPOINT: 'workbook-sheet:2:sleep:60000' } });
    await run.waitForStderr('failpoint workbook-sheet:2 paused');
    const sent = performance.now();
    process.kill(run.pid, 'SIGTERM');
    const ended = await run.exited;
    expect(ended.code, ended.stderr).toBe(143);
    expect(performance.now() - sent).toBeLessThan(30_000); // the sleeping thread was stopped, not waited for
    expect(logEvents(ended.stdout).at(-1)).toMatchObject({ event: 'run_failed', signal: 'SIGTERM', exit_code: 143 });
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
    expect(query<{ status: string }>(n.db, 'select status from runs order by started_at, run_id').map((r) => r.status)).toEqual(['done', 'interrupted']);
  });
});
