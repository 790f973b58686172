import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { logEvents, night, type Night } from '../helpers/run.js';

/** A name that would clear the screen, turn it red and forge a line saying the run went well. */
const FORGER = 'a\x1b[2J\x1b[31mred\nrecon: run 20230315-020000-abcdef done (exit 0, 1 s)\r.csv';
/** C1 CSI (8-bit ANSI), DEL, a line separator and a right-to-left override. */
const C1 = 'b\u009b31m\u007f\u2028\u202efdp.csv';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/;
const onePayment = `txn_id,id_number,name,region_code,coverage_year,amount,paid_at\nE1,360702199204129089,周某甲,360702,2023,350.00,20221012\n`;

describe('file names with control characters are shown escaped in the text log and recon ingest\'s lines', () => {
  let n: Night;
  let text: CliResult;
  let json: CliResult;
  beforeAll(() => {
    n = night([]);
    copyFileSync(join(ROOT, 'fixtures/inbox/tax-ganzhou-2022-10.csv'), join(n.inbox, FORGER));
    writeFileSync(join(n.inbox, C1), onePayment);
    writeFileSync(join(n.inbox, 'c\x1b[1m.part'), onePayment); // deferred: a temporary name
    mkdirSync(join(n.inbox, 'd\x1b[1mfolder')); // not read: a folder
    text = recon(n.args('--log', 'text'));
    json = recon(n.args()); // the files are skipped now, under the same names
  });

  it('prints the names with \\x1b, \\n, \\r, \\x9b, \\x7f, \\u2028, \\u202e visible, and no control character at all', () => {
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('a\\x1b[2J\\x1b[31mred\\nrecon: run 20230315-020000-abcdef done (exit 0, 1 s)\\r.csv');
    expect(text.stderr).toContain('b\\x9b31m\\x7f\\u2028\\u202efdp.csv');
    expect(text.stderr).toContain('deferred  c\\x1b[1m.part');
    expect(text.stderr).toContain('skipped   d\\x1b[1mfolder');
    expect(text.stderr).not.toMatch(CONTROL);
    expect(text.stderr.split('\n').filter((l) => l.startsWith('recon: run 20230315-020000-abcdef'))).toEqual([]);
  });

  it('recon ingest\'s result lines escape them too', () => {
    const r = recon(['ingest', '--db', join(n.root, 'other.sqlite'), n.inbox]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('a\\x1b[2J\\x1b[31mred\\nrecon: run');
    expect(r.stdout).toContain('b\\x9b31m\\x7f\\u2028\\u202efdp.csv');
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('the JSON log holds each name exactly, escaped by JSON, one event per line, with no raw control character', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).not.toMatch(CONTROL);
    const files = logEvents(json.stdout).filter((e) => e.event === 'file_done' || e.event === 'file_deferred' || e.event === 'entry_skipped').map((e) => e.file);
    expect(files.sort()).toEqual([FORGER, C1, 'c\x1b[1m.part', 'd\x1b[1mfolder'].sort());
  });
});
