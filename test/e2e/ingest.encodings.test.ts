import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { testDb } from '../helpers/engine.js';

describe('a GB18030 file with Chinese headers reads the same as its UTF-8 twin', () => {
  const rows = [
    ['电子税票号码', '证件号码', '姓名', '统筹区编码', '缴费年度', '缴费金额', '缴费时间', '缴费主体', '人员类别', '缴费档次'],
    ['T1', idNumber('360702', '19800101', '901'), '陈某己', '360702', '2023', '350.00', '2022-10-08 16:45:10', '个人', '城乡居民', '一档'],
    ['T2', idNumber('360702', '19550202', '904'), '吴某乙', '360702', '2023', '350', '2022/9/15', '医疗救助', '普通居民', ''],
    ['T3', idNumber('360702', '20030909', '918'), '沈某癸', '360100', '2023', '0', '20221002', '', '在校大学生', '1'],
  ];

  it('stores identical payment rows from both encodings', () => {
    const dir = tmp();
    const gb = writeCsv(join(dir, 'gb.csv'), rows, { encoding: 'gb18030', eol: '\r\n' });
    const utf = writeCsv(join(dir, 'utf.csv'), rows, { bom: true });
    const dbGb = testDb(dir, 'gb.sqlite');
    const dbUtf = testDb(dir, 'utf.sqlite');
    expect(recon(['ingest', '--db', dbGb, gb]).stdout).toMatch(/^payments +gb18030 +read 3 \/ accepted 3/);
    expect(recon(['ingest', '--db', dbUtf, utf]).stdout).toMatch(/^payments +utf-8-bom +read 3 \/ accepted 3/);
    const cols = 'txn_id, id_number, name, region_code, coverage_year, amount_fen, paid_on, paid_time, payer_type, category, tier, source_line';
    const a = query(dbGb, `select ${cols} from payments order by txn_id`);
    expect(a).toEqual(query(dbUtf, `select ${cols} from payments order by txn_id`));
    expect(a[1]).toMatchObject({ name: '吴某乙', payer_type: 'assistance', category: 'resident', tier: '1', paid_on: '2022-09-15', amount_fen: 35000 });
    expect(a[2]).toMatchObject({ category: 'student', payer_type: 'personal', paid_on: '2022-10-02', amount_fen: 0 });
  });
});
