import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { tmp } from '../helpers/files.js';
import { ENGINE } from '../helpers/engine.js';

const COMMANDS = ['run', 'ingest', 'reconcile', 'export', 'explain', 'policies'];

// No database is opened here: the SQLite half runs these, once.
describe.skipIf(ENGINE !== 'sqlite')('every command answers --help (spec 6)', () => {
  for (const command of COMMANDS) {
    it(`recon ${command} --help and -h print its own help, exit 0, and touch nothing`, () => {
      const cwd = tmp(); // where data/recon.sqlite would be created by a command that ran
      for (const args of [[command, '--help'], [command, '-h']]) {
        const r = recon(args, { cwd });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout.startsWith(`recon ${command} `)).toBe(true);
        expect(r.stdout).toContain('Exit codes: 0 done');
        // Its own help, not the whole list.
        for (const other of COMMANDS.filter((c) => c !== command)) expect(r.stdout).not.toMatch(new RegExp(`^recon ${other} `, 'm'));
      }
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('--help anywhere among the options, or recon help COMMAND, gives the same', () => {
    const cwd = tmp();
    for (const args of [['explain', '--db', 'x.sqlite', '360702198001019019', '--help'], ['help', 'explain']]) {
      const r = recon(args, { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(recon(['explain', '--help']).stdout);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a file named -h after -- is a file, not a request for help', () => {
    const cwd = tmp();
    const r = recon(['ingest', '--db', 'db.sqlite', '--', '-h'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read input');
  });
});

describe.skipIf(ENGINE !== 'sqlite')('usage errors say what is wrong once', () => {
  for (const [args, message] of [
    [['run'], 'recon run: needs --inbox DIR\n(see recon run --help)'],
    [['run', '--inbox', '.'], 'recon run: needs --out DIR\n(see recon run --help)'],
    [['export'], 'recon export: needs --out DIR\n(see recon export --help)'],
    [['ingest'], 'recon ingest: needs at least one FILE or DIR\n(see recon ingest --help)'],
    [['explain'], 'recon explain: needs one ID_NUMBER\n(see recon explain --help)'],
  ] as const) {
    it(`recon ${args.join(' ')}`, () => {
      const r = recon([...args], { cwd: tmp() });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${message}\n`);
    });
  }
});
