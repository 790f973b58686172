// `npm test`: the whole suite on both engines. First with SQLite; then with PostgreSQL, at
// RECON_TEST_DATABASE_URL if it is set (a server where the user may create databases; deliberately not
// DATABASE_URL, which may point at a production database), else on a throw-away cluster this script
// creates on a loopback port and stops at the end, even on failure or Ctrl-C. The suite's PostgreSQL half
// gets the URL as DATABASE_URL. With no PostgreSQL to be found it fails
// loudly rather than passing half a suite. RECON_TEST_ENGINES=sqlite (or postgres) runs one half only, on
// purpose. Extra arguments go to vitest (e.g. `npm test -- test/run-lock.test.ts`).
import { spawnSync } from 'node:child_process';
import { findPostgresBin, startCluster } from './pg-cluster.mjs';

const engines = (process.env.RECON_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
const extra = process.argv.slice(2);
const banner = (text) => console.log(`\n${'='.repeat(100)}\n${text}\n${'='.repeat(100)}`);

function vitest(env) {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...extra], { stdio: 'inherit', env });
  return r.status ?? 1;
}

let failed = false;
if (engines.includes('sqlite')) {
  banner('Test suite, engine 1 of 2: SQLite (embedded, a file per test)');
  const env = { ...process.env };
  delete env.DATABASE_URL; // the SQLite half must not inherit one from the shell
  if (vitest(env) !== 0) failed = true;
}

if (engines.includes('postgres')) {
  let cluster = null;
  let url = process.env.RECON_TEST_DATABASE_URL;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) {
      banner([
        'PostgreSQL half NOT RUN: no RECON_TEST_DATABASE_URL and no PostgreSQL server binaries (initdb, pg_ctl) found.',
        'Install them (Debian: apt-get install postgresql-15; .ci/run does this), or set RECON_TEST_DATABASE_URL to a server',
        'where the user may create databases, or run one half on purpose with RECON_TEST_ENGINES=sqlite.',
        'This run FAILS: a suite that skipped an engine has not shown that the code works there.',
      ].join('\n'));
      process.exit(1);
    }
    cluster = await startCluster(bin);
    url = cluster.url;
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { cluster.stop(); process.exit(130); });
  }
  try {
    banner(`Test suite, engine 2 of 2: PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}${cluster ? ' (throw-away cluster)' : ''}`);
    if (vitest({ ...process.env, DATABASE_URL: url }) !== 0) failed = true;
  } finally {
    cluster?.stop();
  }
}

banner(failed ? 'npm test: FAILED' : `npm test: passed on ${engines.join(' and ')}`);
process.exit(failed ? 1 : 0);
