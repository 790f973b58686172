import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { logEvents, night, type Night } from '../helpers/run.js';

const GOOD = 'tax-ganzhou-2022-10.csv';

describe('a file skipped as already ingested says when and as what, under tonight\'s name, and counts nothing (spec 6)', () => {
  let n: Night;
  let first: CliResult;
  let held: { ingested_at: string; rows_read: number } | undefined;
  let json: CliResult;
  let text: CliResult;
  let ingest: CliResult;
  let expected: string;
  beforeAll(() => {
    n = night([GOOD]);
    first = recon(n.args());
    [held] = query<{ ingested_at: string; rows_read: number }>(n.db, 'select ingested_at, rows_read from ingested_files');
    // The sender re-sends the same bytes under a new name.
    renameSync(join(n.inbox, GOOD), join(n.inbox, 'resent.csv'));
    json = recon(n.args());
    text = recon(n.args('--log', 'text'));
    copyFileSync(join(n.inbox, 'resent.csv'), join(n.root, 'again.csv'));
    ingest = recon(['ingest', '--db', n.db, join(n.root, 'again.csv')]);
    expected = `already ingested on ${held!.ingested_at.slice(0, 10)} ${held!.ingested_at.slice(11, 19)} as ${GOOD}: skipped`;
  });

  it('logs file_done under tonight\'s name with outcome skipped, ingested_at and ingested_as, and all counts 0', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    const done = logEvents(json.stdout).filter((e) => e.event === 'file_done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({
      file: 'resent.csv', outcome: 'skipped', ingested_at: held!.ingested_at, ingested_as: GOOD,
      rows_read: 0, accepted: 0, repeats: 0, rejected: 0,
    });
  });

  it('says "already ingested on <date> as <name>: skipped" in the text log and in recon ingest\'s line', () => {
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain(`read 0 / accepted 0 / repeats 0 / rejected 0  resent.csv  (${expected})`);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(new RegExp(`read 0 / accepted 0 / repeats 0 / rejected 0  again\\.csv  \\(${expected.replaceAll('.', '\\.')}\\)`));
  });

  it('counts nothing in the run\'s step totals and run_inputs; the manifest\'s inputs still list the file held, with its counts', () => {
    const manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
    expect(manifest.steps.ingest).toMatchObject({ files: 1, ingested: 0, skipped: 1, rows_read: 0, accepted: 0, repeats: 0, rejected: 0 });
    expect(manifest.run_inputs).toEqual([expect.objectContaining({
      name: 'resent.csv', outcome: 'skipped', rows_read: 0, accepted: 0, repeats: 0, rejected: 0, ingested_at: held!.ingested_at, ingested_as: GOOD,
    })]);
    expect(manifest.inputs).toEqual([expect.objectContaining({ name: GOOD, status: 'ingested', rows_read: held!.rows_read, accepted: 17 })]);
    const [last] = query<{ steps: string }>(n.db, "select steps from runs where command = 'run' order by started_at desc limit 1");
    expect(JSON.parse(last!.steps).ingest).toMatchObject({ rows_read: 0, accepted: 0 });
  });
});
