import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { join } from '../helpers/files.js';
import { night, type Night } from '../helpers/run.js';
import { tree } from '../helpers/tree.js';

/**
 * `--out` is replaced whole by the export, so anything that is not the job's own output folder (or new, or
 * empty) is refused with exit 2 before anything is done: the whole tree is unchanged, and no database
 * (nor its folder) was created. SQLite paths on both halves of the suite: the refusal comes before any engine.
 */
describe('--out refusals (exit 2, nothing touched)', () => {
  let n: Night;
  let policies: string;
  let db: string;
  let marked: string;
  let foreign: string;
  let legacyPlus: string;
  beforeAll(() => {
    n = night(['tax-ganzhou-2022-10.csv']);
    policies = join(n.root, 'policies');
    mkdirSync(policies);
    db = join(n.root, 'data', 'recon.sqlite');
    mkdirSync(join(n.root, 'data')); // an empty folder: accepted as --out, but for the database in it
    mkdirSync(join(n.root, 'out'));
    marked = join(n.root, 'marked');
    mkdirSync(marked);
    writeFileSync(join(marked, '.premium-recon-out'), 'x');
    foreign = join(n.root, 'papers');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'minutes.docx'), 'the meeting');
    legacyPlus = join(n.root, 'legacy-plus');
    mkdirSync(legacyPlus);
    writeFileSync(join(legacyPlus, 'manifest.json'), JSON.stringify({ run_id: 'r', tool_version: '0.1.0' }));
    writeFileSync(join(legacyPlus, 'notes.txt'), 'mine');
    writeFileSync(join(n.root, 'a-file'), 'not a folder');
    symlinkSync(marked, join(n.root, 'link-to-marked'));
    symlinkSync(n.root, join(n.root, 'link-to-root'));
  });

  const runArgs = (out: string) => ['run', '--inbox', n.inbox, '--out', out, '--db', db, '--policies', policies, '--as-of', '2023-03-15', '--log', 'json', '--settle', '0'];
  const refused = (args: string[], reason: RegExp, cwd?: string) => {
    const before = tree(n.root);
    const r = recon(args, cwd ? { cwd } : {});
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toContain('nothing was done');
    expect(tree(n.root)).toEqual(before);
    expect(existsSync(db)).toBe(false);
  };

  it('the current folder (holding data/), also spelled ./x/..', () => {
    refused(['run', '--inbox', 'inbox', '--out', '.', '--db', 'data/recon.sqlite', '--as-of', '2023-03-15'], /--out \. is the current folder/, n.root);
    refused(['run', '--inbox', 'inbox', '--out', './inbox/..', '--db', 'data/recon.sqlite', '--as-of', '2023-03-15'], /is the current folder/, n.root);
    refused(['export', '--out', '.', '--db', 'data/recon.sqlite'], /is the current folder/, n.root);
  });

  it('a folder containing the current folder, and the filesystem root', () => {
    // Inside the test's own folder: were the check ever broken, the export would replace the folder given.
    const work = join(n.root, 'work');
    mkdirSync(join(work, 'sub'), { recursive: true });
    refused(runArgs(work), /contains the current folder/, join(work, 'sub'));
    refused(runArgs('/'), /is the root of the filesystem|contains the current folder/);
  });

  it('the inbox, a folder inside it, a folder containing it, and the inbox through a symlinked parent', () => {
    refused(runArgs(n.inbox), /is the inbox/);
    refused(runArgs(join(n.inbox, 'out')), /is inside the inbox/);
    refused(runArgs(n.root), /contains the inbox/);
    refused(runArgs(join(n.root, 'link-to-root', 'inbox')), /is the inbox/);
  });

  it('the folder holding the database, or one containing it', () => {
    refused(runArgs(join(n.root, 'data')), /is the folder of the database/);
    refused(['export', '--out', join(n.root, 'data'), '--db', db], /is the folder of the database/);
    refused(['export', '--out', join(n.root, 'link-to-root', 'data'), '--db', db], /is the folder of the database/);
    refused(['export', '--out', n.root, '--db', db], /contains the folder of the database/);
  });

  it('the policies folder', () => {
    refused(runArgs(policies), /is the policies folder/);
  });

  it('a file, a symlink (even to a marked folder), a non-empty folder that is not the job\'s', () => {
    refused(runArgs(join(n.root, 'a-file')), /is a file, not a folder/);
    refused(runArgs(join(n.root, 'link-to-marked')), /is a symbolic link/);
    refused(runArgs(join(n.root, 'link-to-marked') + '/'), /is a symbolic link/);
    refused(runArgs(foreign), /not empty and was not written by recon/);
    refused(['export', '--out', foreign, '--db', db], /not empty and was not written by recon/);
    refused(runArgs(legacyPlus), /not empty and was not written by recon/); // a manifest, but a file of someone else's too
  });

  it('control: the same command with a new --out runs (so the refusals above are about --out alone)', () => {
    const r = recon(runArgs(join(n.root, 'out', 'latest')));
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(n.root, 'out', 'latest', 'reconciliation.csv'))).toBe(true);
  });
});
