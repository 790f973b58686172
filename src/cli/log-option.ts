import { jsonReporter } from '../run/json-reporter.js';
import type { Reporter } from '../run/run-events.js';
import { textReporter } from '../run/text-reporter.js';
import { UsageError } from '../base/recon-error.js';

export type LogFormat = 'text' | 'json';

/**
 * `recon run --log text|json`. Default: text when stderr is a terminal (progress bars on stderr, the
 * summary table on stdout), json otherwise (one JSON line per event on stdout, for the container's log).
 */
export function logFormat(flag: string | undefined): LogFormat {
  if (flag === undefined) return process.stderr.isTTY ? 'text' : 'json';
  if (flag === 'text' || flag === 'json') return flag;
  throw new UsageError(`--log must be text or json, got "${flag}"`);
}

export function runReporter(format: LogFormat): Reporter {
  return format === 'json' ? jsonReporter(process.stdout) : textReporter(process.stderr);
}

/** The step commands print their own result lines on stdout; their log is progress on a terminal only. */
export function stepReporter(): Reporter {
  return textReporter(process.stderr, { progressOnly: true });
}
