import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, PAYMENT_HEADER, tmp } from '../helpers/files.js';

const NAMES = ['陈某己', '吴某乙', '沈某癸', '周某甲', '郑伟', '郑强', '王某丙', '李某丁'];
const row = (i: number, name: string) =>
  `T${i},${idNumber('360702', '19800101', String(100 + (i % 800)).padStart(3, '0'))},${name},360702,2023,350.00,2022-10-08\n`;

/** A payments file: data row k (file line k + 1) holds NAMES[k % 8]; each line in the encoding `encodingOf` gives it. */
function paymentsFile(path: string, rows: number, encodingOf: (line: number) => 'utf-8' | 'gb18030'): string {
  const parts: Buffer[] = [Buffer.from(PAYMENT_HEADER.join(',') + '\n')];
  for (let k = 1; k <= rows; k++) {
    const text = row(k, NAMES[k % NAMES.length]!);
    parts.push(encodingOf(k + 1) === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
  }
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

/** `recon ingest` of a new payments file (paymentsFile's rows and encodings) into a new database. */
function ingestNew(name: string, rows: number, encodingOf: (line: number) => 'utf-8' | 'gb18030') {
  const dir = tmp();
  const db = testDb(dir);
  return { db, r: recon(['ingest', '--db', db, paymentsFile(join(dir, name), rows, encodingOf)]) };
}

const payments = (db: string) => query<{ n: number }>(db, 'select cast(count(*) as integer) as n from payments')[0]!.n;
const lineZeroDetail = (db: string) =>
  query<{ detail: string }>(db, "select detail from rejected_rows where line = 0 and reason = 'UNDECODABLE_FILE'").map((r) => r.detail);

describe('a UTF-8 file with a line in another encoding is refused whole, naming the line', () => {
  it('rejects it as UNDECODABLE_FILE with the first bad line number (never its text), keeping none of its rows', () => {
    const { db, r } = ingestNew('mixed.csv', 6, (line) => (line === 4 ? 'gb18030' : 'utf-8'));
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/mixed\.csv +REJECTED UNDECODABLE_FILE \(line 4 is not UTF-8/);
    expect(payments(db)).toBe(0);
    const [detail] = lineZeroDetail(db);
    expect(detail).toMatch(/^line 4 is not UTF-8/);
    for (const name of NAMES) expect(detail).not.toContain(name);
  });

  it('counts lines across the 1 MiB read chunks: the bad line far into a large file is named exactly', () => {
    const { db, r } = ingestNew('big.csv', 20_000, (line) => (line === 15_001 ? 'gb18030' : 'utf-8'));
    expect(r.code).toBe(4);
    expect(lineZeroDetail(db)[0]).toMatch(/^line 15001 is not UTF-8 while the file's other 19999 lines/);
  });
});

describe('a genuine GB18030 file still reads as GB18030', () => {
  it('even when some of its lines happen to be valid UTF-8 too (郑伟 in GBK is)', () => {
    // Every line GB18030; the lines holding 郑伟 and 郑强 are valid UTF-8 by accident (2 of 8 names).
    const { db, r } = ingestNew('gb.csv', 16, () => 'gb18030');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^payments +gb18030 +read 16 \/ accepted 16/);
    const names = query<{ name: string }>(db, 'select distinct name from payments order by name').map((x) => x.name);
    expect(names.sort()).toEqual([...NAMES].sort());
  });
});

describe('the encoding scan holds no whole line', () => {
  it('names the bad line of a file whose lines end with a bare CR, as the framer numbers them', () => {
    const dir = tmp();
    const db = testDb(dir);
    const lf = paymentsFile(join(dir, 'lf.csv'), 6, (line) => (line === 4 ? 'gb18030' : 'utf-8'));
    const cr = join(dir, 'cr.csv');
    writeFileSync(cr, Buffer.from(readFileSync(lf).toString('latin1').replace(/\n/g, '\r'), 'latin1'));
    rmSync(lf);
    const r = recon(['ingest', '--db', db, cr]);
    expect(r.code, r.stderr).toBe(4);
    expect(lineZeroDetail(db)[0]).toMatch(/^line 4 is not UTF-8/);
  });

  it('scans a 40 MB GB18030 file without a line end in bounded memory and rejects its oversized line', () => {
    const dir = tmp();
    const db = testDb(dir);
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'one-line.csv'), Buffer.concat([iconv.encode('证件号码,姓名,' + '张'.repeat(20 << 20), 'gb18030'), Buffer.from(',x')]));
    const r = recon(['run', '--inbox', inbox, '--out', join(dir, 'out'), '--db', db, '--as-of', '2023-03-15', '--settle', '0', '--log', 'json']);
    expect(r.code, r.stderr).toBe(4);
    const finished = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event: string; peak_rss_mib?: number })
      .find((e) => e.event === 'run_finished');
    expect(finished?.peak_rss_mib).toBeLessThan(300);
  });
});

describe('a file with as many GB18030 lines as UTF-8 ones', () => {
  it('is refused whole, never stored with mojibake names (a review found it read as GB18030, exit 0)', () => {
    // Two data rows: line 2 in UTF-8 (陈某己), line 3 in GB18030 (吴某乙): neither encoding is the larger part.
    const { db, r } = ingestNew('tie.csv', 2, (line) => (line === 3 ? 'gb18030' : 'utf-8'));
    expect(r.code, r.stderr).toBe(4);
    expect(payments(db)).toBe(0);
    expect(lineZeroDetail(db)[0]).toMatch(/^line 2 is UTF-8 Chinese text while the file's other 1 lines with Chinese text are not UTF-8/);
  });

  it('a GB18030 file with one UTF-8 line among many is refused too, naming that line', () => {
    const { db, r } = ingestNew('gb-with-utf8.csv', 40, (line) => (line === 17 ? 'utf-8' : 'gb18030'));
    expect(r.code, r.stderr).toBe(4);
    expect(lineZeroDetail(db)[0]).toMatch(/^line 17 is UTF-8 Chinese text/);
  });
});
