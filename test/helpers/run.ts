import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { testDb } from './engine.js';
import { tmp } from './files.js';

export const FIXTURE_INBOX = join(ROOT, 'fixtures/inbox');
export const ALL_INBOX_FILES = readdirSync(FIXTURE_INBOX).sort();

/** A night's folders under a fresh temporary root: inbox (with copies of the named fixture files), out, db. */
export function night(files: string[] = ALL_INBOX_FILES) {
  const root = tmp('recon-run-');
  const inbox = join(root, 'inbox');
  mkdirSync(inbox);
  for (const f of files) copyFileSync(join(FIXTURE_INBOX, f), join(inbox, f));
  const out = join(root, 'out', 'latest');
  const db = testDb(join(root, 'data'));
  return {
    root, inbox, out, db,
    /** Adds a fixture file to the inbox, as a late delivery would. */
    deliver: (file: string) => copyFileSync(join(FIXTURE_INBOX, file), join(inbox, file)),
    /**
     * `recon run` arguments for this night: the bundled sample policies, a fixed as-of date, JSON logs, and
     * `--settle 0`, because the files were copied in just now.
     */
    args: (...extra: string[]) => [
      'run', '--inbox', inbox, '--out', out, '--db', db, '--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15', '--log', 'json',
      '--settle', '0', ...extra,
    ],
  };
}

/** The JSON log lines of a run's stdout, parsed (every line must be JSON). */
export function logEvents(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A night's folders and arguments, as `night()` makes them. */
export type Night = ReturnType<typeof night>;
