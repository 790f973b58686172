import { describe, expect, it } from 'vitest';
import { idNumberReject } from '../../src/ingest/id-number-reject.js';
import { recogniseHeader, type RecognisedHeader } from '../../src/ingest/header-map.js';
import { toEmployeeRow } from '../../src/ingest/employee-row.js';
import { toPaymentRow } from '../../src/ingest/payment-row.js';
import { FILE_REASONS, ROW_REASONS } from '../../src/db/reject-reasons.js';
import { MAX_LINE_CHARS, RecordFramer } from '../../src/ingest/record-framer.js';
import { tooManyRejectsDetail } from '../../src/ingest/reject-cause.js';
import { toRosterRow } from '../../src/ingest/roster-row.js';
import { conflictDetail } from '../../src/db/row-store.js';
import { DETAIL_TEMPLATES } from '../../src/normalise/detail-templates.js';
import { chineseDetail } from '../../src/normalise/detail-translation.js';
import { parseIdNumber } from '../../src/normalise/id-number.js';
import { INPUT_KINDS_ZH, REJECT_REASONS_ZH } from '../../src/normalise/reject-labels.js';
import { englishWords } from '../helpers/chinese.js';

const TODAY = '2023-03-15';
const ID = '360702198001019010';

/** A detail's Chinese: found by the catalogue, with no English word left (test/helpers/chinese.ts). */
function expectChinese(code: string, english: string, kind: string | null = null): string {
  const zh = chineseDetail(code, english, kind);
  expect(zh, `${code}: no template matches "${english}"`).not.toBeNull();
  expect(englishWords(zh!), `${code}: "${zh}"`).toEqual([]);
  return zh!;
}

function map<K extends 'payments' | 'roster' | 'employees'>(cells: string[], kind: K) {
  const h = recogniseHeader(cells) as RecognisedHeader & { ok: true };
  expect(h.kind).toBe(kind);
  return (h as Extract<RecognisedHeader, { kind: K }>).map;
}

const PAYMENT = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'];
const ROSTER = ['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to'];
const EMPLOYEE = ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind'];

describe('--lang zh: every detail a producer writes is in the catalogue (spec 5, v2)', () => {
  it('names every reject reason and input kind in Chinese', () => {
    for (const code of [...ROW_REASONS, ...FILE_REASONS]) {
      expect(REJECT_REASONS_ZH[code], code).toMatch(/\p{Script=Han}/u);
      expect(DETAIL_TEMPLATES[code], code).toBeDefined();
    }
    for (const kind of ['payments', 'roster', 'employees', 'unknown']) expect(INPUT_KINDS_ZH[kind], kind).toMatch(/\p{Script=Han}/u);
  });

  it('payment rows: each field reject, with the column as the Chinese header names it and the quoted value as it was', () => {
    const m = map(PAYMENT, 'payments');
    const good = ['T1', ID, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'];
    const cases: [number, string][] = [[0, ''], [1, '12345'], [3, '36070'], [3, '990702'], [4, '23'], [5, '35O.00'], [6, '2022-02-30'], [7, '单位'], [8, '公务员'], [9, '3']];
    const seen = new Set<string>();
    for (const [at, value] of cases) {
      const record = [...good];
      record[at] = value;
      const r = toPaymentRow(record, m, TODAY);
      if (!('reject' in r)) throw new Error(`accepted ${value}`);
      seen.add(r.reject.reason);
      expectChinese(r.reject.reason, r.reject.detail, 'payments');
    }
    expect([...seen].sort()).toEqual(['BAD_AMOUNT', 'BAD_CATEGORY', 'BAD_DATE', 'BAD_ID_NUMBER', 'BAD_PAYER_TYPE', 'BAD_REGION_CODE', 'BAD_TIER', 'BAD_YEAR', 'MISSING_FIELD']);
    const amount = toPaymentRow(good.map((c, i) => (i === 5 ? '35O.00' : c)), m, TODAY) as { reject: { detail: string } };
    expect(chineseDetail('BAD_AMOUNT', amount.reject.detail, 'payments')).toBe('缴费金额 "35O.00" 不是以元为单位、最多两位小数的金额');
    const empty = toPaymentRow(good.map((c, i) => (i === 0 || i === 5 ? '' : c)), m, TODAY) as { reject: { detail: string } };
    expect(chineseDetail('MISSING_FIELD', empty.reject.detail, 'payments')).toBe('为空：电子税票号码、缴费金额');
  });

  it('roster and employee rows: dates, periods, categories (the wider label too) and insured kinds', () => {
    const roster = map(ROSTER, 'roster');
    const good = [ID, '陈某己', '360702', 'minimum_living', '2022-11-03', ''];
    for (const [at, value] of [[3, '富裕户'], [3, '重度残疾人'], [4, '2022-13-01'], [5, '2022-10-01'], [1, '']] as const) {
      const record = [...good];
      record[at] = value;
      const r = toRosterRow(record, roster, TODAY);
      if (!('reject' in r)) throw new Error(`accepted ${value}`);
      expectChinese(r.reject.reason, r.reject.detail, 'roster');
    }
    const employees = map(EMPLOYEE, 'employees');
    const goodE = [ID, '陈某己', '360702', '2021-01-01', '', 'employee'];
    for (const [at, value] of [[5, '公务员'], [4, '2020-12-31'], [3, '2021-02-30'], [2, '36070']] as const) {
      const record = [...goodE];
      record[at] = value;
      const r = toEmployeeRow(record, employees, TODAY);
      if (!('reject' in r)) throw new Error(`accepted ${value}`);
      expectChinese(r.reject.reason, r.reject.detail, 'employees');
    }
    const period = toEmployeeRow([ID, '陈某己', '360702', '2021-01-01', '2020-12-31', ''], employees, TODAY) as { reject: { detail: string } };
    expect(chineseDetail('BAD_DATE', period.reject.detail, 'employees')).toBe('参保终止日期 2020-12-31 早于 参保开始日期 2021-01-01');
  });

  it('ID numbers: each problem, and each sign of spreadsheet damage', () => {
    for (const text of ['36070219800101901', '36070219800101A010', '990702198001019010', '360702198002309010', '360702198001019011', '3607021980010A9', '3.60702E+17', "'360702198001019010", '360702198001019010.0', '360,702,198,001,019,010', '360702198001019000']) {
      const refused = parseIdNumber(text.replace(/^'/, ''), TODAY);
      const r = idNumberReject(text, refused.ok ? { ok: false, problem: 'check_character', detail: 'check character 0 should be 1' } : refused);
      expectChinese(r.reason, r.detail);
    }
  });

  it('headers, framing, conflicts and a file with too many rejects, for each cause', () => {
    for (const cells of [['foo', 'bar'], ['txn_id', 'effective_from'], ['txn_id', 'effective_from', 'insured_from'], ['txn_id', 'amount'], ['effective_from', 'name']]) {
      const h = recogniseHeader(cells);
      if (h.ok) throw new Error(`recognised ${cells.join()}`);
      expectChinese('UNRECOGNISED_FILE', h.detail);
    }
    expect(chineseDetail('UNRECOGNISED_FILE', (recogniseHeader(['effective_from', 'name']) as { detail: string }).detail))
      .toBe('资助参保名单的表头缺少必填列：证件号码、统筹区编码、资助类别');

    const framer = new RecordFramer();
    framer.write(`a,b,c\n1,2\n1,"x"y,3\n1,x"y,3\n1,"2\n3",4,5\n${'x'.repeat(MAX_LINE_CHARS + 1)}\n1,"open,3\n`);
    framer.end();
    const details = framer.events.flatMap((e) => (e.type === 'record' ? [] : [[e.type === 'oversized' ? 'OVERSIZED_ROW' : 'MALFORMED_ROW', e.detail] as const]));
    expect(details.length).toBeGreaterThanOrEqual(6);
    for (const [code, detail] of details) expectChinese(code, detail);

    expectChinese('CONFLICTING_TXN_ID', conflictDetail('B01'));
    const counts = (entries: [string, number][]) => new Map(entries);
    expectChinese('TOO_MANY_REJECTS', tooManyRejectsDetail(7, 10, 0.2, counts([['BAD_AMOUNT', 5], ['BAD_DATE', 2]])));
    expectChinese('TOO_MANY_REJECTS', tooManyRejectsDetail(7, 10, 0.2, counts([['CONFLICTING_TXN_ID', 7]])));
    expectChinese('TOO_MANY_REJECTS', tooManyRejectsDetail(7, 10, 0.2, counts([['MALFORMED_ROW', 4], ['OVERSIZED_ROW', 3]])));
    expectChinese('TOO_MANY_REJECTS', tooManyRejectsDetail(7, 10, 0.2, counts([['BAD_ID_NUMBER', 7]]), 7));
  });

  it('a detail the catalogue does not know is not guessed at', () => {
    expect(chineseDetail('BAD_AMOUNT', 'something an older version wrote')).toBeNull();
    expect(chineseDetail('NO_SUCH_CODE', 'x')).toBeNull();
  });
});
