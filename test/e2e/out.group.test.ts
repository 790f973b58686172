import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { ENGINE } from '../helpers/engine.js';
import { night } from '../helpers/run.js';

/** The unprivileged user of the tests that run the CLI or read the outputs as someone else. */
const NOBODY = 65534;

/**
 * `--group` (spec 6, 8): the outputs readable by a group for auditors, files 0640 and folders 0750 owned by
 * it; the database stays owner-only; a group that does not exist, or one the user is not in, is refused
 * before anything is done. A group is made for the tests (groupadd) and removed after; where groupadd is
 * missing, the `users` group is used.
 */
let group: { name: string; gid: number; made: boolean };

beforeAll(() => {
  const name = `recon-audit-${process.pid}`;
  const made = spawnSync('groupadd', [name]).status === 0;
  const entry = (n: string) => readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${n}:`));
  const line = made ? entry(name) : entry('users');
  if (!line) throw new Error('no group to test with: groupadd failed and /etc/group has no "users"');
  group = { name: line.split(':')[0]!, gid: Number(line.split(':')[2]), made };
});

afterAll(() => {
  if (group?.made) spawnSync('groupdel', [group.name]);
});

/** Every folder and file under `dir` (itself included) as `path -> mode gid`. */
function access(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (path: string) => {
    const s = lstatSync(path);
    found[path] = `${(s.mode & 0o7777).toString(8)} ${s.gid}`;
    if (s.isDirectory()) for (const e of readdirSync(path)) walk(join(path, e));
  };
  walk(dir);
  return found;
}

/** What every entry of `access(dir)` must be: folders `folder`, files `file`, all with gid `gid`. */
function expected(dir: string, folder: string, file: string, gid: number): Record<string, string> {
  return Object.fromEntries(Object.keys(access(dir)).map((p) => [p, `${lstatSync(p).isDirectory() ? folder : file} ${gid}`]));
}

/** Whether the user `nobody`, with `gid` as its group, can read `file` (the auditor's view). */
const readableBy = (gid: number, file: string) => spawnSync('cat', [file], { uid: NOBODY, gid }).status === 0;

describe('--group: outputs readable by auditors', () => {
  it('recon run --group: every output file 0640 and folder 0750 owned by the group, the parent it made too; the database 0600', () => {
    const n = night();
    chmodSync(n.root, 0o711); // the test's temporary root, like /srv: passable, not the job's
    const r = recon(n.args('--group', group.name));
    expect(r.code, r.stderr).toBe(0);
    const parent = dirname(n.out); // made by the run: the auditor must be able to reach the folder inside
    expect(access(parent)).toEqual(expected(parent, '750', '640', group.gid));
    expect(readdirSync(n.out).sort()).toEqual(['.premium-recon-out', 'benefit_suspensions.csv', 'changes.csv', 'duplicates.csv', 'manifest.json', 'reconciliation.csv', 'refunds.csv', 'region_summary.csv', 'rejects.csv', 'report.html', 'workbook.xlsx']);
    expect(readdirSync(parent)).toEqual(['latest']); // no side folder left behind
    expect(readableBy(group.gid, join(n.out, 'reconciliation.csv'))).toBe(true);
    expect(readableBy(NOBODY, join(n.out, 'reconciliation.csv'))).toBe(false); // others: nothing
    expect(JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')).parameters.group).toBe(group.name);
    if (ENGINE === 'sqlite') {
      expect(lstatSync(n.db).mode & 0o7777).toBe(0o600);
      expect(lstatSync(dirname(n.db)).mode & 0o7777).toBe(0o700);
    }

    // The next night without --group: owner-only again, as every night without it.
    expect(recon(n.args()).code).toBe(0);
    expect(access(n.out)).toEqual(expected(n.out, '700', '600', 0));
    expect(readableBy(group.gid, join(n.out, 'reconciliation.csv'))).toBe(false);
  });

  it('recon export --group, the group given as a number: the same modes and owner', () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    expect(recon(n.args()).code).toBe(0);
    const out = join(n.root, 'audit', 'export');
    const r = recon(['export', '--db', n.db, '--out', out, '--group', String(group.gid)]);
    expect(r.code, r.stderr).toBe(0);
    expect(access(dirname(out))).toEqual(expected(dirname(out), '750', '640', group.gid));
    expect(readdirSync(out)).toContain('reconciliation.csv');
  });

  it('an unknown group: exit 2, nothing created', () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    const r = recon(n.args('--group', 'no-such-group-recon'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--group no-such-group-recon: no such group');
    expect(existsSync(dirname(n.out))).toBe(false);
    if (ENGINE === 'sqlite') expect(existsSync(n.db)).toBe(false);
    expect(recon(['export', '--db', n.db, '--out', n.out, '--group', 'no-such-group-recon']).code).toBe(2);
    expect(recon(n.args('--group', '-x')).code).toBe(2);
  });

  it('a user not in the group: exit 2 before anything is done; a member (not root) may', () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    for (const p of [n.root, n.inbox, ...readdirSync(n.inbox).map((f) => join(n.inbox, f))]) chownSync(p, NOBODY, NOBODY);
    const refused = recon(n.args('--group', group.name), { uid: NOBODY, gid: NOBODY });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--group ${group.name}: the user running recon (uid ${NOBODY}) is not in that group (gid ${group.gid})`);
    expect(readdirSync(n.root)).toEqual(['inbox']); // no database, no out folder
    if (ENGINE === 'postgres') return; // the rest needs the database to be a file nobody may write

    const member = recon(n.args('--group', group.name), { uid: NOBODY, gid: group.gid });
    expect(member.code, member.stderr).toBe(0);
    expect(access(dirname(n.out))).toEqual(expected(dirname(n.out), '750', '640', group.gid));
    expect(lstatSync(n.db).mode & 0o7777).toBe(0o600);
  });
});
