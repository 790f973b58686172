import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Two projects, run by scripts/test.mjs (`npm test`) and `npm run test:unit`:
 *  - unit: pure tests of one module in-process (no database, no CLI, no child process; a temp file at
 *    most). They do not depend on the engine, so they run once, straight from the TypeScript sources.
 *  - e2e: the real CLI (the compiled dist/ through bin/recon.js), real files and real databases. They run
 *    once per engine: on SQLite, then with DATABASE_URL set on PostgreSQL (test/helpers/engine.ts).
 * A test file anywhere else would be run by neither, silently: refuse it here instead.
 */
const stray = readdirSync(new URL('./test', import.meta.url), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && !/^(unit|e2e)\//.test(f));
if (stray.length > 0) {
  throw new Error(`test files outside test/unit and test/e2e are run by no project; move them: ${stray.join(', ')}`);
}

/**
 * End-to-end files whose behaviour happens before or after the database, in code that is the same whatever
 * the engine: reading and decoding input files, the out folder's safety, policy files, the CLI's words,
 * LibreOffice's and Chromium's reading of the workbook and the report. They run in the SQLite half only:
 * running them again in the PostgreSQL half (DATABASE_URL set by scripts/test.mjs) would check the same
 * code twice and cost minutes of a CI budget of 30. Everything whose outcome passes through the engine's
 * code (src/db/sqlite, src/db/postgres: storing rows, the reconcile's reads and writes, export's queries,
 * run locks, transactions undone by a crash or a kill, the engine's error messages in logs) runs on both.
 */
const SQLITE_HALF_ONLY = [
  'ingest.encodings', 'ingest.mixed-encoding', 'ingest.oversized-row', 'ingest.growing-file', 'ingest.cr-line-ends', // decoding and framing input lines
  'inbox.deferred', 'inbox.young-unreadable-deferred', // which inbox files a night takes, before any is read
  'out.refusals', 'out.side-folder-owners', 'out.swap-recovery', 'out.concurrent-swaps', 'out.shared-by-two-databases', 'out.accepted', 'out.group', // the out folder
  'policy.file-names', 'policy.chain-validation', 'policy.documents-data', 'policies.shipped-values', // policy files, as loaded
  'export.output-guide-headers', 'export.manifest-privacy', 'out.chinese-everywhere', 'run.text-log-escapes', // the job's words
  'export.workbook-libreoffice', 'report.browser', // LibreOffice and Chromium reading files that export.workbook and report.targets check on both engines
  'export.workbook-thread', // the workbook thread's failures and stops (its reads on each engine: export.workbook)
  'export.workbook-text', // the workbook's XML for odd text (the text's way through the database is ingest's tests')
].map((name) => `test/e2e/${name}.test.ts`);
const gone = SQLITE_HALF_ONLY.filter((f) => !existsSync(new URL(`./${f}`, import.meta.url)));
if (gone.length > 0) throw new Error(`SQLITE_HALF_ONLY names files that do not exist (renamed?): ${gone.join(', ')}`);

/**
 * The longest end-to-end files (40 s or more on the engine where they are longest, in session 13's CI), in
 * that order: they start first, so that the end of a half is short files on both workers, not one long file
 * on one while the other is idle. vitest's own order is the previous run's durations, else file size: on a
 * fresh clone (CI: no cache) the size, which put the reliability campaign (a small file, 49 s) last on SQLite;
 * and the PostgreSQL half follows the SQLite half's durations, which put database.engine-equality (skipped
 * on SQLite, 77 s on PostgreSQL) last there (docs/performance.md, "Session 14: CI's time").
 */
const LONGEST_FIRST = [
  'reconcile.incremental', 'database.engine-equality', 'reconcile.incremental-invariants', 'run.signals', 'export.reuse-previous-lines',
  'reconcile.previous-results', 'reconcile.worked-examples', 'run.kill', 'scripts.reliability-smoke', 'jobs.nightly', 'run.spill',
].map((name) => `test/e2e/${name}.test.ts`);
const goneLong = LONGEST_FIRST.filter((f) => !existsSync(new URL(`./${f}`, import.meta.url)));
if (goneLong.length > 0) throw new Error(`LONGEST_FIRST names files that do not exist (renamed?): ${goneLong.join(', ')}`);

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Within each project, in vitest's order of the projects; sort is stable: the files not listed keep vitest's order after the listed ones.
    const sorted = await super.sort(files);
    const projects = [...new Set(sorted.map((f) => f.project.name))];
    return projects.flatMap((p) => sorted.filter((f) => f.project.name === p).sort((a, b) => rank(a) - rank(b)));
  }
}

export default defineConfig({
  test: {
    pool: 'forks',
    // Two files at a time at least. vitest's default is one fewer than the cores: one file at a time on CI's
    // two, which left a core idle while a file waited on its CLI runs' thread starts, child processes and
    // sleeps: the end-to-end halves took 1.8 times longer (docs/performance.md, "Session 13: CI's time").
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // End-to-end tests spawn the real CLI, in the tests and in their beforeAll setup; give them room on a 2-core machine.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: process.env.DATABASE_URL ? SQLITE_HALF_ONLY : [], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
