import { execFileSync } from 'node:child_process';
import { chmodSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { logEvents, night } from '../helpers/run.js';

const NOBODY = 65534;

/**
 * A file still being uploaded by another user (mode 0600 until the copy is done) cannot be opened by the
 * job: while it is young (modified less than --settle ago) it is deferred like any file being written, not
 * rejected; once settled and still unreadable, it is UNREADABLE_FILE. Run as an unprivileged user, since
 * root reads whatever the permission bits say.
 */
describe.skipIf(process.getuid?.() !== 0)('a young file the job may not open yet', () => {
  it('is deferred, and rejected only once settled', () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    const upload = join(n.inbox, 'tax-upload.csv');
    writeFileSync(upload, 'txn_id,id_number,name,region_code,coverage_year,amount,paid_at\n');
    execFileSync('chmod', ['-R', 'a+rwX', n.root]);
    chmodSync(upload, 0o600); // root's, being written: not readable by the job's user
    const args = n.args().map((a, i, all) => (all[i - 1] === '--settle' ? '120' : a));
    const as = { uid: NOBODY, gid: NOBODY, timeout: 60_000 };
    const settledBefore = Date.now() / 1000 - 3600;
    utimesSync(join(n.inbox, 'tax-ganzhou-2022-10.csv'), settledBefore, settledBefore);

    const young = recon(args, as);
    expect(young.code, young.stderr).toBe(0);
    const events = logEvents(young.stdout);
    expect(events.filter((e) => e.event === 'file_deferred').map((e) => [e.file, e.reason]))
      .toEqual([['tax-upload.csv', expect.stringMatching(/^modified \d+ s ago, less than --settle 120 s/)]]);
    expect(events.filter((e) => e.event === 'file_done').map((e) => [e.file, e.outcome])).toEqual([['tax-ganzhou-2022-10.csv', 'ingested']]);

    utimesSync(upload, settledBefore, settledBefore);
    const settled = recon(args, as);
    expect(settled.code, settled.stderr).toBe(4);
    expect(logEvents(settled.stdout).filter((e) => e.event === 'file_done' && e.outcome === 'rejected').map((e) => [e.file, e.reject_detail]))
      .toEqual([['tax-upload.csv', 'permission denied']]);
  });
});
