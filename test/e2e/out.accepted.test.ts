import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { join } from '../helpers/files.js';
import { night } from '../helpers/run.js';

const OUTPUTS = ['.premium-recon-out', 'benefit_suspensions.csv', 'changes.csv', 'duplicates.csv', 'manifest.json', 'reconciliation.csv', 'refunds.csv', 'region_summary.csv', 'rejects.csv', 'report.html', 'workbook.xlsx'];
const runId = (out: string) => (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { run_id: string }).run_id;

/** What `--out` may be: new, an empty folder, a folder the job marked, or an output folder of the version before the marker. */
describe('--out accepted', () => {
  it('a new folder: the outputs and the marker, the marker the same bytes every run', () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    expect(readdirSync(n.out).sort()).toEqual(OUTPUTS);
    const marker = readFileSync(join(n.out, '.premium-recon-out'));
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8')) as { outputs: { name: string }[] };
    expect(manifest.outputs.map((o) => o.name)).not.toContain('.premium-recon-out'); // not one of the listed outputs

    // A marked folder is replaced whole, even with a file added to it since (it is the job's folder).
    const first = runId(n.out);
    writeFileSync(join(n.out, 'stray.txt'), 'added by hand');
    const again = recon(n.args());
    expect(again.code, again.stderr).toBe(0);
    expect(runId(n.out)).not.toBe(first);
    expect(readdirSync(n.out).sort()).toEqual(OUTPUTS);
    expect(readFileSync(join(n.out, '.premium-recon-out'))).toEqual(marker);
  });

  it('an empty folder', () => {
    const n = night();
    mkdirSync(n.out, { recursive: true });
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(n.out).sort()).toEqual(OUTPUTS);
  });

  it('an output folder written by the version before the marker (the night after an upgrade)', () => {
    const n = night();
    expect(recon(n.args()).code).toBe(0);
    const reference = csvBytes(n.out);
    // What the version before the marker left: its six outputs only (benefit_suspensions.csv and changes.csv came later).
    rmSync(join(n.out, '.premium-recon-out'));
    for (const later of ['benefit_suspensions.csv', 'changes.csv', 'report.html', 'workbook.xlsx']) rmSync(join(n.out, later));
    const legacy = runId(n.out);
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
    expect(runId(n.out)).not.toBe(legacy);
    expect(csvBytes(n.out)).toEqual(reference);
    expect(readdirSync(n.out).sort()).toEqual(OUTPUTS);
  });
});
