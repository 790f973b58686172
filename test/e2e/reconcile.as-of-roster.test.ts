import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { readCsv } from '../helpers/csv.js';
import { idNumber, join, writeCsv } from '../helpers/files.js';
import { night, type Night } from '../helpers/run.js';

/**
 * `--as-of` replays roster facts too (spec 4 v2: "recognitions ... starting after D are ignored, and an end
 * date after D reads as open"): a recognition dated after D is not read at all, so it makes no row, no gap
 * and no name mismatch; an end after D reads as still in effect.
 */
const PAYMENTS = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to'];

const rosterOnlyLater = idNumber('410800', '19700101', '123'); // Jiaozuo 低保 recognised 2023-06-01, paid nothing
const namedLater = idNumber('360702', '19800202', '234'); // pays as 张三; a roster entry from 2023-06-01 names 张叁
const endsLater = idNumber('360702', '19800303', '345'); // Ganzhou 特困 from 2021 to 2023-06-30, the fund paid 350

describe('--as-of replays the roster: facts dated after D are not known on D', () => {
  let n: Night;
  const rows = (asOf: string) => {
    const r = recon(n.args('--as-of', asOf));
    expect(r.code, r.stderr).toBe(0);
    return readCsv(join(n.out, 'reconciliation.csv'));
  };
  beforeAll(() => {
    n = night([]);
    writeCsv(join(n.inbox, 'payments.csv'), [
      PAYMENTS,
      ['P1', namedLater, '张三', '360702', '2023', '350.00', '2022-10-08', '个人', '普通居民', '1'],
      ['P2', endsLater, '李四', '360702', '2023', '350.00', '2022-09-15', '医疗救助', '普通居民', '1'],
    ]);
    writeCsv(join(n.inbox, 'roster.csv'), [
      ROSTER,
      [rosterOnlyLater, '王五', '410800', '低保对象', '2023-06-01', ''],
      [namedLater, '张叁', '360702', '低保对象', '2023-06-01', ''],
      [endsLater, '李四', '360702', '特困人员', '2021-05-01', '2023-06-30'],
    ]);
  });

  it('as of 2023-04-15: no row for the later recognition, no name mismatch, and an end after D reads as open', () => {
    const april = rows('2023-04-15');
    expect(april.filter((r) => r.id_number === rosterOnlyLater)).toEqual([]);
    expect(april.find((r) => r.id_number === namedLater)).toMatchObject({ status: 'OK', flags: '', actions: '', assistance_category: '' });
    expect(april.find((r) => r.id_number === endsLater)).toMatchObject({ status: 'OK', assistance_category: 'extreme_poverty', expected_personal: '0.00' });
  });

  it('as of 2023-07-01 the same inbox knows both recognitions: the later one now shows', () => {
    const july = rows('2023-07-01');
    expect(july.filter((r) => r.id_number === rosterOnlyLater)).toHaveLength(1);
    expect(july.find((r) => r.id_number === namedLater)!.flags!.split(';')).toContain('NAME_MISMATCH');
  });
});
