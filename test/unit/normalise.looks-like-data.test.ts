import { describe, expect, it } from 'vitest';
import { looksLikeData } from '../../src/normalise/looks-like-data.js';
import { idNumber } from '../helpers/files.js';

/** What keeps a header line's data out of manifest.json (test/e2e/export.manifest-privacy.test.ts). */
describe('looksLikeData: a header cell that is a value, not a column name', () => {
  it('tells values from column names', () => {
    const headerId = idNumber('360702', '19770707', '321');
    const data = [headerId, '36070219770707321', '13912345678', '2023/1/5', '2023年1月', '350.00', '¥1,350', '-20', '王小明', '陈某己', '欧阳娜娜', '李明'];
    const names = ['备注', 'note', 'channel_2', '缴费金额', '金额', '高校类别', '张数', '民政', '特困供养人员', '柜台', '认定部门', '第2档'];
    expect(data.filter((c) => !looksLikeData(c))).toEqual([]);
    expect(names.filter((c) => looksLikeData(c))).toEqual([]);
  });
});
