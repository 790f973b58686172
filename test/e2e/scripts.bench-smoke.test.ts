import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon, ROOT } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { tmp } from '../helpers/files.js';
import { ENGINE, SERVER, testDb } from '../helpers/engine.js';
import { query } from '../helpers/db.js';

const node = (script: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, script), ...args], { encoding: 'utf8', env: { ...process.env, RECON_FAILPOINT: '' } });
const hashes = (dir: string) => readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]);

/** The generator and the benchmark at a small size: they run, and what they produce is sound (npm test). */
describe('generator and benchmark smoke test', () => {
  it('the generator is deterministic and its night reconciles to the mix it was given', () => {
    const a = tmp();
    const b = tmp();
    expect(node('scripts/gen.mjs', ['--persons', '10000', '--out', a, '--seed', '7']).status).toBe(0);
    expect(node('scripts/gen.mjs', ['--persons', '10000', '--out', b, '--seed', '7']).status).toBe(0);
    expect(hashes(join(a, 'inbox'))).toEqual(hashes(join(b, 'inbox')));
    const meta = JSON.parse(readFileSync(join(a, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ persons: 10000 });
    expect(meta.payment_rows).toBeGreaterThan(10000);

    const r = recon(['run', '--inbox', join(a, 'inbox'), '--out', join(a, 'out'), '--db', testDb(a), '--as-of', '2023-06-01', '--log', 'json', '--settle', '0']); // after every deadline
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(join(a, 'out', 'reconciliation.csv'));
    const statuses = new Set(rows.map((x) => x.status));
    for (const s of ['OK', 'OVERPAID', 'DUPLICATE_ENROLLMENT', 'REFUND_DUE', 'UNDERPAID', 'UNPAID']) expect(statuses, s).toContain(s);
    const flags = new Set(rows.flatMap((x) => x.flags!.split(';')));
    for (const f of ['DUPLICATE_PAYMENT', 'REVERSED', 'LATE_PAYMENT', 'MULTIPLE_ASSISTANCE']) expect(flags, f).toContain(f);
    expect(statuses).not.toContain('POLICY_GAP'); // the generated regions are all priced by the shipped policies
    const rejects = readCsv(join(a, 'out', 'rejects.csv'));
    expect(rejects.length).toBe(meta.planted_rejects);
  });

  // Without --db the benchmark runs on SQLite whatever the suite's engine: the SQLite half runs it, once.
  it.skipIf(ENGINE !== 'sqlite')('the benchmark runs recon and the sqlite3 peer, which agree on every amount collected', () => {
    const data = tmp();
    const r = node('scripts/bench.mjs', ['--persons', '10000', '--data', data, '--keep']);
    expect(r.status, r.stderr).toBe(0);
    const last = r.stdout.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^BENCH persons=10000 rows=\d+ recon_s=\d+\.\d peer_s=(\d+\.\d|NA) ratio=(\d+\.\d\d|NA) peak_rss_mib=\d+ workbook_s=\d+\.\d workbook_wait_s=\d+\.\d report_s=\d+\.\d rest_s=\d+\.\d rest_ratio=(\d+\.\d\d|NA)$/);
    expect(r.stderr).toMatch(/^ingest +\d+\.\d/m);
    // The comparison with the peer is the point: without the sqlite3 tool this test fails rather than pass
    // having compared nothing (the benchmark itself says NA and how to install it; .ci/run installs it).
    expect(last, 'no sqlite3 peer figure: is the sqlite3 tool installed? (apt-get install sqlite3)').toMatch(/ peer_s=\d+\.\d ratio=\d+\.\d\d /);
    // Two independent paths over the same files: the job (validation, rules) and the peer's one query.
    // Collected amounts per person and region must agree, except where the job rejected a row.
    const work = /kept (.*)$/m.exec(r.stderr)![1]!;
    const rejected = new Set(readCsv(join(work, 'out', 'rejects.csv')).map((x) => x.raw!.split(',')[1]));
    const ours = new Map(readCsv(join(work, 'out', 'reconciliation.csv')).map((x) => [`${x.id_number}/${x.region_code}`, `${x.collected_personal}/${x.collected_assistance}`]));
    const fen = (v: string) => (Number(v) / 100).toFixed(2);
    const peer = readFileSync(join(work, 'peer.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
      .filter((c) => c[1] !== '' && !rejected.has(c[0]!));
    expect(peer.length).toBeGreaterThan(9000);
    const differ = peer.filter((c) => ours.get(`${c[0]}/${c[1]}`) !== `${fen(c[2]!)}/${fen(c[3]!)}`);
    expect(differ).toEqual([]);
  });

  // The writer's floor is a property of SQLite's one writer connection, so it runs on SQLite whatever the
  // suite's engine (in the SQLite half, once). It checks itself that every made-up row was stored before it prints a figure.
  it.skipIf(ENGINE !== 'sqlite')('the writer-floor benchmark stores every row in both shapes and prints its FLOOR line', () => {
    const r = node('scripts/bench-floor.mjs', ['--persons', '3000']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^persons 3000: 3210 payments, 990 roster rows, 3000 result rows$/m);
    expect(r.stderr).toMatch(/^job tables +\d+\.\d +\d+\.\d +\d+\.\d +\d+\.\d +\d+\.\d s$/m);
    expect(r.stdout.trim()).toMatch(/^FLOOR persons=3000 job_writer_s=\d+\.\d lean_writer_s=\d+\.\d$/);
  });

  it.skipIf(!SERVER)('with --db postgres://, the benchmark runs on a database of its own, which it drops afterwards', () => {
    const data = tmp();
    const r = node('scripts/bench.mjs', ['--persons', '2000', '--data', data, '--db', process.env.DATABASE_URL!]);
    expect(r.status, r.stderr).toBe(0);
    const created = /engine: PostgreSQL, database (recon_bench_2000_\d+) \(created for this run\)/.exec(r.stderr)?.[1];
    expect(created).toBeDefined();
    expect(r.stderr).toMatch(/^engine +PostgreSQL/m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^BENCH persons=2000 rows=\d+ recon_s=\d+\.\d peer_s=(\d+\.\d|NA) ratio=(\d+\.\d\d|NA) peak_rss_mib=\d+ workbook_s=\d+\.\d workbook_wait_s=\d+\.\d report_s=\d+\.\d rest_s=\d+\.\d rest_ratio=(\d+\.\d\d|NA)$/);
    expect(query(process.env.DATABASE_URL!, 'select datname from pg_database where datname = ?', created)).toEqual([]);
  });
});
