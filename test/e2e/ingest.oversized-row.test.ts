import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { idNumber, join, PAYMENT_HEADER } from '../helpers/files.js';
import { logEvents, night } from '../helpers/run.js';

const row = (n: number) => `OV${n},${idNumber('360702', '19800101', String(100 + n))},陈某己,360702,2023,350.00,2022-10-08`;
/** A payment line whose name is one quoted field of `mib` MiB. */
const hugeRow = (n: number, mib: number) => `OV${n},${idNumber('360702', '19800101', String(100 + n))},"${'某'.repeat(mib << 20)}",360702,2023,350.00,2022-10-08`;

/**
 * A line longer than the framer's limit (1 MiB per record, record-framer.ts) is rejected OVERSIZED_ROW at its
 * line and never held whole: a 12 MB and a 17 MB quoted field (which ran the read worker out of memory, and
 * at 16 MB aborted the whole process) cost one reject each, the rows after them and the next file are read.
 */
describe('a line past the record limit is rejected OVERSIZED_ROW and the run goes on', () => {
  let db: string;
  let out: string;
  let result: CliResult;
  beforeAll(() => {
    const n = night([]);
    const inbox = n.inbox;
    const lines = [PAYMENT_HEADER.join(','), row(1), row(2), hugeRow(3, 12)]; // the 12 MB line is line 4
    for (let n = 4; n <= 12; n++) lines.push(row(n));
    lines.push(hugeRow(13, 17)); // line 14
    for (let n = 14; n <= 25; n++) lines.push(row(n));
    writeFileSync(join(inbox, 'a-big.csv'), lines.join('\r\n') + '\r\n');
    writeFileSync(join(inbox, 'b-good.csv'), [PAYMENT_HEADER.join(','), row(31), row(32)].join('\n') + '\n');
    ({ db, out } = n);
    result = recon(n.args());
  });

  it('finishes the night: exit 0, run recorded done, memory within 300 MiB', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(query(db, 'select status, exit_code from runs')).toEqual([{ status: 'done', exit_code: 0 }]);
    const finished = logEvents(result.stdout).find((e) => e.event === 'run_finished')!;
    expect(finished.peak_rss_mib).toBeLessThan(300);
  });

  it('rejects each oversized line at its line number with its length, raw text cut to 1,000 characters', () => {
    const rejects = query<{ line: number; reason: string; detail: string; raw: string }>(
      db, 'select line, reason, detail, raw from rejected_rows order by line');
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([[4, 'OVERSIZED_ROW'], [14, 'OVERSIZED_ROW']]);
    expect(rejects[0]!.detail).toContain(`${hugeRow(3, 12).length.toLocaleString('en-US')} characters`);
    expect(rejects[1]!.detail).toContain(`${hugeRow(13, 17).length.toLocaleString('en-US')} characters`);
    expect(rejects.map((r) => r.raw)).toEqual([hugeRow(3, 12).slice(0, 1000), hugeRow(13, 17).slice(0, 1000)]);
  });

  it('accepts every row after them and the other file', () => {
    const txns = query<{ txn_id: string }>(db, 'select txn_id from payments order by source_line, txn_id').map((r) => r.txn_id);
    const expected = [1, 2, ...Array.from({ length: 9 }, (_, i) => i + 4), ...Array.from({ length: 12 }, (_, i) => i + 14), 31, 32];
    expect(txns.sort()).toEqual(expected.map((n) => `OV${n}`).sort());
    expect(query(db, 'select file_name, status, rows_read, accepted, rejected from ingested_files order by file_name')).toEqual([
      { file_name: 'a-big.csv', status: 'ingested', rows_read: 25, accepted: 23, rejected: 2 },
      { file_name: 'b-good.csv', status: 'ingested', rows_read: 2, accepted: 2, rejected: 0 },
    ]);
  });

  it('lists the rejects in rejects.csv with cells Excel can hold', () => {
    const rejects = readCsv(join(out, 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([['4', 'OVERSIZED_ROW'], ['14', 'OVERSIZED_ROW']]);
    for (const r of rejects) for (const cell of Object.values(r)) expect(cell.length).toBeLessThanOrEqual(32_767);
  });
});
