import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { folderBytes } from '../helpers/csv.js';
import { join } from '../helpers/files.js';
import { ALL_INBOX_FILES, logEvents, night } from '../helpers/run.js';

/**
 * kill -9 between the swap's two renames leaves --out missing and the previous outputs whole beside it.
 * The next run puts them back at its very start, so that even a run that then fails (here: a bad policy
 * file, exit 1) leaves the previous outputs in place, byte for byte.
 */
describe('a swap killed between its renames is recovered at the next start', () => {
  it('by a next run that fails early', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    for (const f of ALL_INBOX_FILES.slice(3)) n.deliver(f);

    const killed = recon(n.args(), { env: { RECON_FAILPOINT: 'export-swap:1:kill' } });
    expect(killed.code).toBe(-1); // killed by SIGKILL
    expect(readdirSync(dirname(n.out)).filter((e) => e === 'latest')).toEqual([]); // --out is missing
    expect(readdirSync(dirname(n.out)).filter((e) => e.startsWith('.latest.old-'))).toHaveLength(1);

    const bad = join(n.root, 'bad-policies');
    mkdirSync(bad);
    writeFileSync(join(bad, '360702-2023.json'), '{ "region_code": "360702", ');
    const failed = recon([...n.args(), '--policies', bad]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('360702-2023.json');
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']); // the killed run's half-written folder went too
    const recovered = logEvents(failed.stdout).find((e) => e.event === 'out_recovered');
    expect(recovered).toMatchObject({ level: 'warn', out: n.out, restored: expect.stringContaining('.latest.old-') });

    // The next good run replaces them as usual and leaves nothing beside them.
    const next = recon(n.args());
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
  });

  it('by recon export too', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    expect(recon(['export', '--db', n.db, '--out', n.out], { env: { RECON_FAILPOINT: 'export-swap:1:kill' } }).code).toBe(-1);
    const failed = recon(['export', '--db', n.db, '--out', n.out, '--year', 'abc']); // fails after the start: a bad year
    expect(failed.code, failed.stderr).toBe(2);
    expect(folderBytes(n.out)).toEqual(previous);
  });

  it('when --out was recreated empty after the kill (an operator or a script): the previous outputs come back', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const previous = folderBytes(n.out);
    expect(recon(['export', '--db', n.db, '--out', n.out], { env: { RECON_FAILPOINT: 'export-swap:1:kill' } }).code).toBe(-1);
    mkdirSync(n.out);
    const failed = recon(['export', '--db', n.db, '--out', n.out, '--year', 'abc']);
    expect(failed.code, failed.stderr).toBe(2);
    expect(folderBytes(n.out)).toEqual(previous);
    expect(readdirSync(dirname(n.out))).toEqual(['latest']);
    expect(recon(['export', '--db', n.db, '--out', n.out]).code).toBe(0);
  });
});

/**
 * The old outputs are renamed to a `trash` folder before they are deleted: a kill during the deletion
 * leaves a folder missing some files, which must be removed, never put back as the previous outputs (even
 * into an empty --out).
 */
describe('a half-deleted previous output folder', () => {
  it('is removed, not restored, even into an empty --out', () => {
    const n = night(ALL_INBOX_FILES.slice(0, 3));
    expect(recon(n.args()).code).toBe(0);
    const parent = dirname(n.out);
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const trash = join(parent, `.latest.trash-${host}-999999999-${(Date.now() - 60_000).toString(36)}-0123abcd`);
    mkdirSync(trash);
    writeFileSync(join(trash, 'refunds.csv'), 'half\n');
    rmSync(n.out, { recursive: true });
    mkdirSync(n.out);
    const r = recon(['export', '--db', n.db, '--out', n.out, '--year', 'abc']);
    expect(r.code, r.stderr).toBe(2);
    expect(readdirSync(parent)).toEqual(['latest']);
    expect(readdirSync(n.out)).toEqual([]);
  });
});
