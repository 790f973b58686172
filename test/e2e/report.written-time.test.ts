import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { allOutputs, recon } from '../helpers/cli.js';
import { logEvents, night } from '../helpers/run.js';

allOutputs();

/**
 * report.html says when it was written, after the reconcile it reports: not when the run began (the run's
 * start came before its ingest and reconcile, and the report said it was written before the reconcile).
 */
it('report.html says it was written after the reconcile it reports, not when the run began', () => {
  const n = night();
  const run = recon(n.args());
  expect(run.code, run.stderr).toBe(0);
  const events = logEvents(run.stdout);
  const at = (name: string) => Date.parse(String(events.find((e) => e.event === name)!.time));
  const html = readFileSync(join(n.out, 'report.html'), 'utf8');
  const m = /reconciled ([^)]+)\); report written ([^<]+)\./.exec(html);
  expect(m, 'the report names when it was reconciled and written').not.toBeNull();
  const written = Date.parse(m![2]!);
  expect(written).toBeGreaterThanOrEqual(at('reconcile_done'));
  expect(written).toBeLessThanOrEqual(at('export_done'));
});
