/**
 * The Chinese names of the reject reasons (spec 2.4) and of the input kinds, for `--lang zh`: rejects.csv's
 * `reason` column writes `中文 (CODE)` (spec 5: reject reasons keep their code, so an auditor can search for
 * it), its `kind` column the kind's name, and a TOO_MANY_REJECTS detail its counts per reason the same way.
 * Here, below the export and the detail catalogue (detail-templates.ts) that both use them; the reason codes
 * themselves are declared with the table that stores them (db/reject-reasons.ts), and test/unit/export.detail-catalogue.test.ts checks that
 * each has a name.
 */
export const REJECT_REASONS_ZH: Readonly<Record<string, string>> = {
  MALFORMED_ROW: '行格式错误',
  OVERSIZED_ROW: '行超长',
  MISSING_FIELD: '必填项为空',
  BAD_ID_NUMBER: '证件号码错误',
  BAD_REGION_CODE: '统筹区编码错误',
  BAD_AMOUNT: '金额格式错误',
  BAD_DATE: '日期错误',
  BAD_YEAR: '年度错误',
  BAD_CATEGORY: '类别无法识别',
  BAD_PAYER_TYPE: '缴费主体无法识别',
  BAD_TIER: '缴费档次错误',
  CONFLICTING_TXN_ID: '税票号码冲突',
  UNRECOGNISED_FILE: '无法识别的文件',
  EMPTY_FILE: '空文件',
  UNDECODABLE_FILE: '无法解码的文件',
  TOO_MANY_REJECTS: '拒收行过多',
  UNREADABLE_FILE: '无法读取的文件',
};

/** A reject reason as `--lang zh` writes it: `金额格式错误 (BAD_AMOUNT)`; an unknown code stays as it is. */
export function rejectReasonZh(code: string): string {
  const zh = REJECT_REASONS_ZH[code];
  return zh ? `${zh} (${code})` : code;
}

/** The kinds of input file (db/database.ts InputKind), and `unknown` for a file rejected before its header was read. */
export const INPUT_KINDS_ZH: Readonly<Record<string, string>> = {
  payments: '缴费明细',
  roster: '资助参保名单',
  employees: '职工医保参保名单',
  unknown: '未识别',
};
