#!/usr/bin/env node
// The benchmark: `npm run bench -- --persons 1000000 [--data DIR] [--as-of 2023-03-15] [--db postgres://...]`.
//
// 1. Generates the input (scripts/gen.mjs), or reuses DIR when it already holds the same persons and seed.
// 2. Runs the real nightly job, `recon run`, end to end in a child process on a fresh database, under
//    /usr/bin/time for the peak RSS the OS measured; phase times come from the job's own JSON log.
//    The database is a new SQLite file, or with --db postgres://user@host:port/db a new database created
//    on that server for the run (and dropped after it, unless --keep). The peak RSS is the job's own: the
//    PostgreSQL server's memory is not in it.
// 3. Runs the peer in the same invocation: the sqlite3 command-line tool importing the same CSV files with
//    .import and running one per-person reconciliation query written to a CSV.
// 4. Prints a table and, last, the BENCH line.
// 5. With --nights (issue 21), after the full run and before the peer, three more nights on the same
//    database and --out folder, each a `recon run` printed as its own BENCH line with its ratio to the full
//    run: (a) `quiet`, the next day with no new file; (b) `one_percent`, the day after with a new file of
//    new payment rows for 1% of the payment rows' persons (copies of every 80th row of the UTF-8 payment
//    files, with a new txn_id, paid on that day); (c) `deadline`, as of 2023-04-01, past the last collection
//    deadlines of the bundled policies (end_latest and assisted_end_latest, 2023-03-31). The inbox is then
//    a folder of hard links to the data's files (the data folder itself is never written to), made a minute
//    before the full run, as files delivered before the night.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    persons: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, keep: { type: 'boolean' }, db: { type: 'string' },
    nights: { type: 'boolean' },
  },
});
const persons = Number(values.persons ?? 1_000_000);
const seed = values.seed ?? '1';
const asOf = values['as-of'] ?? '2023-03-15';
const data = resolve(values.data ?? join('bench-data', String(persons)));
const root = resolve(new URL('..', import.meta.url).pathname);
const say = (s) => process.stderr.write(s + '\n');

// 1. Data
const metaPath = join(data, 'meta.json');
const meta0 = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : null;
if (!meta0 || meta0.persons !== persons || String(meta0.seed) !== seed || meta0.generator !== 3) {
  say(`generating ${persons} persons into ${data} ...`);
  const t = performance.now();
  const g = spawnSync(process.execPath, [join(root, 'scripts/gen.mjs'), '--persons', String(persons), '--out', data, '--seed', seed], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (g.status !== 0) process.exit(1);
  say(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
const dataInbox = join(data, 'inbox');
const files = readdirSync(dataInbox).sort();
const inputBytes = files.reduce((n, f) => n + statSync(join(dataInbox, f)).size, 0);

// 2. recon run
const work = mkdtempSync(join(tmpdir(), 'recon-bench-'));
// --nights adds a file to the inbox: a folder of its own, of hard links (copies across filesystems).
const inbox = values.nights ? join(work, 'inbox') : dataInbox;
if (values.nights) {
  mkdirSync(inbox);
  for (const f of files) {
    try { linkSync(join(dataInbox, f), join(inbox, f)); } catch { copyFileSync(join(dataInbox, f), join(inbox, f)); }
  }
  // The files were delivered before the night, as they are at a bureau: a link or a copy is a change to the
  // file (its ctime), and a file changed less than a minute before a night looks at it has no stamp kept
  // (src/ingest/file-stamp.ts), so without this wait the quiet night would hash the year's files again.
  say('waiting a minute: the inbox is delivered before the night (src/ingest/file-stamp.ts) ...');
  await new Promise((resolve) => setTimeout(resolve, 61_000));
}
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
let database = join(work, 'recon.sqlite');
let dropDatabase = async () => {};
let engine = 'SQLite';
if (values.db) {
  // A fresh database on the given server, named for this run; on a Citus coordinator, on every worker too,
  // joined into a cluster of its own (scripts/citus-nodes.mjs, as the tests make theirs).
  const { createDatabase, dropDatabase: dropEverywhere } = await import('./citus-nodes.mjs');
  const name = `recon_bench_${persons}_${Date.now()}`;
  const workers = await createDatabase(values.db, name);
  const url = new URL(values.db);
  url.pathname = `/${name}`;
  database = url.toString();
  dropDatabase = () => dropEverywhere(values.db, name, workers);
  engine = workers.length > 0 ? `Citus (a coordinator and ${workers.length} workers)` : 'PostgreSQL';
  say(`engine: ${engine}, database ${name} (created for this run)`);
}
const reconArgs = [join(root, 'bin/recon.js'), 'run', '--inbox', inbox, '--out', join(work, 'out'), '--db', database, '--as-of', asOf, '--log', 'json', '--settle', '0'];
say(`recon run over ${files.length} files (${(inputBytes / 1e6).toFixed(0)} MB) ...`);
const t0 = performance.now();
const run = timeBin
  ? spawnSync(timeBin, ['-f', 'BENCH_RSS_KB=%M', process.execPath, ...reconArgs], { encoding: 'utf8', maxBuffer: 1 << 30 })
  : spawnSync(process.execPath, reconArgs, { encoding: 'utf8', maxBuffer: 1 << 30 });
const reconSeconds = (performance.now() - t0) / 1000;
if (run.status !== 0 && run.status !== 4) {
  say(run.stderr);
  say(`recon run failed with exit ${run.status}`);
  process.exit(1);
}
const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
const at = (name) => Date.parse(events.find((e) => e.event === name).time);
const finished = events.find((e) => e.event === 'run_finished');
const rssKb = timeBin ? Number(/BENCH_RSS_KB=(\d+)/.exec(run.stderr)?.[1]) : finished.peak_rss_mib * 1024;
const peakMiB = Math.round(rssKb / 1024);
const phases = {
  ingest: (at('reconcile_started') - at('run_started')) / 1000,
  reconcile: (at('reconcile_done') - at('reconcile_started')) / 1000,
  export: (at('export_done') - at('reconcile_done')) / 1000,
};
const reconciled = events.find((e) => e.event === 'reconcile_done');
// workbook.xlsx's and report.html's shares of the export, reported apart (SPEC §8: together under 10% of the
// run; the rest keeps its ratio to the peer: rest_ratio). The workbook is written on a thread of its own beside
// the CSVs: workbook_s is its own time, workbook_wait_s what it added to the run at least (the export's wait
// for it after the CSVs), which is what the rest leaves out (docs/workbook.md).
const exportDone = events.find((e) => e.event === 'export_done');
const workbookSeconds = exportDone.workbook_seconds ?? 0;
const workbookWaitSeconds = exportDone.workbook_wait_seconds ?? workbookSeconds;
const reportSeconds = exportDone.report_seconds ?? 0;
const ingestRows = events.filter((e) => e.event === 'file_done').reduce((n, e) => n + e.rows_read, 0);
const rejectedRows = events.filter((e) => e.event === 'file_done').reduce((n, e) => n + e.rejected, 0);

// 5. The nightly shape (--nights)
const nightLines = [];
if (values.nights) {
  const day = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const nights = [
    { name: 'quiet', asOf: day(asOf, 1) },
    { name: 'one_percent', asOf: day(asOf, 2), file: true },
    { name: 'deadline', asOf: '2023-04-01' },
  ];
  for (const n of nights) {
    if (n.file) say(`wrote ${writeOnePercent(n.asOf)} new payment rows`);
    const args = reconArgs.map((a) => (a === asOf ? n.asOf : a));
    say(`night ${n.name}: recon run as of ${n.asOf} ...`);
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - t) / 1000;
    if (r.status !== 0 && r.status !== 4) {
      say(r.stderr);
      say(`night ${n.name} failed with exit ${r.status}`);
      process.exit(1);
    }
    const ev = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const when = (name) => Date.parse(ev.find((e) => e.event === name).time);
    const done = ev.find((e) => e.event === 'reconcile_done');
    const exported = ev.find((e) => e.event === 'export_done');
    nightLines.push(`BENCH night=${n.name} persons=${persons} as_of=${n.asOf} recon_s=${seconds.toFixed(1)} ingest_s=${((when('reconcile_started') - when('run_started')) / 1000).toFixed(1)}`
      + ` reconcile_s=${((when('reconcile_done') - when('reconcile_started')) / 1000).toFixed(1)} export_s=${((when('export_done') - when('reconcile_done')) / 1000).toFixed(1)}`
      + ` csv_s=${(exported.csv_seconds ?? 0).toFixed(1)} reconciliation_csv_s=${(exported.reconciliation_seconds ?? 0).toFixed(1)}`
      + ` workbook_s=${(exported.workbook_seconds ?? 0).toFixed(1)} workbook_wait_s=${(exported.workbook_wait_seconds ?? 0).toFixed(1)} report_s=${(exported.report_seconds ?? 0).toFixed(1)}`
      + ` mode=${done.mode}${done.full_reason ? `:${done.full_reason}` : ''} recomputed=${done.recomputed} lines=${exported.reconciliation_lines}${exported.reconciliation_lines_reason ? `:${exported.reconciliation_lines_reason}` : ''}`
      + ` ratio_to_full=${(seconds / reconSeconds).toFixed(3)}`);
    say(nightLines.at(-1));
  }
}

/** Night (b)'s file: 1% of the payment rows, every 80th row of the UTF-8 payment files again with a new txn_id, paid on `date`; returns how many. */
function writeOnePercent(date) {
  const target = Math.round(meta.payment_rows / 100);
  const out = [];
  let header = null;
  let seen = 0;
  for (const f of files.filter((x) => x.startsWith('tax-'))) {
    const bytes = readFileSync(join(dataInbox, f));
    let text;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { continue; } // the GB18030 file
    const lines = text.split('\n');
    header ??= lines[0].replace(/^\ufeff/, '');
    for (const line of lines.slice(1)) {
      if (!line || seen++ % 80 !== 0 || out.length >= target) continue;
      const cells = line.split(',');
      cells[0] = `NIGHT${String(out.length).padStart(9, '0')}`;
      cells[6] = `${date} 10:00:00`;
      out.push(cells.join(','));
    }
  }
  writeFileSync(join(inbox, `tax-night-${date}.csv`), [header, ...out].join('\n') + '\n');
  return out.length;
}

// 3. The peer: sqlite3 .import + one query.
let peerSeconds = null;
let peerNote = '';
const sqlite3 = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
if (sqlite3.status !== 0) {
  peerNote = 'sqlite3 not found: install it with `apt-get install sqlite3` (Debian package sqlite3)';
  say(peerNote);
} else {
  const q = (p) => `'${p.replaceAll("'", "''")}'`;
  const script = [
    '.bail on',
    'PRAGMA journal_mode = WAL;', 'PRAGMA synchronous = NORMAL;', 'PRAGMA cache_size = -65536;',
    'CREATE TABLE payments(txn_id TEXT, id_number TEXT, name TEXT, region_code TEXT, coverage_year INTEGER, amount TEXT, paid_at TEXT, payer_type TEXT, category TEXT, tier TEXT, channel TEXT);',
    'CREATE TABLE roster(id_number TEXT, name TEXT, region_code TEXT, category TEXT, effective_from TEXT, effective_to TEXT, source_dept TEXT);',
    'CREATE TABLE employees(id_number TEXT, name TEXT, region_code TEXT, insured_from TEXT, insured_to TEXT, insured_kind TEXT, employer TEXT);',
    ...files.map((f) => `.import --csv --skip 1 ${q(join(inbox, f))} ${f.startsWith('roster') ? 'roster' : f.startsWith('employees') ? 'employees' : 'payments'}`),
    '.headers on', '.mode csv', `.once ${q(join(work, 'peer.csv'))}`,
    `WITH pr AS (
       SELECT id_number, region_code,
              SUM(CASE WHEN payer_type = 'personal' THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END) AS cp,
              SUM(CASE WHEN payer_type = 'assistance' THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END) AS ca,
              MIN(paid_at) AS first_paid, MAX(paid_at) AS last_paid, COUNT(*) AS n
       FROM payments WHERE coverage_year = 2023 GROUP BY id_number, region_code),
     regions AS (SELECT id_number, COUNT(*) AS k FROM pr WHERE cp + ca > 0 GROUP BY id_number),
     assist AS (
       SELECT id_number, MAX(CASE WHEN category IN ('特困人员', '孤儿') THEN 35000 ELSE 32000 END) AS s
       FROM roster WHERE effective_from <= '2022-12-31' AND (effective_to = '' OR effective_to >= '2022-09-01')
       GROUP BY id_number),
     employed AS (
       SELECT id_number, 1 AS overlap FROM employees
       WHERE insured_from <= '2023-12-31' AND (insured_to = '' OR insured_to >= '2023-01-01') GROUP BY id_number)
     SELECT pr.id_number, pr.region_code, pr.cp, pr.ca, 35000 - COALESCE(a.s, 0) AS expected_personal, COALESCE(a.s, 0) AS expected_assistance,
            CASE WHEN r.k > 1 THEN 'TWO_REGIONS' WHEN pr.cp > 35000 - COALESCE(a.s, 0) THEN 'OVERPAID'
                 WHEN pr.cp < 35000 - COALESCE(a.s, 0) THEN 'UNDERPAID' ELSE 'OK' END AS status,
            pr.first_paid, pr.last_paid, pr.n, COALESCE(e.overlap, 0) AS employee_overlap
     FROM pr LEFT JOIN assist a ON a.id_number = pr.id_number LEFT JOIN regions r ON r.id_number = pr.id_number
       LEFT JOIN employed e ON e.id_number = pr.id_number
     UNION ALL
     SELECT a.id_number, NULL, 0, 0, 35000 - a.s, a.s, 'NOT_ENROLLED', NULL, NULL, 0, COALESCE(e.overlap, 0)
     FROM assist a LEFT JOIN employed e ON e.id_number = a.id_number WHERE a.id_number NOT IN (SELECT id_number FROM pr)
     ORDER BY 1, 2;`,
  ].join('\n');
  writeFileSync(join(work, 'peer.sql'), script);
  say('peer: sqlite3 .import + one query ...');
  const p0 = performance.now();
  const peer = spawnSync('sqlite3', [join(work, 'peer.db'), `.read ${q(join(work, 'peer.sql'))}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  peerSeconds = (performance.now() - p0) / 1000;
  if (peer.status !== 0) {
    say(peer.stderr);
    say('the peer failed');
    process.exit(1);
  }
}

// 4. Report
const fmt = (s) => s.toFixed(1).padStart(8);
const perS = (n, s) => Math.round(n / s).toLocaleString('en-US').padStart(12);
say('');
say(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${sqlite3.status === 0 ? `sqlite3 ${sqlite3.stdout.trim().split(' ')[0]}` : 'no sqlite3'}`);
say(`input: ${persons.toLocaleString('en-US')} persons, ${meta.payment_rows.toLocaleString('en-US')} payment rows, ${meta.roster_rows.toLocaleString('en-US')} roster rows, ${meta.employee_rows.toLocaleString('en-US')} employee-list rows, ${(inputBytes / 1e6).toFixed(0)} MB in ${files.length} files`);
say('phase          seconds        rows/s');
say(`ingest        ${fmt(phases.ingest)}  ${perS(ingestRows, phases.ingest)}  (rows read, all files)`);
say(`reconcile     ${fmt(phases.reconcile)}  ${perS(reconciled.persons, phases.reconcile)}  (persons)`);
say(`export        ${fmt(phases.export)}  ${perS(reconciled.rows, phases.export)}  (result rows)`);
say(`  workbook     ${fmt(workbookSeconds)}  (workbook.xlsx, on its own thread beside the CSVs; the export waited ${workbookWaitSeconds.toFixed(1)} s for it)`);
say(`  report       ${fmt(reportSeconds)}  (report.html, of the export)`);
say(`engine        ${values.db ? `${engine} (the servers' own memory is not in the peak RSS)` : engine}`);
say(`recon total   ${fmt(reconSeconds)}  peak RSS ${peakMiB} MiB, exit ${run.status}, ${rejectedRows} rows rejected (planted: ${meta.planted_rejects})`);
say(`sqlite3 peer  ${peerSeconds === null ? '     n/a' : fmt(peerSeconds)}  ${peerNote}`);
if (!values.keep) {
  rmSync(work, { recursive: true, force: true });
  await dropDatabase();
} else say(`kept ${work}${values.db ? ` and the database ${database.replace(/:[^:@/]*@/, ':***@')}` : ''}`);
const ratio = peerSeconds === null ? 'NA' : (reconSeconds / peerSeconds).toFixed(2);
const restSeconds = reconSeconds - workbookWaitSeconds - reportSeconds;
const restRatio = peerSeconds === null ? 'NA' : (restSeconds / peerSeconds).toFixed(2);
for (const line of nightLines) process.stdout.write(line + '\n');
process.stdout.write(`BENCH persons=${persons} rows=${meta.payment_rows} recon_s=${reconSeconds.toFixed(1)} peer_s=${peerSeconds === null ? 'NA' : peerSeconds.toFixed(1)} ratio=${ratio} peak_rss_mib=${peakMiB} workbook_s=${workbookSeconds.toFixed(1)} workbook_wait_s=${workbookWaitSeconds.toFixed(1)} report_s=${reportSeconds.toFixed(1)} rest_s=${restSeconds.toFixed(1)} rest_ratio=${restRatio}\n`);
