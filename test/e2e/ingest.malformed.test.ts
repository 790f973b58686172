import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { idNumber, join, PAYMENT_HEADER, tmp, writeText } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

const ID = idNumber('360702', '19800101', '901');
const row = (txn: string) => `${txn},${ID},陈某己,360702,2023,350.00,2022-10-08`;

describe('malformed CSV rows get their own line numbers and never swallow the rows after them', () => {
  const text = [
    PAYMENT_HEADER.join(','), // 1
    row('T1'), // 2
    `T2,"${ID},陈某己,360702,2023,350.00,2022-10-08`, // 3: unclosed quote
    row('T3'), // 4
    `T4,${ID},"陈某\n己",360702,2023,350.00,2022-10-08`, // 5-6: a quoted field spanning lines (valid)
    row('T5'), // 7
    `T6,${ID},陈某己,360702,2023,350.00`, // 8: wrong field count
    row('T7'), // 9
    `T8,${ID},陈某己,360702,2023,"350.00"x,2022-10-08`, // 10: text after a closing quote
    row('T9'), // 11
    `T10,"${ID}`, // 12: unclosed quote at the end of the file
  ].join('\r\n');
  let db: string;
  let result: CliResult;
  beforeAll(() => {
    const dir = tmp();
    db = testDb(dir);
    const file = writeText(join(dir, 'p.csv'), text);
    result = recon(['ingest', '--db', db, '--max-reject-rate', '0.5', file]);
  });

  it('rejects the malformed lines at the line where each record starts', () => {
    expect(result.code).toBe(0);
    expect(query(db, 'select line, reason, raw from rejected_rows order by line')).toEqual([
      { line: 3, reason: 'MALFORMED_ROW', raw: `T2,"${ID},陈某己,360702,2023,350.00,2022-10-08` },
      { line: 8, reason: 'MALFORMED_ROW', raw: `T6,${ID},陈某己,360702,2023,350.00` },
      { line: 10, reason: 'MALFORMED_ROW', raw: `T8,${ID},陈某己,360702,2023,"350.00"x,2022-10-08` },
      { line: 12, reason: 'MALFORMED_ROW', raw: `T10,"${ID}` },
    ]);
  });

  it('loads every well-formed row, with the line its record starts on', () => {
    expect(query(db, 'select txn_id, source_line, name from payments order by source_line')).toEqual([
      { txn_id: 'T1', source_line: 2, name: '陈某己' },
      { txn_id: 'T3', source_line: 4, name: '陈某己' },
      { txn_id: 'T4', source_line: 5, name: '陈某\n己' },
      { txn_id: 'T5', source_line: 7, name: '陈某己' },
      { txn_id: 'T7', source_line: 9, name: '陈某己' },
      { txn_id: 'T9', source_line: 11, name: '陈某己' },
    ]);
    expect(result.stdout).toMatch(/read 10 \/ accepted 6 \/ repeats 0 \/ rejected 4/);
  });
});
