import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/run/json-reporter.js';
import type { RunEvent } from '../../src/run/run-events.js';
import { progressBar, textReporter } from '../../src/run/text-reporter.js';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
};
const progress: RunEvent = { event: 'file_progress', file: 'tax.csv', bytes_read: 5_000_000, bytes: 10_000_000, rows_read: 40_000, seconds: 2 };
const done: RunEvent = {
  event: 'file_done', file: 'tax.csv', kind: 'payments', encoding: 'gb18030', outcome: 'ingested', reject_reason: null, reject_detail: null,
  rows_read: 80_000, accepted: 79_990, repeats: 0, rejected: 10, bytes: 10_000_000, seconds: 4, mb_per_s: 2.5, ingested_at: null, ingested_as: null,
};

describe('log reporters', () => {
  it('draws a progress bar with rows and MB/s', () => {
    expect(progressBar(5, 10)).toBe('[############------------]  50%');
    expect(progressBar(0, 0)).toBe('[------------------------]   0%');
  });

  it('on a terminal, redraws progress in place and clears it before the next line', () => {
    const err = sink(true);
    const report = textReporter(err);
    report(progress);
    report(done);
    expect(err.chunks[0]).toBe('\r\x1b[K  tax.csv  [############------------]  50%  40,000 rows  2.5 MB/s');
    expect(err.chunks[1]).toMatch(/^\r\x1b\[K  payments  read 80,000 \/ accepted 79,990 \/ repeats 0 \/ rejected 10  tax\.csv  \(4 s, 2\.5 MB\/s\)\n$/);
    expect(report.wantsTotals).toBe(true);
  });

  it('off a terminal, leaves progress out and writes plain lines', () => {
    const err = sink(false);
    const report = textReporter(err);
    report(progress);
    report(done);
    expect(err.chunks).toHaveLength(1);
    expect(err.text()).not.toContain('\r');
    expect(report.wantsTotals).toBe(false);
  });

  it('for the step commands, shows progress and the interrupted-run note only', () => {
    const err = sink(false);
    const report = textReporter(err, { progressOnly: true });
    report(done);
    report({ event: 'run_interrupted_found', run_id: 'R1', command: 'run', pid: 42, host: 'h', started_at: '2023-01-01T02:00:00.000+08:00' });
    expect(err.text()).toMatch(/^note: run R1 \(recon run, pid 42 on h/);
  });

  it('writes one JSON object per line with time and level, and thins progress out', () => {
    const out = sink(false);
    const report = jsonReporter(out, () => '2023-03-15T02:00:00.000+08:00');
    report(progress);
    report(progress); // within ten seconds of the last: left out
    report(done);
    report({ event: 'run_failed', run_id: 'R1', error: 'disk full', seconds: 1 });
    const lines = out.text().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.event, l.level])).toEqual([['file_progress', 'info'], ['file_done', 'info'], ['run_failed', 'error']]);
    expect(lines[1]).toMatchObject({ time: '2023-03-15T02:00:00.000+08:00', file: 'tax.csv', mb_per_s: 2.5 });
  });
});
