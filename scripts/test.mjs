// `npm test`: the whole suite. The unit tests once (pure, no database: vitest project `unit`), then the
// end-to-end tests (project `e2e`, vitest.config.ts) on each engine: first with SQLite; then with PostgreSQL,
// at RECON_TEST_DATABASE_URL if it is set (a server where the user may create databases; deliberately not
// DATABASE_URL, which may point at a production database), else on a throw-away cluster this script
// creates on a loopback port and stops at the end, even on failure or Ctrl-C; then on Citus, at
// RECON_TEST_CITUS_URL (a coordinator whose `postgres` database has the workers added) or on a throw-away
// coordinator and two workers. The server halves get the URL as DATABASE_URL and the engine's name as
// RECON_TEST_ENGINE (test/helpers/engine.ts). With no PostgreSQL (or no Citus extension) to be found it
// fails loudly, before running anything, rather than passing part of a suite. RECON_TEST_ENGINES=sqlite
// (or postgres, citus, or a comma list) runs those halves only, on purpose (the unit tests still run).
// The Citus half runs CITUS_FILES only, unless file filters are given: see there. Extra arguments go to
// vitest (e.g. `npm test -- test/e2e/run.lock.test.ts`); a run whose file filters match no file of a
// project skips that project.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin, hasCitus, startCitusCluster, startCluster } from './pg-cluster.mjs';

const engines = (process.env.RECON_TEST_ENGINES ?? 'sqlite,postgres,citus').split(',').map((e) => e.trim());

/**
 * What the Citus half runs when no file is named (about 4 minutes on 2 cores): the files where Citus
 * differs from PostgreSQL: the schema's distribution (database.citus-schema), the ingest's set-based
 * decisions against distributed tables and the fixtures night and a generated night of 200,000 persons,
 * byte for byte against SQLite (database.engine-equality), and the swap of the results tables by renaming
 * them in the reconcile's transaction, killed halfway included (reconcile.previous-results). The rest of
 * the suite exercises SQL that Citus runs as PostgreSQL does (the coordinator is a PostgreSQL server), and
 * CI's budget (30 minutes, most of it used by the two other halves) has no room to run it a third time.
 * All of it passes on Citus too: `RECON_TEST_ENGINES=citus npm test -- test/e2e` runs it there.
 */
const CITUS_FILES = [
  'test/e2e/database.engine-equality.test.ts',
  'test/e2e/database.citus-schema.test.ts',
  'test/e2e/reconcile.previous-results.test.ts',
  'test/e2e/database.upgrade.test.ts',
];
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

function vitest(project, env, label, only = []) {
  const report = join(reports, `${failures.length}-${Date.now()}.json`);
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra, ...only];
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
let citusUrl = process.env.RECON_TEST_CITUS_URL;
let bin = null;
if (((engines.includes('postgres') && !url) || (engines.includes('citus') && !citusUrl)) && selects('e2e')) {
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
  if (engines.includes('citus') && !citusUrl && !hasCitus(bin)) {
    banner([
      `Citus half NOT RUN: no RECON_TEST_CITUS_URL and the Citus extension is not installed into the PostgreSQL of ${bin}.`,
      'Build it (as root: bash ../shared/citus/build-citus.sh; .ci/run does this), or set RECON_TEST_CITUS_URL to a coordinator',
      'whose postgres database has its workers added, or leave it out on purpose with RECON_TEST_ENGINES=sqlite,postgres.',
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
  banner('End-to-end tests, engine 1 of 3: SQLite (embedded, a file per test)');
  if (vitest('e2e', noUrl, 'e2e on SQLite') !== 0) failed = true;
  ran.push('end-to-end on SQLite');
}

/**
 * One server half: on `given` (a URL from the environment) or on a throw-away cluster from `start`,
 * stopped at the end, even on failure or Ctrl-C.
 */
async function serverHalf(engine, name, ordinal, given, start, only = []) {
  let cluster = null;
  let target = given;
  const onSignal = () => { cluster?.stop(); process.exit(130); };
  if (!target) {
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, onSignal);
    cluster = await start();
    target = cluster.url;
  }
  try {
    banner(`End-to-end tests, ${ordinal}: ${name} at ${target.replace(/:[^:@/]*@/, ':***@')}${cluster ? ' (throw-away cluster)' : ''}${only.length ? `, ${only.length} files` : ''}`);
    if (vitest('e2e', { ...process.env, DATABASE_URL: target, RECON_TEST_ENGINE: engine }, `e2e on ${name}`, only) !== 0) failed = true;
    ran.push(`end-to-end on ${name}`);
  } finally {
    cluster?.stop();
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
  }
}

if (engines.includes('postgres') && selects('e2e')) {
  await serverHalf('postgres', 'PostgreSQL', 'engine 2 of 3', url, () => startCluster(bin));
}

if (engines.includes('citus') && selects('e2e')) {
  await serverHalf('citus', 'Citus', 'engine 3 of 3 (a coordinator and 2 workers)', citusUrl, () => startCitusCluster(bin, 2), filters.length === 0 ? CITUS_FILES : []);
}

banner(failed ? ['npm test: FAILED', ...failures].join('\n') : `npm test: passed (${ran.join('; ')})`);
process.exit(failed ? 1 : 0);
