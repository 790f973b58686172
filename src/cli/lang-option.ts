import { UsageError } from '../base/recon-error.js';

/** `--lang`: the language of the outputs (headers, labels, details: docs/operations.md, "Chinese outputs") and of the run's summary table; English by default. */
export function langOption(flag: string | undefined): 'en' | 'zh' {
  if (flag === undefined || flag === 'en' || flag === 'zh') return flag ?? 'en';
  throw new UsageError(`--lang must be en or zh, got "${flag}"`);
}
