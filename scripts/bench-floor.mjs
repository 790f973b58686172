#!/usr/bin/env node
// The writer's floor: `npm run bench:floor -- --persons 1000000`.
//
// What the nightly job cannot avoid on its one SQLite writer connection, measured alone: storing the
// night's payments (keyed by txn_id, for repeats and conflicts) and roster entries, and one result row per
// person (for `recon export` and `recon explain`). SQLite allows one writer per database, so these inserts
// are serial whatever else runs on the second core. Nothing is parsed, validated or reconciled here: the
// rows are made up in memory in the generator's shapes and proportions (1.07 payments and 0.33 roster
// entries per person), and inserted with one prepared statement each, in one transaction per table, with
// the job's pragmas.
//
// Two shapes are measured:
// - `job`: the job's own tables (migrations of a fresh database), rows as the job writes them;
// - `lean`: the least a row could carry: an integer file key instead of the file's sha256, an integer rule
//   key instead of the citation text, no secondary index on the results.
// Compare the lean total with the sqlite3 peer's whole run (`npm run bench`, same persons): when the floor
// of the writer alone comes near the peer, no tuning elsewhere reaches ratio 1.0 (docs/performance.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { persons: { type: 'string' } } });
const persons = Number(values.persons ?? 1_000_000);
const payments = Math.round(persons * 1.07);
const rosterRows = Math.round(persons * 0.33);
const { openDatabase } = await import(new URL('../dist/db/open-database.js', import.meta.url).href);
const { RECON_RESULTS } = await import(new URL('../dist/db/result-shapes.js', import.meta.url).href);
const RESULT_COLUMNS = RECON_RESULTS.inserted;
const { PAYMENT_INDEXES, ensurePaymentIndexes } = await import(new URL('../dist/db/payment-indexes.js', import.meta.url).href);
const { default: BetterSqlite3 } = await import('better-sqlite3');

// Deterministic made-up values (no personal data): IDs spread over the key space as real ones are.
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '明华建国平红军丽英伟芳强敏静勇杰涛艳霞';
// As the generator's (scripts/gen.mjs): persons take the counties in turn, and each county's numbers
// rise with the person, so a file's rows fall into a few rising runs of the key.
const idOf = (i) => `3607${20 + (i % 16)}${String(Math.floor(i / 16)).padStart(12, '0')}`;
const nameOf = (i) => surnames[i % 20] + given[(i >> 3) % 20] + given[(i >> 7) % 20];
const paymentOf = (i) => ({
  txnId: `GZ${String(i).padStart(11, '0')}`, idNumber: idOf(i), name: nameOf(i), regionCode: `3607${String(20 + (i % 16))}`,
  coverageYear: 2023, amountFen: 35000, paidOn: '2022-10-19', paidTime: '17:17:00', payerType: 'personal',
  category: 'resident', tier: '1', channel: 'wechat',
});
const RULE = '赣医保发〔2022〕14号 二(一), 四(一); 赣医保发〔2022〕14号 二(三); 赣医保发〔2022〕14号 四(一)(二)';
// In RECON_RESULTS's order (src/db/result-shapes.ts).
const resultOf = (i, rule) => [
  2023, `3607${String(20 + (i % 16))}`, idOf(i), nameOf(i), 'resident', '1', null, 35000, 0, 35000, 35000, 0, 0, 0, 0,
  'OK', '', '2023-01-01', '2022-10-19', '2022-10-19', 1, 1, rule, 0, '', null,
];

// The figures only count if every row was stored (no key collided and nothing was taken for a repeat).
const stored = (accepted, expected, what) => {
  if (accepted !== expected) throw new Error(`${what}: ${accepted} of ${expected} stored`);
};

const work = mkdtempSync(join(tmpdir(), 'recon-floor-'));
const seconds = (t) => (performance.now() - t) / 1000;
const figures = {};
try {
  // job: the job's own schema and row store.
  {
    const { db } = await openDatabase(join(work, 'job.sqlite'), { create: true });
    // As on a bulk night (a fresh database): the payments' indexes are built once after the payments.
    for (const name of Object.keys(PAYMENT_INDEXES)) await db.kysely.schema.dropIndex(name).execute();
    let t = performance.now();
    await db.transaction(async () => {
      const store = db.rowStore({ sha256: 'f'.repeat(64), fileName: 'floor.csv' });
      for (let i = 0; i < payments; i++) store.payment(paymentOf(i), i + 2, '');
      stored((await store.finish()).accepted, payments, 'payments');
    });
    figures.job_payments_s = seconds(t);
    t = performance.now();
    await ensurePaymentIndexes(db);
    figures.job_index_s = seconds(t);
    t = performance.now();
    await db.transaction(async () => {
      const store = db.rowStore({ sha256: 'e'.repeat(64), fileName: 'roster.csv' });
      for (let i = 0; i < rosterRows; i++) {
        store.roster({ idNumber: idOf(i * 3), name: nameOf(i * 3), regionCode: '360702', category: 'minimum_living', effectiveFrom: '2021-02-26', effectiveTo: null, sourceDept: '民政' }, i + 2, '');
      }
      stored((await store.finish()).accepted, rosterRows, 'roster rows');
    });
    figures.job_roster_s = seconds(t);
    // Results arrive from the reconcile worker in id_number order.
    const ids = Array.from({ length: persons }, (_, i) => idOf(i)); // unique, so no ties
    const order = Array.from({ length: persons }, (_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
    t = performance.now();
    await db.transaction(async () => {
      const out = db.appender(RECON_RESULTS);
      for (const i of order) out.add(resultOf(i, RULE));
      await out.flush();
    });
    figures.job_results_s = seconds(t);
    const { n } = await db.kysely.selectFrom('recon_results').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    stored(Number(n), persons, 'result rows');
    await db.close();

    // lean: the least a row could carry.
    const lean = new BetterSqlite3(join(work, 'lean.sqlite'));
    lean.pragma('journal_mode = WAL');
    lean.pragma('synchronous = NORMAL');
    lean.pragma('cache_size = -32768');
    lean.exec(`create table payments (txn_id text primary key, id_number text, name text, region_code text, coverage_year integer,
      amount_fen integer, paid_on text, paid_time text, payer_type text, category text, tier text, channel text, file integer, line integer);
      create table roster_entries (id_number text, category text, effective_from text, name text, region_code text, effective_to text,
      source_dept text, file integer, line integer, primary key (id_number, category, effective_from));
      create table recon_results (${RESULT_COLUMNS.join(', ')})`);
    const insertPayment = lean.prepare('insert into payments values (?,?,?,?,?,?,?,?,?,?,?,?,?,?) on conflict do nothing');
    t = performance.now();
    lean.exec('begin');
    for (let i = 0; i < payments; i++) {
      const p = paymentOf(i);
      insertPayment.run(p.txnId, p.idNumber, p.name, p.regionCode, p.coverageYear, p.amountFen, p.paidOn, p.paidTime, p.payerType, p.category, p.tier, p.channel, 1, i + 2);
    }
    lean.exec('commit');
    figures.lean_payments_s = seconds(t);
    const insertRoster = lean.prepare('insert into roster_entries values (?,?,?,?,?,?,?,?,?) on conflict do nothing');
    t = performance.now();
    lean.exec('begin');
    for (let i = 0; i < rosterRows; i++) insertRoster.run(idOf(i * 3), 'minimum_living', '2021-02-26', nameOf(i * 3), '360702', null, '民政', 2, i + 2);
    lean.exec('commit');
    figures.lean_roster_s = seconds(t);
    const insertResult = lean.prepare(`insert into recon_results values (${RESULT_COLUMNS.map(() => '?').join(',')})`);
    t = performance.now();
    lean.exec('begin');
    for (const i of order) insertResult.run(...resultOf(i, 1));
    lean.exec('commit');
    figures.lean_results_s = seconds(t);
    const count = (sql) => lean.prepare(sql).pluck().get();
    stored(count('select count(*) from payments'), payments, 'lean payments');
    stored(count('select count(*) from roster_entries'), rosterRows, 'lean roster rows');
    stored(count('select count(*) from recon_results'), persons, 'lean result rows');
    lean.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const f = (s) => s.toFixed(1);
const job = figures.job_payments_s + figures.job_index_s + figures.job_roster_s + figures.job_results_s;
const lean = figures.lean_payments_s + figures.lean_roster_s + figures.lean_results_s;
process.stderr.write(
  `persons ${persons}: ${payments} payments, ${rosterRows} roster rows, ${persons} result rows\n` +
  `             payments  index  roster  results  total\n` +
  `job tables   ${f(figures.job_payments_s).padStart(8)}  ${f(figures.job_index_s).padStart(5)}  ${f(figures.job_roster_s).padStart(6)}  ${f(figures.job_results_s).padStart(7)}  ${f(job).padStart(5)} s\n` +
  `lean tables  ${f(figures.lean_payments_s).padStart(8)}  ${'-'.padStart(5)}  ${f(figures.lean_roster_s).padStart(6)}  ${f(figures.lean_results_s).padStart(7)}  ${f(lean).padStart(5)} s\n`,
);
console.log(`FLOOR persons=${persons} job_writer_s=${f(job)} lean_writer_s=${f(lean)}`);
