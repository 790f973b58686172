import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { ALL_INBOX_FILES, FIXTURE_INBOX, logEvents, night, type Night } from '../helpers/run.js';

const HOUR_AGO = Date.now() / 1000 - 3600;
const settled = (path: string) => utimesSync(path, HOUR_AGO, HOUR_AGO);
const deferredEvents = (stdout: string) =>
  logEvents(stdout).filter((e) => e.event === 'file_deferred').map((e) => [e.file, e.reason]);
const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { deferred: unknown[] };

describe('recon run defers inbox files that may still be being written (--settle, temporary names)', () => {
  const RECENT = 'tax-misc-2023-02.csv';
  let n: Night;
  let first: CliResult;
  beforeAll(() => {
    n = night();
    for (const f of ALL_INBOX_FILES) if (f !== RECENT) settled(join(n.inbox, f));
    // Temporary names, old enough: a browser's download, an Office lock file, a hidden file.
    const body = readFileSync(join(FIXTURE_INBOX, RECENT));
    for (const f of ['tax-late.csv.part', '~$tax-late.csv', '.tax-late.csv']) {
      writeFileSync(join(n.inbox, f), body);
      settled(join(n.inbox, f));
    }
    first = recon(n.args('--settle', '120'));
  });

  it('does not ingest them, says so per file with why, lists them in the manifest, and exits 0', () => {
    expect(first.code, first.stderr).toBe(0);
    const deferred = deferredEvents(first.stdout);
    expect(deferred).toEqual([
      ['.tax-late.csv', 'named like a temporary file'],
      ['tax-late.csv.part', 'named like a temporary file'],
      [RECENT, expect.stringMatching(/^modified \d+ s ago, less than --settle 120 s/)],
      ['~$tax-late.csv', 'named like a temporary file'],
    ]);
    expect(manifest(n.out).deferred).toEqual(deferred.map(([name, reason]) => ({ name, reason })));
    expect(query(n.db, 'select file_name from ingested_files').map((r) => r.file_name)).not.toContain(RECENT);
    expect(query(n.db, "select cast(count(*) as integer) as n from payments where txn_id like 'MX%'")).toEqual([{ n: 0 }]);
  });

  it('ingests a deferred file on the next run once it has settled: the same outputs as a night it came whole', () => {
    settled(join(n.inbox, RECENT));
    const next = recon(n.args('--settle', '120'));
    expect(next.code, next.stderr).toBe(0);
    const done = logEvents(next.stdout).filter((e) => e.event === 'file_done');
    expect(done.map((e) => [e.file, e.outcome])).toContainEqual([RECENT, 'ingested']);
    expect(deferredEvents(next.stdout).map(([f]) => f)).toEqual(['.tax-late.csv', 'tax-late.csv.part', '~$tax-late.csv']);
    const clean = night();
    expect(recon(clean.args()).code).toBe(0);
    expect(csvBytes(n.out)).toEqual(csvBytes(clean.out));
  });

  it('the text log says it too', () => {
    const text = recon([...n.args('--settle', '120'), '--log', 'text']);
    expect(text.stderr).toMatch(/^ {2}deferred {2}tax-late\.csv\.part {2}\(named like a temporary file; tried again next run\)$/m);
  });
});

describe('a file caught half-copied is deferred, and ingested whole once finished', () => {
  it('defers a file cut mid-row with a recent mtime, then ingests all its rows without conflicts', () => {
    const FILE = 'tax-ganzhou-2022-10.csv';
    const n = night([]);
    const whole = readFileSync(join(FIXTURE_INBOX, FILE));
    writeFileSync(join(n.inbox, FILE), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const half = recon(n.args('--settle', '120'));
    expect(half.code, half.stderr).toBe(0);
    expect(deferredEvents(half.stdout).map(([f]) => f)).toEqual([FILE]);
    expect(query(n.db, 'select cast(count(*) as integer) as n from ingested_files')).toEqual([{ n: 0 }]);

    writeFileSync(join(n.inbox, FILE), whole);
    settled(join(n.inbox, FILE));
    const done = recon(n.args('--settle', '120'));
    expect(done.code, done.stderr).toBe(0);
    const report = logEvents(done.stdout).find((e) => e.event === 'file_done');
    expect(report).toMatchObject({ file: FILE, outcome: 'ingested', rows_read: 17, accepted: 17, rejected: 0 });
    expect(query(n.db, 'select cast(count(*) as integer) as n from rejected_rows')).toEqual([{ n: 0 }]);
  });
});
