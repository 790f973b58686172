// `npm test`: the whole suite. The unit tests once (pure, no database: vitest project `unit`), then the
// end-to-end tests (project `e2e`, vitest.config.ts) on each engine: first with SQLite; then with PostgreSQL,
// at RECON_TEST_DATABASE_URL if it is set (a server where the user may create databases; deliberately not
// DATABASE_URL, which may point at a production database), else on a throw-away cluster this script
// creates on a loopback port and stops at the end, even on failure or Ctrl-C. The suite's PostgreSQL half
// gets the URL as DATABASE_URL. With no PostgreSQL to be found it fails loudly, before running anything,
// rather than passing half a suite. RECON_TEST_ENGINES=sqlite (or postgres) runs one half only, on
// purpose (the unit tests still run). Extra arguments go to vitest (e.g. `npm test -- test/e2e/run.lock.test.ts`);
// a run whose file filters match no file of a project skips that project.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin, startCluster } from './pg-cluster.mjs';

const engines = (process.env.RECON_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
const extra = process.argv.slice(2);
const banner = (text) => console.log(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}`);

/**
 * Whether a project has a file the arguments select: vitest takes any argument that is not an option as
 * a filter on the file's path. When none of them matches any test file (no filters, or only values of
 * options such as -t), every project runs and vitest decides.
 */
const files = readdirSync(new URL('../test', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f}`);
// File filters are the arguments that are not options, nor the value of an option that takes one (-t NAME).
const VALUED = new Set(['-t', '--testNamePattern', '--project', '--reporter', '--shard', '--bail']);
const filters = extra.filter((a, i) => !a.startsWith('-') && !VALUED.has(extra[i - 1] ?? '') && files.some((f) => f.includes(a)));
const selects = (project) => filters.length === 0 || files.some((f) => f.startsWith(`test/${project}/`) && filters.some((a) => f.includes(a)));

/**
 * What failed, collected from each vitest run's JSON report and printed again at the very end: CI keeps
 * only the tail of a long log, and a red run whose tail says only "FAILED" names nothing to fix.
 */
const failures = [];
const reports = mkdtempSync(join(tmpdir(), 'recon-test-reports-'));
process.on('exit', () => rmSync(reports, { recursive: true, force: true }));

function vitest(project, env, label) {
  const report = join(reports, `${failures.length}-${Date.now()}.json`);
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  const status = r.status ?? 1;
  if (status !== 0) failures.push(...failedTests(report, label, status));
  return status;
}

/** The failed tests of one run (file, name, first lines of the message), or the bare exit status without a report. */
function failedTests(report, label, status) {
  let json;
  try {
    json = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    return [`${label}: vitest exited ${status} without a report (a crash, or a failure before any test ran: see above)`];
  }
  const out = [];
  for (const file of json.testResults ?? []) {
    const path = file.name.replace(`${process.cwd()}/`, '');
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) {
      const lines = (t.failureMessages ?? []).join('\n').split('\n').filter((l) => !/node_modules|node:internal|new Promise/.test(l));
      const message = lines.slice(0, 8).join('\n      ');
      out.push(`${label}: ${path} > ${t.fullName}\n      ${message}`);
    }
    if (failed.length === 0 && file.status === 'failed') out.push(`${label}: ${path}: ${(file.message ?? 'failed outside a test').split('\n').slice(0, 6).join('\n      ')}`);
  }
  return out.length ? out : [`${label}: vitest exited ${status} with no failed test in its report (an unhandled error? see above)`];
}

// Find PostgreSQL first: a suite that cannot run its second half fails before spending minutes on the first.
let url = process.env.RECON_TEST_DATABASE_URL;
let bin = null;
if (engines.includes('postgres') && selects('e2e') && !url) {
  bin = findPostgresBin();
  if (!bin) {
    banner([
      'PostgreSQL half NOT RUN: no RECON_TEST_DATABASE_URL and no PostgreSQL server binaries (initdb, pg_ctl) found.',
      'Install them (Debian: apt-get install postgresql-15; .ci/run does this), or set RECON_TEST_DATABASE_URL to a server',
      'where the user may create databases, or run one half on purpose with RECON_TEST_ENGINES=sqlite.',
      'This run FAILS: a suite that skipped an engine has not shown that the code works there.',
    ].join('\n'));
    process.exit(1);
  }
}

// Neither project may inherit a DATABASE_URL from the shell: the unit tests need none, and for the
// end-to-end tests it selects the engine (test/helpers/engine.ts).
const noUrl = { ...process.env };
delete noUrl.DATABASE_URL;

let failed = false;
const ran = [];
if (selects('unit')) {
  banner('Unit tests (pure, no database: run once)');
  if (vitest('unit', noUrl, 'unit') !== 0) failed = true;
  ran.push('unit tests');
}

if (engines.includes('sqlite') && selects('e2e')) {
  banner('End-to-end tests, engine 1 of 2: SQLite (embedded, a file per test)');
  if (vitest('e2e', noUrl, 'e2e on SQLite') !== 0) failed = true;
  ran.push('end-to-end on SQLite');
}

if (engines.includes('postgres') && selects('e2e')) {
  let cluster = null;
  if (!url) {
    cluster = await startCluster(bin);
    url = cluster.url;
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { cluster.stop(); process.exit(130); });
  }
  try {
    banner(`End-to-end tests, engine 2 of 2: PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}${cluster ? ' (throw-away cluster)' : ''}`);
    if (vitest('e2e', { ...process.env, DATABASE_URL: url }, 'e2e on PostgreSQL') !== 0) failed = true;
    ran.push('end-to-end on PostgreSQL');
  } finally {
    cluster?.stop();
  }
}

banner(failed ? ['npm test: FAILED', ...failures].join('\n') : `npm test: passed (${ran.join('; ')})`);
process.exit(failed ? 1 : 0);
