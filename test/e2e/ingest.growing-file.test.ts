import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, reconStart } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { logEvents, night } from '../helpers/run.js';

const FILE = 'tax-misc-2023-02.csv';
// A whole second, so that the same modification time can be put back exactly.
const OLD = Math.floor(Date.now() / 1000) - 3600;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const held = (db: string) => query<{ sha256: string; rows_read: number }>(db, 'select sha256, rows_read from ingested_files');

/**
 * Runs the night paused between the file's scan and its read (failpoint `ingest-scanned`, sleeping), lets
 * `change` alter the file there, and returns the run's log events.
 */
async function runChangedBetweenScanAndRead(n: ReturnType<typeof night>, change: (path: string) => void) {
  const run = reconStart(n.args(), { env: { RECON_FAILPOINT: 'ingest-scanned:1:sleep:4000' } });
  await run.waitForStderr('failpoint ingest-scanned:1 paused');
  change(join(n.inbox, FILE));
  const r = await run.exited;
  expect(r.code, r.stderr).toBe(0);
  return logEvents(r.stdout);
}

describe('a file that changes while it is being read is deferred, never stored under another file\'s hash', () => {
  it('defers a file that grew between its scan and its read, and ingests it whole on the next run', async () => {
    const n = night([FILE]);
    utimesSync(join(n.inbox, FILE), OLD, OLD);
    const extra = 'MX2099010101,360702199204129089,周某甲,360100,2023,10.00,20221012,personal,resident,1,app,\n';
    const events = await runChangedBetweenScanAndRead(n, (path) => appendFileSync(path, extra));
    expect(events.filter((e) => e.event === 'file_deferred').map((e) => [e.file, e.reason]))
      .toEqual([[FILE, 'changed while being read: it may still be being written']]);
    expect(events.filter((e) => e.event === 'file_done')).toEqual([]);
    expect(held(n.db)).toEqual([]);
    expect(JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')).deferred).toEqual([{ name: FILE, reason: 'changed while being read: it may still be being written' }]);

    expect(recon(n.args()).code).toBe(0);
    const bytes = readFileSync(join(n.inbox, FILE));
    expect(held(n.db)).toEqual([{ sha256: sha256(bytes), rows_read: 15 }]);
  });

  it('catches a change of the same size with the old modification time put back: its change time moved', async () => {
    const n = night([FILE]);
    const path = join(n.inbox, FILE);
    utimesSync(path, OLD, OLD);
    const scanned = readFileSync(path);
    const events = await runChangedBetweenScanAndRead(n, () => {
      writeFileSync(path, scanned.toString('utf8').replace('350.00', '360.00'));
      utimesSync(path, OLD, OLD);
    });
    expect(events.filter((e) => e.event === 'file_deferred').map((e) => e.file)).toEqual([FILE]);
    // Nothing is stored under the hash of the bytes scanned, nor under any other.
    expect(held(n.db)).toEqual([]);
    expect(query(n.db, 'select cast(count(*) as integer) as n from payments')).toEqual([{ n: 0 }]);

    expect(recon(n.args()).code).toBe(0);
    expect(held(n.db)).toEqual([{ sha256: sha256(readFileSync(path)), rows_read: 14 }]);
    expect(sha256(readFileSync(path))).not.toBe(sha256(scanned));
  });
});
