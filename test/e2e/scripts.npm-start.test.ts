import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { tmp } from '../helpers/files.js';
import { ENGINE } from '../helpers/engine.js';

// npm start uses a SQLite file (data/demo.sqlite): the SQLite half runs it, once.
describe.skipIf(ENGINE !== 'sqlite')('npm start (the README\'s first command)', () => {
  it('runs the nightly job over the fixtures into out/ and ends with the summary table', () => {
    // The very script of package.json, run in a scratch folder that sees the repository's bin/ and fixtures/.
    const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
    const cwd = tmp('recon-start-');
    for (const d of ['bin', 'dist', 'fixtures', 'node_modules', 'src', 'package.json']) symlinkSync(join(ROOT, d), join(cwd, d));
    const r = spawnSync('sh', ['-c', start], { cwd, encoding: 'utf8', env: { ...process.env, RECON_FAILPOINT: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Coverage year 2023 as of 2023-03-15: 30 persons\. Outputs in .*out$/m);
    expect(r.stdout).toMatch(/^ {2}NOT_ENROLLED +1$/m);
    expect(r.stdout).toMatch(/^ {2}INSURED_AS_EMPLOYEE +1$/m);
    expect(r.stdout).toMatch(/^ {2}person +4 +1370\.00$/m);
    expect(r.stdout).toMatch(/^ {2}500101 万州区 +1 +375\.00$/m);
    expect(r.stderr).toContain('wrote 10 files');
    expect(readCsv(join(cwd, 'out', 'reconciliation.csv'))).toHaveLength(32);
    expect(readCsv(join(cwd, 'out', 'benefit_suspensions.csv'))).toHaveLength(1);
  });
});
