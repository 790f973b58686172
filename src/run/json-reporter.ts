import { preciseNowInShanghai } from '../normalise/dates.js';
import type { Reporter, RunEvent } from './run-events.js';
import { jsonVisible } from './visible-text.js';

/** Progress events are kept to one line per this many milliseconds, so a long file logs a line now and then. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Events an operator should look at: a refused run, a killed one found, and a database created (expected
 * on the first night only; on any other it means a wrong --db or a volume that was not mounted).
 */
const WARNINGS = new Set<RunEvent['event']>(['run_refused', 'run_interrupted_found', 'database_created', 'entry_skipped']);

/**
 * One JSON object per line for the container's log (`kubectl logs`, journald): `time` in Asia/Shanghai,
 * `level`, then the event's own fields. A hand-written writer rather than a logging library: events are
 * few, written synchronously (nothing is lost when the process exits), and need no levels or transports.
 * JSON.stringify escapes control characters but DEL, C1 and U+2028/2029, which jsonVisible escapes too, so
 * that a file name cannot rewrite a terminal showing the log.
 */
export function jsonReporter(out: { write(line: string): unknown }, now: () => string = preciseNowInShanghai): Reporter {
  let lastProgress = -Infinity;
  return (e: RunEvent) => {
    if (e.event === 'file_progress' || e.event === 'reconcile_progress') {
      const t = performance.now();
      if (t - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = t;
    }
    const level = e.event === 'run_failed' ? 'error' : WARNINGS.has(e.event) || (e.event === 'out_recovered' && e.restored !== null) ? 'warn' : 'info';
    out.write(jsonVisible(JSON.stringify({ time: now(), level, ...e })) + '\n');
  };
}
