import { beforeAll, describe, expect, it } from 'vitest';
import { recon, type CliResult } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';

const HEADER = ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'];

/** Every roster label of spec 2.2 (v2): the documents' wording, with and without 的, and the code it is stored as. */
const LABELS: [label: string, code: string][] = [
  ['特困人员', 'extreme_poverty'], ['特困供养人员', 'extreme_poverty'], ['孤儿', 'orphan'],
  ['低保对象', 'minimum_living'], ['城乡低保对象', 'minimum_living'], ['低保', 'minimum_living'],
  ['返贫致贫人口', 'returned_to_poverty'], ['脱贫不稳定人口', 'unstable_out_of_poverty'], ['脱贫不稳定户', 'unstable_out_of_poverty'],
  ['边缘易致贫人口', 'edge_of_poverty'], ['边缘易致贫户', 'edge_of_poverty'], ['突发严重困难户', 'sudden_hardship'],
  ['重度残疾学生', 'severe_disability'], ['重度残疾儿童', 'severe_disability'], ['重度残疾学生和儿童', 'severe_disability'],
  ['丧失劳动能力的重度残疾成年人', 'severe_disability'], ['丧失劳动能力重度残疾成年人', 'severe_disability'],
  ['城镇低收入家庭未成年人', 'low_income_minor'], ['城镇低收入家庭的未成年人', 'low_income_minor'],
  ['城镇低收入家庭60周岁以上老年人', 'low_income_elderly'], ['城镇低收入家庭的60周岁以上的老年人', 'low_income_elderly'],
  ['城镇低收入家庭的60周岁以上老年人', 'low_income_elderly'], ['城镇低收入家庭60周岁以上的老年人', 'low_income_elderly'],
  ['六类对象', 'veteran_affairs'], ['两类人员', 'veteran_affairs'], ['残疾军人', 'veteran_affairs'], ['三属人员', 'veteran_affairs'],
  ['两红人员', 'veteran_affairs'], ['在乡老复员军人', 'veteran_affairs'], ['带病回乡退伍军人', 'veteran_affairs'],
  ['参战参试退役人员', 'veteran_affairs'], ['军转干部', 'veteran_affairs'], ['退役士兵', 'veteran_affairs'],
  ['临时遇困人员', 'temporary_hardship'],
];

describe('roster categories: the documents\' own wording, and 重度残疾人 refused (spec 2.2 v2)', () => {
  let db: string;
  let ingest: CliResult;
  beforeAll(() => {
    const dir = tmp();
    db = testDb(dir);
    const rows = LABELS.map(([label], i) => [idNumber('360702', '19700101', String(900 + i)), '钱某甲', '360702', label, '2022-03-01', '', '民政']);
    // Line 2 + LABELS.length: a plain 重度残疾人, wider than any group the documents assist.
    rows.push([idNumber('360702', '19700101', '990'), '钱某乙', '360702', '重度残疾人', '2022-03-01', '', '残联']);
    const file = writeCsv(join(dir, 'roster.csv'), [HEADER, ...rows]);
    ingest = recon(['ingest', '--db', db, file]);
  });

  it('accepts every label and stores its code', () => {
    expect(ingest.code, ingest.stderr).toBe(0); // a row reject is listed; the file is kept
    expect(ingest.stdout).toMatch(new RegExp(`read ${LABELS.length + 1} / accepted ${LABELS.length} / repeats 0`));
    const stored = query<{ source_line: number; category: string }>(db, 'select source_line, category from roster_entries order by source_line');
    expect(stored.map((s) => s.category)).toEqual(LABELS.map(([, code]) => code));
  });

  it('rejects a plain 重度残疾人 as BAD_CATEGORY, the detail naming the labels to use', () => {
    const rejects = query<{ line: number; reason: string; detail: string }>(db, 'select line, reason, detail from rejected_rows where line > 0');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ line: LABELS.length + 2, reason: 'BAD_CATEGORY' });
    for (const label of ['重度残疾学生', '重度残疾儿童', '重度残疾学生和儿童', '丧失劳动能力的重度残疾成年人']) expect(rejects[0]!.detail).toContain(label);
    expect(rejects[0]!.detail).toContain('wider than every group the documents assist');
  });
});
