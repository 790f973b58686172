import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon, ROOT, type CliResult } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { query } from '../helpers/db.js';
import { logEvents, night, type Night } from '../helpers/run.js';

const GOOD = 'tax-ganzhou-2022-10.csv';

/**
 * The tax bureau's re-export of a file already ingested, with the amounts of its 350.00 rows changed: its
 * txn_ids are held with other content (CONFLICTING_TXN_ID), two rows are unchanged (repeats).
 */
function reExport(): string {
  const text = iconv.decode(readFileSync(join(ROOT, 'fixtures/inbox', GOOD)), 'gb18030');
  const [header, ...rows] = text.trimEnd().split('\n');
  return [header, ...rows.map((r) => r.replace('350.00', '380.00'))].join('\n') + '\n';
}

/** Three good rows, then values in the wrong columns: 3 BAD_AMOUNT, 2 BAD_DATE, 2 BAD_REGION_CODE. */
function misMapped(): string {
  const row = (txn: string, region: string, amount: string, paidAt: string) => `${txn},360702198001019010,陈某己,${region},2023,${amount},${paidAt}`;
  return [
    'txn_id,id_number,name,region_code,coverage_year,amount,paid_at',
    row('M0', '360702', '350.00', '2022-10-08'), row('M1', '360702', '350.00', '2022-10-08'), row('M2', '360702', '350.00', '2022-10-08'),
    row('M3', '360702', '2022-10-08', '350.00'), row('M4', '360702', '2022-10-08', '350.00'), row('M5', '360702', '2022-10-08', '350.00'),
    row('M6', '360702', '350.00', '350.00'), row('M7', '360702', '350.00', '350.00'),
    row('M8', '陈某己', '350.00', '2022-10-08'), row('M9', '陈某己', '350.00', '2022-10-08'),
  ].join('\n') + '\n';
}

describe('a file rejected whole as TOO_MANY_REJECTS still lists its bad rows, and names the real cause (spec 2.4, v2)', () => {
  let n: Night;
  let first: CliResult;
  let heldPayments: Record<string, unknown>[];
  let second: CliResult;
  let rejects: Record<string, string>[];
  let manifest: Record<string, unknown>;
  beforeAll(() => {
    n = night([GOOD]);
    first = recon(n.args());
    heldPayments = query(n.db, 'select * from payments order by txn_id');
    writeFileSync(join(n.inbox, 're-export.csv'), reExport());
    writeFileSync(join(n.inbox, 'mis-mapped.csv'), misMapped());
    second = recon(n.args());
    rejects = readCsv(join(n.out, 'rejects.csv'));
    manifest = JSON.parse(readFileSync(join(n.out, 'manifest.json'), 'utf8'));
  });

  const of = (file: string) => rejects.filter((r) => r.file === file);

  it('rejects both files whole, exit 4', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(4);
    const done = logEvents(second.stdout).filter((e) => e.event === 'file_done' && e.outcome === 'rejected');
    expect(done.map((e) => [e.file, e.reject_reason])).toEqual([['mis-mapped.csv', 'TOO_MANY_REJECTS'], ['re-export.csv', 'TOO_MANY_REJECTS']]);
  });

  it('lists the re-export\'s conflicting rows after its line-0 row, each with line, reason, detail and raw text', () => {
    const rows = of('re-export.csv');
    expect(rows[0]).toMatchObject({ line: '0', reason: 'TOO_MANY_REJECTS', raw: '' });
    const listed = rows.slice(1);
    expect(listed).toHaveLength(15);
    expect(listed.every((r) => r.reason === 'CONFLICTING_TXN_ID' && r.kind === 'payments')).toBe(true);
    expect(listed.map((r) => Number(r.line))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17]);
    expect(listed[0]!.detail).toBe('txn_id GZ2022090001 is already held with different content; the first stays');
    expect(listed[0]!.raw).toMatch(/^GZ2022090001,.*380\.00/);
  });

  it('names the cause of the re-export (held txn_ids with other content), not mis-mapped columns, with counts per reason', () => {
    const detail = of('re-export.csv')[0]!.detail!;
    expect(detail).toContain('15 of 17 rows rejected');
    expect(detail).toContain('repeats txn_ids already held with other content (a re-export with changed rows?)');
    expect(detail).toContain('rejects by reason: CONFLICTING_TXN_ID 15');
    expect(detail).not.toContain('mis-mapped');
  });

  it('keeps the mis-mapping hint where the rejects are spread over field reasons, and lists those rows', () => {
    const rows = of('mis-mapped.csv');
    expect(rows[0]!.detail).toContain('7 of 10 rows rejected');
    expect(rows[0]!.detail).toContain('the columns are probably mis-mapped');
    expect(rows[0]!.detail).toContain('rejects by reason: BAD_AMOUNT 3, BAD_DATE 2, BAD_REGION_CODE 2;');
    expect(rows.slice(1).map((r) => [r.line, r.reason])).toEqual([
      ['5', 'BAD_AMOUNT'], ['6', 'BAD_AMOUNT'], ['7', 'BAD_AMOUNT'], ['8', 'BAD_DATE'], ['9', 'BAD_DATE'], ['10', 'BAD_REGION_CODE'], ['11', 'BAD_REGION_CODE'],
    ]);
    expect(rows[1]!.raw).toBe('M3,360702198001019010,陈某己,360702,2023,2022-10-08,350.00');
  });

  it('keeps none of their rows, and the manifest counts all their rows as rejected', () => {
    expect(query(n.db, 'select * from payments order by txn_id')).toEqual(heldPayments);
    const inputs = manifest.run_inputs as { name: string; rows_read: number; accepted: number; repeats: number; rejected: number }[];
    expect(inputs.find((i) => i.name === 're-export.csv')).toMatchObject({ rows_read: 17, accepted: 0, repeats: 0, rejected: 17 });
    expect(inputs.find((i) => i.name === 'mis-mapped.csv')).toMatchObject({ rows_read: 10, accepted: 0, repeats: 0, rejected: 10 });
  });

  it('offered again and accepted (a higher --max-reject-rate), the file\'s earlier rejects are replaced, not added to', () => {
    const again = recon([...n.args(), '--max-reject-rate', '0.9']);
    expect(again.code, again.stderr).toBe(0);
    const rows = readCsv(join(n.out, 'rejects.csv')).filter((r) => r.file === 'mis-mapped.csv');
    expect(rows.map((r) => r.line)).not.toContain('0');
    expect(rows).toHaveLength(7);
    expect(query(n.db, "select status from ingested_files where file_name = 'mis-mapped.csv'")).toEqual([{ status: 'ingested' }]);
  });
});
