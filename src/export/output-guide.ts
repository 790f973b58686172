import type { Lang } from './labels.js';

/**
 * PLACEHOLDER (issue 20): another branch writes the full guide (every column, status, flag, action and
 * reject reason, with what to do); this file keeps its signature so that the workbook's Guide sheet
 * (workbook-sheets.ts) can be built and tested, and is replaced whole by that branch's at merge.
 */
export type GuideRow = { section: string; item: string; meaning: string; todo: string };

export function guideRows(lang: Lang): GuideRow[] {
  return lang === 'zh'
    ? [
      { section: '列', item: '证件号码', meaning: '参保人的18位公民身份号码', todo: '' },
      { section: '对账结果', item: '应保未保', meaning: '资助对象未参保缴费', todo: '会同认定部门动员参保' },
      { section: '事项', item: '退费给个人 (REFUND_PERSON)', meaning: '个人多缴或重复缴费', todo: '办理退费' },
    ]
    : [
      { section: 'column', item: 'id_number', meaning: "the person's 18-character citizen ID number", todo: '' },
      { section: 'status', item: 'NOT_ENROLLED', meaning: 'an assisted person who has not enrolled', todo: 'mobilise enrollment with the recognising department' },
      { section: 'action', item: 'REFUND_PERSON', meaning: 'the person paid more than expected, or twice', todo: 'pay the refund' },
    ];
}
