import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { night } from '../helpers/run.js';

/**
 * `--targets FILE` (spec 5 and 6, v2): a bad file is a usage error (exit 2) before anything is done: no
 * database created, nothing ingested, no out folder; on export, the previous outputs untouched. A good
 * one, in either header and either encoding, reaches report.html.
 */
const BAD: [string, string | Buffer, RegExp][] = [
  ['a wrong header', 'region,target\n360702,10\n', /line 1 must be the header/],
  ['a region code that is not one', 'region_code,target_persons\n3607,10\n', /line 2: region_code "3607" is not 6 digits/],
  ['a target that is not a whole number', 'region_code,target_persons\n360702,12.5\n', /line 2: the target for 360702 must be a whole number/],
  ['a target of 0', 'region_code,target_persons\n360702,0\n', /above 0/],
  ['a region listed twice', 'region_code,target_persons\n360702,10\n360702,20\n', /line 3: region 360702 is listed twice/],
  ['a third cell', 'region_code,target_persons\n360702,10,x\n', /line 2 has 3 cells/],
  ['no region at all', 'region_code,target_persons\n', /lists no region/],
];

describe('--targets', () => {
  for (const [what, text, message] of BAD) {
    it(`recon run refuses ${what}: exit 2, nothing done`, () => {
      const n = night();
      const file = join(n.root, 'targets.csv');
      writeFileSync(file, text);
      const r = recon(n.args('--targets', file));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(file);
      expect(existsSync(n.db)).toBe(false);
      expect(existsSync(n.out)).toBe(false);
    });
  }

  it('recon run refuses a missing file; recon export refuses a bad one and leaves the outputs as they were', () => {
    const n = night();
    const missing = recon(n.args('--targets', join(n.root, 'nope.csv')));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--targets .*nope\.csv cannot be read \(ENOENT\)/);
    expect(existsSync(n.db)).toBe(false);

    expect(recon(n.args()).code).toBe(0);
    const before = readFileSync(join(n.out, 'manifest.json'));
    writeFileSync(join(n.root, 'bad.csv'), 'region_code,target_persons\nx,1\n');
    const r = recon(['export', '--db', n.db, '--out', n.out, '--targets', join(n.root, 'bad.csv')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(n.out, 'manifest.json'))).toEqual(before);
  });

  it('a GB18030 file with the Chinese header reaches report.html, and the run records the file', () => {
    const n = night();
    const file = join(n.root, '任务数.csv');
    writeFileSync(file, iconv.encode('统筹区编码,参保任务数\r\n360702,40\r\n', 'gb18030'));
    const r = recon(n.args('--targets', file));
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(n.out, 'report.html'), 'utf8');
    expect(html).toContain('id="targets"');
    expect(html).toMatch(/>40</);
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')) as { parameters?: { targets?: string } };
    expect(JSON.stringify(manifest)).toContain('任务数.csv');
  });
});
