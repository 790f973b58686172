import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { csvLines } from '../helpers/csv.js';
import { join } from '../helpers/files.js';
import { NIGHT_1, NIGHT_2, PERSON, rowsOf, twoNights } from '../helpers/nights.js';

/**
 * changes.csv (spec 5 v2) over two nights of one database through `recon run`: the first reconcile lists every
 * row NEW; the second lists a top-up, a reversal, a new person, a growing refund and a person gone, each with
 * the reconciliation.csv columns that differ, and leaves out the person who did not change.
 */
const HEADER = 'id_number,name,region_code,change,fields,status_before,status_after,refund_due_before,refund_due_after,actions_after,previous_as_of';
/** What a payment moves on an existing row (rule 7's benefit start and T and the citations follow the status). */
const PAID = 'collected_personal;variance;status;actions;flags;benefit_start;last_paid_at;payments;rule';

describe('changes.csv: what changed since the previous successful reconcile of the year', () => {
  let n: ReturnType<typeof twoNights>;
  let out1: string;
  let out2: string;
  beforeAll(() => {
    n = twoNights();
    out1 = n.run(NIGHT_1, 'out-1');
    n.deliverNight2();
    out2 = n.run(NIGHT_2, 'out-2');
  });

  it('the first reconcile of the year lists every row NEW, without a previous as-of date', () => {
    expect(csvLines(join(out1, 'changes.csv'))).toEqual([
      HEADER,
      `${PERSON.A},甲A,360702,NEW,,,UNDERPAID,,0.00,COLLECT_PERSON,`,
      `${PERSON.B},甲B,360702,NEW,,,OK,,0.00,,`,
      `${PERSON.D},甲D,360702,NEW,,,OVERPAID,,350.00,REFUND_PERSON,`,
      `${PERSON.E},甲E,360702,NEW,,,OVERPAID,,100.00,REFUND_PERSON,`,
      `${PERSON.G},甲G,360702,NEW,,,PENDING,,0.00,,`,
    ]);
  });

  it('the next night: a top-up, a reversal, a new person, a refund growing and a person gone, in reconciliation.csv order', () => {
    expect(csvLines(join(out2, 'changes.csv'))).toEqual([
      HEADER,
      `${PERSON.A},甲A,360702,CHANGED,${PAID},UNDERPAID,OK,0.00,0.00,,${NIGHT_1}`,
      `${PERSON.B},甲B,360702,CHANGED,${PAID},OK,UNPAID,0.00,0.00,COLLECT_PERSON,${NIGHT_1}`,
      `${PERSON.C},甲C,360702,NEW,,,OK,,0.00,,${NIGHT_1}`,
      `${PERSON.D},甲D,360702,CHANGED,collected_personal;variance;refund_due;last_paid_at;payments,OVERPAID,OVERPAID,350.00,700.00,REFUND_PERSON,${NIGHT_1}`,
      `${PERSON.G},甲G,360702,GONE,,PENDING,,0.00,,,${NIGHT_1}`,
    ]);
  });

  it('is counted in the manifest like the other CSVs', () => {
    const manifest = JSON.parse(readFileSync(join(out2, 'manifest.json'), 'utf8')) as { outputs: { name: string; rows: number }[] };
    expect(manifest.outputs.find((o) => o.name === 'changes.csv')?.rows).toBe(5);
  });

  it('a rerun of the same night keeps its baseline: the same file, and a standalone export gives it too', () => {
    const again = n.run(NIGHT_2, 'out-2-again');
    expect(readFileSync(join(again, 'changes.csv'))).toEqual(readFileSync(join(out2, 'changes.csv')));
    const exported = join(n.root, 'exported');
    expect(recon(['export', '--db', n.db, '--out', exported]).code).toBe(0);
    expect(readFileSync(join(exported, 'changes.csv'))).toEqual(readFileSync(join(out2, 'changes.csv')));
  });

  it('--lang zh: Chinese headers, change and status labels, the fields by their Chinese column names, actions with their code', () => {
    const zh = join(n.root, 'zh');
    expect(recon(['export', '--db', n.db, '--out', zh, '--lang', 'zh']).code).toBe(0);
    const lines = csvLines(join(zh, 'changes.csv'));
    expect(lines[0]).toBe('证件号码,姓名,统筹区编码,变化,变化字段,原对账结果,现对账结果,原应退金额,现应退金额,现待办事项,上次对账截止日');
    expect(lines[4]).toBe(`${PERSON.D},甲D,360702,有变化,实缴个人;差额;应退金额;末次缴费日期;缴费笔数,多缴,多缴,350.00,700.00,退费给个人 (REFUND_PERSON),${NIGHT_1}`);
    expect(lines[5]).toBe(`${PERSON.G},甲G,360702,已消失,,征缴期内未足额,,0.00,,,${NIGHT_1}`);
  });
  it('a later night with nothing new lists nothing, against the night before it', () => {
    const quiet = n.run('2023-03-17', 'out-3');
    expect(rowsOf(quiet, 'changes.csv')).toEqual([]);
  });

});
