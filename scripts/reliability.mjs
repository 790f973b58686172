#!/usr/bin/env node
// The reliability campaign (docs/reliability.md): `npm run reliability -- [--fuzz N] [--kills N] [--seed S]
// [--only fuzz,kills,disk,corrupt] [--keep]`. Every trial runs the real CLI (bin/recon.js, compiled dist/)
// on real files in a temporary folder and checks what an operator relies on:
//
// - fuzz:    a fixture file mutated at random (bytes flipped, cut, inserted; line ends changed; encodings
//            mixed; oversized lines; columns shuffled; UTF-16; emptied) beside a good file. The run ends
//            0 or 4, never crashes; no run record is left `running`; every file's rows read = accepted +
//            repeats + rejected; an ingested file has exactly `rejected` rows in rejects.csv; the good file
//            is ingested whole; peak RSS stays under 300 MiB; a rerun gives byte-identical CSVs.
// - kills:   kill -9 at a failpoint chosen at random (ingest row, reconcile person, export file, the swap)
//            or at a random moment from outside. Afterwards --out holds the previous outputs or the new
//            ones, complete (the swap's one window is recovered at the next start); the rerun gives a
//            clean run's CSVs, leaves no side folder and marks the killed run `interrupted`.
// - disk:    the output folder's and the database's file systems full (a small tmpfs; needs root, else
//            skipped and said so). The run fails with exit 1 naming the path, the previous outputs stay
//            byte for byte, the database still gives a clean run's CSVs on a disk with room.
// - corrupt: the database cut in half, pages overwritten, emptied to 0 bytes, replaced by text: exit 1
//            naming the path, the previous outputs untouched, the database file not rewritten.
//
// Prints one line per failure and a summary per part; exits 1 if any trial failed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { seededRandom } from './seeded-random.mjs';

const { values } = parseArgs({
  options: {
    fuzz: { type: 'string' }, kills: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean' },
  },
});
const FUZZ = Number(values.fuzz ?? 465);
const KILLS = Number(values.kills ?? 33);
const parts = new Set((values.only ?? 'fuzz,kills,disk,corrupt').split(','));
const root = resolve(new URL('..', import.meta.url).pathname);
const BIN = join(root, 'bin/recon.js');
const INBOX = join(root, 'fixtures/inbox');
const POLICIES = join(root, 'fixtures/policies');
const CSVS = ['reconciliation.csv', 'refunds.csv', 'duplicates.csv', 'rejects.csv', 'region_summary.csv'];
const work = mkdtempSync(join(tmpdir(), 'recon-reliability-'));

// Seeded, so that a campaign can be replayed with its seed.
const random = seededRandom(values.seed ?? 1);
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const results = {};
const failures = [];
function record(part, name, problems) {
  results[part] ??= { trials: 0, failed: 0 };
  results[part].trials++;
  if (problems.length) {
    results[part].failed++;
    failures.push(`${part} ${name}: ${problems.join('; ')}`);
    process.stderr.write(`FAIL ${part} ${name}: ${problems.join('; ')}\n`);
  }
}

/** A night's folders: inbox, out/latest, data/recon.sqlite. */
function night(name, files = []) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'inbox'), { recursive: true });
  for (const f of files) copyFileSync(join(INBOX, f), join(dir, 'inbox', f));
  const n = { dir, inbox: join(dir, 'inbox'), out: join(dir, 'out', 'latest'), db: join(dir, 'data', 'recon.sqlite') };
  n.args = (...extra) => [
    'run', '--inbox', n.inbox, '--out', n.out, '--db', n.db, '--policies', POLICIES, '--as-of', '2023-03-15', '--log', 'json',
    '--settle', '0', ...extra,
  ];
  return n;
}

function recon(args, env = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, RECON_FAILPOINT: '', ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const csvBytes = (out) => Object.fromEntries(CSVS.map((f) => [f, existsSync(join(out, f)) ? readFileSync(join(out, f)) : null]));
const sameCsvs = (a, b) => CSVS.every((f) => a[f] !== null && b[f] !== null && a[f].equals(b[f]));
const hashOf = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const events = (stdout) => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

function runStatuses(db) {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare('select status from runs order by started_at, run_id').all().map((r) => r.status);
  } finally {
    d.close();
  }
}

/** The output folder and every side folder beside it. */
const besideOut = (n) => (existsSync(join(n.dir, 'out')) ? readdirSync(join(n.dir, 'out')).sort() : []);

// ---------------------------------------------------------------------------------------------- fuzz
const GOOD = 'tax-ganzhou-2022-10.csv';
const mutations = {
  flipBytes: (b) => { const c = Buffer.from(b); for (let i = int(1, 8); i > 0; i--) c[int(0, c.length - 1)] = int(0, 255); return c; },
  cut: (b) => b.subarray(0, int(0, b.length)),
  deleteRange: (b) => { const at = int(0, b.length); return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + int(1, 200)))]); },
  insertBytes: (b) => {
    const at = int(0, b.length);
    const bytes = Buffer.from(Array.from({ length: int(1, 12) }, () => pick([0x22, 0x2c, 0x0d, 0x0a, 0x00, 0x80, 0xff, 0xe4, 0x20, 0x3d, int(0, 255)])));
    return Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]);
  },
  crOnly: (b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1'),
  crlf: (b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'),
  gbLine: (b) => {
    const lines = b.toString('utf8').split('\n');
    const at = int(1, Math.max(1, lines.length - 1));
    return Buffer.concat([Buffer.from(lines.slice(0, at).join('\n') + '\n'), iconv.encode(lines[at] ?? '张三', 'gb18030'), Buffer.from('\n' + lines.slice(at + 1).join('\n'))]);
  },
  allGb: (b) => iconv.encode(b.toString('utf8'), 'gb18030'),
  utf16: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  bom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  oversizedLine: (b) => {
    const lines = b.toString('utf8').split('\n');
    lines.splice(int(1, lines.length), 0, 'x'.repeat(int(1, 3) << 20));
    return Buffer.from(lines.join('\n'));
  },
  hugeQuotedField: (b) => {
    const lines = b.toString('utf8').split('\n');
    lines.splice(int(1, lines.length), 0, `T-HUGE,"${'y'.repeat(int(1, 3) << 20)}"`);
    return Buffer.from(lines.join('\n'));
  },
  unclosedQuote: (b) => {
    const lines = b.toString('utf8').split('\n');
    const at = int(1, Math.max(1, lines.length - 1));
    lines[at] = `"${lines[at] ?? ''}`;
    return Buffer.from(lines.join('\n'));
  },
  duplicateLines: (b) => {
    const lines = b.toString('utf8').split('\n');
    for (let i = int(1, 5); i > 0; i--) lines.splice(int(1, lines.length), 0, lines[int(1, Math.max(1, lines.length - 1))] ?? '');
    return Buffer.from(lines.join('\n'));
  },
  shuffleColumns: (b) => {
    const lines = b.toString('utf8').split('\n');
    const cells = lines[0].split(',');
    const order = cells.map((_, i) => i).sort(() => random() - 0.5);
    return Buffer.from(lines.map((l) => { const c = l.split(','); return order.map((i) => c[i] ?? '').join(','); }).join('\n'));
  },
  empty: () => Buffer.alloc(0),
  headerOnly: (b) => Buffer.from(b.toString('utf8').split('\n')[0] + '\n'),
};

function fuzz() {
  const bases = [
    ...readdirSync(INBOX).filter((f) => f !== GOOD).map((f) => join(INBOX, f)),
    ...readdirSync(join(root, 'fixtures/bad')).map((f) => join(root, 'fixtures/bad', f)),
  ];
  const goodRows = readFileSync(join(INBOX, GOOD), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').length;
  for (let i = 1; i <= FUZZ; i++) {
    const base = pick(bases);
    const applied = Array.from({ length: int(1, 3) }, () => pick(Object.keys(mutations)));
    let bytes = readFileSync(base);
    for (const m of applied) bytes = mutations[m](bytes);
    const name = `fuzz-${i}`;
    const n = night(name, [GOOD]);
    writeFileSync(join(n.inbox, 'fuzzed.csv'), bytes);
    const label = `${name} (${base.split('/').pop()}: ${applied.join('+')})`;
    const problems = [];
    const first = recon(n.args());
    if (first.code !== 0 && first.code !== 4) problems.push(`exit ${first.code ?? first.signal}: ${first.stderr.trim().split('\n').pop()}`);
    if (existsSync(n.db) && runStatuses(n.db).includes('running')) problems.push('a run record left running');
    const finished = events(first.stdout).find((e) => e.event === 'run_finished');
    if (finished && finished.peak_rss_mib >= 300) problems.push(`peak RSS ${finished.peak_rss_mib} MiB`);
    if (first.code === 0 || first.code === 4) {
      const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
      const rejects = readFileSync(join(n.out, 'rejects.csv'), 'utf8');
      for (const f of manifest.inputs) {
        if (f.rows_read !== f.accepted + f.repeats + f.rejected) problems.push(`${f.name}: read ${f.rows_read} != ${f.accepted} + ${f.repeats} + ${f.rejected}`);
        if (f.name === GOOD && (f.status !== 'ingested' || f.accepted !== goodRows)) problems.push(`the good file: ${f.status}, ${f.accepted} of ${goodRows} accepted`);
        if (f.status === 'ingested') {
          // rejects.csv rows of this file: a line-0 row is a file-level reject, the rest its bad rows.
          const listed = rejects.split('\n').filter((l) => l.startsWith(`${f.name},`) && !l.startsWith(`${f.name},0,`)).length;
          if (listed < f.rejected) problems.push(`${f.name}: ${f.rejected} rejected but ${listed} listed in rejects.csv`);
        }
      }
      const before = csvBytes(n.out);
      const again = recon(n.args());
      if (again.code !== first.code) problems.push(`rerun exit ${again.code} after ${first.code}`);
      else if (!sameCsvs(before, csvBytes(n.out))) problems.push('rerun CSVs differ');
    }
    record('fuzz', label, problems);
    if (!values.keep) rmSync(n.dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------------------------------------------- kills
const ALL = readdirSync(INBOX).sort();
const LAST_NIGHT = ALL.filter((f) => f.startsWith('roster-'));

async function kills() {
  const clean = night('kills-reference', ALL);
  const ref = recon(clean.args());
  if (ref.code !== 0) throw new Error(`reference run failed: ${ref.stderr}`);
  const reference = csvBytes(clean.out);
  const refSeconds = events(ref.stdout).find((e) => e.event === 'run_finished')?.seconds ?? 1;
  const points = [['ingest-row', 1, 400], ['reconcile-person', 1, 60], ['export-file', 1, 1], ['export-swap', 1, 1]];
  for (let i = 1; i <= KILLS; i++) {
    const n = night(`kill-${i}`, LAST_NIGHT);
    if (recon(n.args()).code !== 0) throw new Error('the previous night failed');
    const previous = csvBytes(n.out);
    for (const f of ALL.filter((x) => !LAST_NIGHT.includes(x))) copyFileSync(join(INBOX, f), join(n.inbox, f));
    let how;
    if (random() < 0.5) {
      const [point, lo, hi] = pick(points);
      const at = int(lo, hi);
      how = `failpoint ${point}:${at}`;
      recon(n.args(), { RECON_FAILPOINT: `${point}:${at}:kill` });
    } else {
      const ms = int(0, Math.ceil(refSeconds * 1000) + 300);
      how = `kill -9 after ${ms} ms`;
      const child = spawn(process.execPath, [BIN, ...n.args()], { cwd: root, stdio: 'ignore', env: { ...process.env, RECON_FAILPOINT: '' } });
      await new Promise((r) => setTimeout(r, ms));
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
    }
    const problems = [];
    // Right after the kill: the previous outputs or the new ones, whole; or, killed in the swap's window,
    // the previous outputs whole beside it (put back by the next start, checked by the rerun below).
    if (existsSync(n.out)) {
      const now = csvBytes(n.out);
      if (!sameCsvs(now, previous) && !sameCsvs(now, reference)) problems.push('--out holds neither the previous nor the new outputs');
    } else if (!besideOut(n).some((e) => e.includes('.old-'))) {
      problems.push('--out is missing and no previous outputs are beside it');
    }
    const rerun = recon(n.args());
    if (rerun.code !== 0) problems.push(`rerun exit ${rerun.code}: ${rerun.stderr.trim()}`);
    else if (!sameCsvs(csvBytes(n.out), reference)) problems.push('rerun CSVs differ from a clean run');
    if (besideOut(n).join() !== 'latest') problems.push(`left beside the outputs: ${besideOut(n).join(', ')}`);
    if (runStatuses(n.db).includes('running')) problems.push('a run record left running');
    record('kills', `kill-${i} (${how})`, problems);
    if (!values.keep) rmSync(n.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- disk
function mountTmpfs(dir, bytes) {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0;
}
const umount = (dir) => spawnSync('umount', [dir]);

function disk() {
  if (process.getuid?.() !== 0 || !mountTmpfs(join(work, 'probe'), 65536)) {
    process.stderr.write('disk: skipped (mounting a small tmpfs needs root)\n');
    return;
  }
  umount(join(work, 'probe'));
  const reference = (() => {
    const c = night('disk-reference', ALL);
    if (recon(c.args()).code !== 0) throw new Error('reference run failed');
    return csvBytes(c.out);
  })();

  // The output folder's file system fills up during the export.
  for (const free of [2048, 8192, 20000]) {
    const n = night(`disk-out-${free}`, LAST_NIGHT);
    const outFs = join(n.dir, 'out');
    mountTmpfs(outFs, 1 << 20);
    const problems = [];
    try {
      if (recon(n.args()).code !== 0) throw new Error('the previous night failed');
      const previous = csvBytes(n.out);
      const used = spawnSync('df', ['-B1', '--output=avail', outFs], { encoding: 'utf8' }).stdout.split('\n')[1].trim();
      writeFileSync(join(outFs, 'filler'), Buffer.alloc(Math.max(0, Number(used) - free)));
      for (const f of ALL.filter((x) => !LAST_NIGHT.includes(x))) copyFileSync(join(INBOX, f), join(n.inbox, f));
      const full = recon(n.args());
      if (full.code !== 1) problems.push(`exit ${full.code} on a full disk`);
      if (!/ENOSPC|no space/i.test(full.stderr)) problems.push(`the error does not say the disk is full: ${full.stderr.trim()}`);
      if (!sameCsvs(csvBytes(n.out), previous)) problems.push('the previous outputs changed');
      if (runStatuses(n.db).includes('running')) problems.push('a run record left running');
      rmSync(join(outFs, 'filler'));
      const rerun = recon(n.args());
      if (rerun.code !== 0 || !sameCsvs(csvBytes(n.out), reference)) problems.push('the rerun with room does not give a clean run\'s CSVs');
      if (besideOut(n).filter((e) => e !== 'latest').length) problems.push(`left beside the outputs: ${besideOut(n).join(', ')}`);
    } finally {
      umount(outFs);
    }
    record('disk', `out folder with ${free} bytes free`, problems);
  }

  // The database's file system fills up during ingest.
  for (const spare of [4096, 65536]) {
    const n = night(`disk-db-${spare}`, LAST_NIGHT);
    const problems = [];
    if (recon(n.args()).code !== 0) throw new Error('the previous night failed');
    const previous = csvBytes(n.out);
    const dataFs = join(n.dir, 'data');
    const saved = join(n.dir, 'saved');
    mkdirSync(saved);
    for (const f of readdirSync(dataFs)) copyFileSync(join(dataFs, f), join(saved, f));
    rmSync(dataFs, { recursive: true });
    const size = readdirSync(saved).reduce((s, f) => s + statSync(join(saved, f)).size, 0);
    mountTmpfs(dataFs, size + spare);
    try {
      for (const f of readdirSync(saved)) copyFileSync(join(saved, f), join(dataFs, f));
      for (const f of ALL.filter((x) => !LAST_NIGHT.includes(x))) copyFileSync(join(INBOX, f), join(n.inbox, f));
      const full = recon(n.args());
      if (full.code !== 1) problems.push(`exit ${full.code} on a full disk`);
      if (!full.stderr.includes(n.db)) problems.push(`the error does not name the database: ${full.stderr.trim()}`);
      if (!sameCsvs(csvBytes(n.out), previous)) problems.push('the previous outputs changed');
      for (const f of readdirSync(dataFs)) copyFileSync(join(dataFs, f), join(saved, f));
    } finally {
      umount(dataFs);
    }
    for (const f of readdirSync(saved)) copyFileSync(join(saved, f), join(dataFs, f));
    const rerun = recon(n.args());
    if (rerun.code !== 0 || !sameCsvs(csvBytes(n.out), reference)) problems.push(`the rerun with room does not give a clean run's CSVs (exit ${rerun.code}: ${rerun.stderr.trim()})`);
    record('disk', `database with ${spare} bytes spare`, problems);
  }
}

// ------------------------------------------------------------------------------------------- corrupt
function corrupt() {
  const damages = {
    'cut in half': (db) => truncateSync(db, Math.floor(statSync(db).size / 2)),
    'pages overwritten': (db) => {
      const b = readFileSync(db);
      for (let p = 1; p * 4096 < b.length; p += 2) b.fill(0xa5, p * 4096, Math.min(b.length, p * 4096 + 4096));
      writeFileSync(db, b);
    },
    'header overwritten': (db) => { const b = readFileSync(db); b.fill(0, 0, 100); writeFileSync(db, b); },
    'emptied to 0 bytes': (db) => truncateSync(db, 0),
    'replaced by text': (db) => writeFileSync(db, 'id_number,name\n'),
  };
  for (const [what, damage] of Object.entries(damages)) {
    const n = night(`corrupt-${what.replace(/\W+/g, '-')}`, ALL);
    if (recon(n.args()).code !== 0) throw new Error('the first night failed');
    const previous = csvBytes(n.out);
    damage(n.db);
    const before = hashOf(n.db);
    const r = recon(n.args());
    const problems = [];
    if (r.code !== 1) problems.push(`exit ${r.code}`);
    if (!r.stderr.includes(n.db)) problems.push(`the error does not name the database: ${r.stderr.trim()}`);
    if (!sameCsvs(csvBytes(n.out), previous)) problems.push('the previous outputs changed');
    if (hashOf(n.db) !== before) problems.push('the damaged database file was rewritten');
    record('corrupt', what, problems);
    if (!values.keep) rmSync(n.dir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
try {
  if (parts.has('fuzz')) fuzz();
  if (parts.has('kills')) await kills();
  if (parts.has('disk')) disk();
  if (parts.has('corrupt')) corrupt();
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
for (const [part, r] of Object.entries(results)) console.log(`RELIABILITY ${part} trials=${r.trials} failed=${r.failed}`);
console.log(`reliability: ${failures.length ? 'FAILED' : 'nothing lost'} (${Object.values(results).reduce((s, r) => s + r.trials, 0)} trials, ${Math.round((Date.now() - t0) / 1000)} s, seed ${values.seed ?? 1})`);
process.exit(failures.length ? 1 : 0);
