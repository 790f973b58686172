import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

const HEADER = ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'];
const A = idNumber('360702', '19750315', '902');
const B = idNumber('360702', '19580808', '922');

describe('monthly roster snapshots', () => {
  let db: string;
  let nov: string;
  let dec: string;
  let late: string;
  beforeAll(() => {
    const dir = tmp();
    db = testDb(dir);
    nov = writeCsv(join(dir, 'nov.csv'), [HEADER, [A, '郑某丙', '360702', '低保对象', '2022-11-03', '', '民政'], [B, '秦某卯', '360702', '脱贫不稳定户', '2022-05-01', '', '乡村振兴']]);
    dec = writeCsv(join(dir, 'dec.csv'), [HEADER, [A, '郑某丙', '360702', '城乡低保对象', '2022/11/3', '', '民政'], [B, '秦某卯', '360702', '脱贫不稳定人口', '2022-05-01', '2022-12-15', '乡村振兴']]);
    late = writeCsv(join(dir, 'late-copy-of-nov.csv'), [HEADER, [B, '秦某卯', '360702', '脱贫不稳定户', '2022-05-01', '', '乡村振兴'], [A, '郑某丙', '360702', '低保', '2022-11-03', '', '']]);
  });

  it('counts a repeated recognition as a repeat, not a new row', () => {
    expect(recon(['ingest', '--db', db, nov]).stdout).toMatch(/read 2 \/ accepted 2 \/ repeats 0/);
    expect(recon(['ingest', '--db', db, dec]).stdout).toMatch(/read 2 \/ accepted 1 \/ repeats 1/);
    expect(query(db, 'select count(*) n from roster_entries')).toEqual([{ n: 2 }]);
  });

  it('lets a later snapshot set effective_to, recording the file and line that did', () => {
    const row = query(db, 'select effective_to, updated_line, source_line from roster_entries where category = ?', 'unstable_out_of_poverty')[0];
    expect(row).toEqual({ effective_to: '2022-12-15', updated_line: 3, source_line: 3 });
  });

  it('never clears an effective_to with an older snapshot that lacks it', () => {
    expect(recon(['ingest', '--db', db, late]).stdout).toMatch(/read 2 \/ accepted 0 \/ repeats 2/);
    expect(query(db, 'select effective_to from roster_entries where category = ?', 'unstable_out_of_poverty')).toEqual([{ effective_to: '2022-12-15' }]);
  });
});
