import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { CSVS, csvBytes } from '../helpers/csv.js';
import { query, snapshot } from '../helpers/db.js';
import { ENGINE, SERVER, testDb } from '../helpers/engine.js';
import { PAYMENT_HEADER, idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { FIXTURE_INBOX } from '../helpers/run.js';

/**
 * SQLite and PostgreSQL must give the same answer byte for byte. These tests run both engines side by
 * side, so they run in the PostgreSQL half of `npm test` (DATABASE_URL set); in the SQLite half they
 * show as skipped, and scripts/test.mjs fails the run if the PostgreSQL half could not run at all.
 */
describe.skipIf(!SERVER)(`SQLite and ${ENGINE === 'citus' ? 'Citus' : 'PostgreSQL'} give identical results`, () => {
  /** `recon run` on both engines over the same inbox; returns both output folders. */
  function runBoth(inbox: string, extra: string[]) {
    const dir = tmp('recon-engines-');
    const outs = { sqlite: join(dir, 'out-sqlite'), postgres: join(dir, 'out-postgres') };
    const dbs = { sqlite: join(dir, 'recon.sqlite'), postgres: testDb(dir) };
    for (const engine of ['sqlite', 'postgres'] as const) {
      const r = recon(['run', '--inbox', inbox, '--out', outs[engine], '--db', dbs[engine], '--log', 'json', '--settle', '0', ...extra]);
      expect(r.code, `${engine}: ${r.stderr}`).toBe(0);
    }
    return { outs, dbs };
  }

  /**
   * The manifest without what differs by run (run and reconcile ids, times, paths of this run's folders and
   * database), and without the digests of workbook.xlsx and report.html: those files carry their creation time (spec 5), so
   * their bytes differ run to run; their contents are compared by their own tests.
   */
  function comparableManifest(folder: string): unknown {
    return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'), function (this: Record<string, unknown>, key, value) {
      if (['run_id', 'reconcile_id', 'started_at', 'finished_at', 'ingested_at', 'generated_at', 'out', 'db', 'seconds'].includes(key)) return '(varies)';
      if (key === 'sha256' && ['workbook.xlsx', 'report.html'].includes(this.name as string)) return '(varies)';
      return value;
    });
  }

  it('the fixtures: the six CSVs byte for byte, and the manifest but for run id, times and paths', () => {
    const { outs } = runBoth(FIXTURE_INBOX, ['--policies', join(ROOT, 'fixtures/policies'), '--as-of', '2023-03-15']);
    const [a, b] = [csvBytes(outs.sqlite), csvBytes(outs.postgres)];
    for (const f of CSVS) expect(b[f]!.equals(a[f]!), f).toBe(true);
    expect(comparableManifest(outs.postgres)).toEqual(comparableManifest(outs.sqlite));
  });

  it('a generated night of 200,000 persons: the six CSVs byte for byte', { timeout: 300_000 }, () => {
    const data = tmp('recon-gen-');
    const gen = spawnSync(process.execPath, [join(ROOT, 'scripts/gen.mjs'), '--persons', '200000', '--out', data], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const { outs } = runBoth(join(data, 'inbox'), ['--as-of', '2023-06-01']);
    const [a, b] = [csvBytes(outs.sqlite), csvBytes(outs.postgres)];
    for (const f of CSVS) expect(b[f]!.equals(a[f]!), f).toBe(true);
    expect(a['reconciliation.csv']!.length).toBeGreaterThan(20_000_000); // a real night, not an empty one
  });

  it('every kind of bad input: the same reports, rejects (raw text byte for byte) and stored rows', () => {
    const dir = tmp('recon-bad-');
    // Raw lines with what COPY's text format must escape: backslash, tab, a carriage return in quotes.
    const odd = writeCsv(join(dir, 'odd.csv'), [
      PAYMENT_HEADER,
      ['T\\9', idNumber('360702', '19900101', '123'), '张\t某', '360702', '2023', '35x.00', '2022-10-01'],
      ['T8', 'not-an-id', 'a\tb', '360702', '2023', '350.00', '2022-10-01'],
      ['T7', idNumber('360702', '19900101', '123'), 'line\r\nbreak', '360702', '2023', '350.00', '2022-10-01'],
      ['T6', idNumber('360702', '19900101', '123'), '王某', '360702', '2023', '350.00', '2022-10-01'],
    ]);
    const bad = join(ROOT, 'fixtures/bad');
    const dbs = { sqlite: join(dir, 'recon.sqlite'), postgres: testDb(dir) };
    const outputs: Record<string, string> = {};
    for (const [engine, db] of Object.entries(dbs)) {
      const out = recon(['ingest', '--db', db, '--max-reject-rate', '1', bad, odd]);
      expect([0, 4], out.stderr).toContain(out.code);
      outputs[engine] = out.stdout.replace(/\(\d+(\.\d+)? s, [^)]*\)/g, '');
    }
    expect(outputs.postgres).toEqual(outputs.sqlite);
    expect(snapshot(dbs.postgres)).toEqual(snapshot(dbs.sqlite));
    const raws = query<{ raw: string }>(dbs.postgres, 'select raw from rejected_rows');
    expect(raws.map((r) => r.raw)).toContain('T\\9,' + idNumber('360702', '19900101', '123') + ',张\t某,360702,2023,35x.00,2022-10-01');
  });

  it('the same outcomes for repeats, conflicts, roster and employee-list updates inside one file and across files', () => {
    const dir = tmp('recon-outcomes-');
    const P = idNumber('360702', '19900101', '123');
    const Q = idNumber('360702', '19850505', '456');
    const pay = (txn: string, id: string, amount: string, paid: string) => [txn, id, '张某', '360702', '2023', amount, paid];
    const first = writeCsv(join(dir, 'pay-1.csv'), [
      PAYMENT_HEADER,
      pay('T1', P, '350.00', '2022-10-01 09:00:00'),
      pay('T2', Q, '350.00', '2022-10-02 09:00:00'),
      pay('T1', P, '350.00', '2022-10-01 09:00:00'), // the same transaction again in the same file: repeat
      pay('T2', Q, '380.00', '2022-10-02 09:00:00'), // same txn_id, other amount: conflict, the first stays
      pay('T3', P, '20.00', '2022-10-03'),
    ]);
    const second = writeCsv(join(dir, 'pay-2.csv'), [
      PAYMENT_HEADER,
      pay('T3', P, '20.00', '2022-10-03'), // held from the first file: repeat
      pay('T1', P, '351.00', '2022-10-01 09:00:00'), // held with other content: conflict
      pay('T4', Q, '30.00', '2022-10-04 10:00:00'),
      pay('T4', Q, '30.00', '2022-10-04 10:00:01'), // differs only in time: conflict
    ]);
    const H = ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'];
    const r = (id: string, cat: string, from: string, to: string) => [id, '张某', '360702', cat, from, to, '民政'];
    const rosterA = writeCsv(join(dir, 'roster-a.csv'), [
      H,
      r(P, '低保对象', '2022-01-01', ''), // accepted
      r(P, '低保对象', '2022-01-01', '2022-06-30'), // sets the end: updated
      r(P, '低保对象', '2022-01-01', ''), // blank never clears: repeat
      r(P, '低保对象', '2022-01-01', '2022-06-30'), // same end: repeat
      r(P, '低保对象', '2022-01-01', '2022-08-31'), // corrected end: updated
      r(Q, '特困供养人员', '2021-05-01', '2022-12-31'), // accepted with an end
      r(Q, '特困供养人员', '2021-05-01', '2022-12-31'), // repeat
    ]);
    const rosterB = writeCsv(join(dir, 'roster-b.csv'), [
      H,
      r(P, '低保对象', '2022-01-01', ''), // held: repeat
      r(Q, '特困供养人员', '2021-05-01', '2023-01-31'), // held, other end: updated
      r(Q, '特困供养人员', '2021-05-01', '2022-12-31'), // back to the earlier end: updated again (last one wins)
      r(Q, '低保对象', '2023-01-01', ''), // accepted
    ]);
    const E = ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'];
    const e = (id: string, region: string, from: string, to: string) => [id, '张某', region, from, to, '在职', '某公司'];
    const employeesA = writeCsv(join(dir, 'employees-a.csv'), [
      E,
      e(P, '360702', '2021-03-01', ''), // accepted
      e(P, '360702', '2021-03-01', '2022-12-20'), // sets the end: updated
      e(P, '360702', '2021-03-01', ''), // blank never clears: repeat
      e(P, '360100', '2021-03-01', ''), // another region, same start: accepted
      e(Q, '360702', '2023-03-01', '2023-06-30'), // accepted with an end
    ]);
    const employeesB = writeCsv(join(dir, 'employees-b.csv'), [
      E,
      e(Q, '360702', '2023-03-01', ''), // held: repeat
      e(P, '360702', '2021-03-01', '2022-12-31'), // corrected end: updated
      e(Q, '360702', '2023-07-01', ''), // accepted
    ], { encoding: 'gb18030' });
    const dbs = { sqlite: join(dir, 'recon.sqlite'), postgres: testDb(dir) };
    const logs: Record<string, unknown[]> = {};
    for (const [engine, db] of Object.entries(dbs)) {
      const out = recon(['ingest', '--db', db, '--max-reject-rate', '0.9', first, second, rosterA, rosterB, employeesA, employeesB]);
      expect(out.code, out.stdout + out.stderr).toBe(0);
      logs[engine] = out.stdout.split('\n').filter((l) => l.includes(' read ')).map((l) => l.replace(/\(.*\)/, ''));
    }
    expect(logs.postgres).toEqual(logs.sqlite);
    expect(logs.sqlite).toEqual([
      expect.stringMatching(/read 5 \/ accepted 3 \/ repeats 1 \/ rejected 1/),
      expect.stringMatching(/read 4 \/ accepted 1 \/ repeats 1 \/ rejected 2/),
      expect.stringMatching(/read 7 \/ accepted 4 \/ repeats 3 \/ rejected 0/),
      expect.stringMatching(/read 4 \/ accepted 3 \/ repeats 1 \/ rejected 0/),
      expect.stringMatching(/read 5 \/ accepted 4 \/ repeats 1 \/ rejected 0/),
      expect.stringMatching(/read 3 \/ accepted 2 \/ repeats 1 \/ rejected 0/),
    ]);
    expect(snapshot(dbs.postgres)).toEqual(snapshot(dbs.sqlite));
    const ends = 'select id_number, category, effective_to, updated_line from roster_entries order by id_number, category';
    expect(query(dbs.postgres, ends)).toEqual(query(dbs.sqlite, ends));
    expect(query(dbs.sqlite, ends).map((e: Record<string, unknown>) => [e.effective_to, e.updated_line])).toEqual([
      ['2022-12-31', 4], // Q (born 1985, sorts first), extreme poverty: updated twice in roster-b, the last one stays
      [null, null], // Q, subsistence allowance: accepted in roster-b, no end
      ['2022-08-31', 6], // P: the corrected end from line 6 of roster-a
    ]);
    const employed = 'select id_number, region_code, insured_from, insured_to, source_line, updated_line from employee_enrollments order by id_number, region_code, insured_from';
    expect(query(dbs.postgres, employed)).toEqual(query(dbs.sqlite, employed));
    expect(query(dbs.sqlite, employed).map((x: Record<string, unknown>) => [x.insured_to, x.source_line, x.updated_line])).toEqual([
      ['2023-06-30', 6, null], // Q (sorts first), 2023-03-01: its end held, the blank of employees-b a repeat
      [null, 4, null], // Q, 2023-07-01: accepted from employees-b
      [null, 5, null], // P in 360100
      ['2022-12-31', 2, 3], // P in 360702: the corrected end from line 3 of employees-b
    ]);
  });
});
