import { chineseDetail } from '../normalise/detail-translation.js';
import { chineseLabel } from '../normalise/labels.js';
import { INPUT_KINDS_ZH, rejectReasonZh } from '../normalise/reject-labels.js';

/** Output vocabulary: English (the canonical codes) or Chinese (`--lang zh`). */
export type Lang = 'en' | 'zh';

const HEADERS_ZH: Record<string, string> = {
  id_number: '证件号码', name: '姓名', region_code: '统筹区编码', region_name: '统筹区名称', coverage_year: '缴费年度',
  category: '人员类别', tier: '缴费档次', assistance_category: '资助类别', standard: '个人缴费标准', subsidy: '资助金额',
  expected_personal: '应缴个人', collected_personal: '实缴个人', expected_assistance: '应资助', collected_assistance: '实资助',
  variance: '差额', assistance_variance: '资助差额', actions: '待办事项', refund_due: '应退金额', status: '对账结果', flags: '标记', benefit_start: '待遇享受起始日',
  first_paid_at: '首次缴费日期', last_paid_at: '末次缴费日期', payments: '缴费笔数', rule: '政策依据',
  refund_id: '退费编号', payee: '退款对象', amount: '金额', reason: '原因', kind: '类型', region_codes: '统筹区编码列表', txn_ids: '税票号码列表',
  other_id_number: '另一证件号码', detail: '说明', file: '文件', line: '行号', raw: '原始内容', persons: '人数',
  refund_total: '应退合计', arrears: '欠缴合计', collection_rate: '个人缴费到位率',
  suspend_from: '暂停待遇日期', resume_on: '恢复待遇日期', employee_region: '职工医保参保地',
  change: '变化', fields: '变化字段', status_before: '原对账结果', status_after: '现对账结果', refund_due_before: '原应退金额',
  refund_due_after: '现应退金额', actions_after: '现待办事项', previous_as_of: '上次对账截止日',
  // workbook.xlsx (spec 5, v2): the 应保尽保 sheet's recognising department, and the Guide sheet's columns.
  source_dept: '认定部门', section: '类别', item: '项目', meaning: '含义', todo: '怎么办',
};

const STATUS_ZH: Record<string, string> = {
  DUPLICATE_ENROLLMENT: '重复参保', POLICY_GAP: '政策缺失', REFUND_DUE: '应退资助部分', OVERPAID: '多缴', PENDING: '征缴期内未足额',
  NOT_ENROLLED: '应保未保', UNPAID: '未缴费', UNDERPAID: '少缴', OK: '正常', INSURED_AS_EMPLOYEE: '已参加职工医保',
  person: '个人', assistance_fund: '医疗救助基金',
  ASSISTANCE_RECOGNISED_AFTER_PAYMENT: '缴费后认定资助对象', ASSISTANCE_OVERPAID: '资助多缴',
  DUPLICATE_PAYMENT: '重复缴费', POSSIBLE_DUPLICATE: '疑似重复人员', RESIDENT_AND_EMPLOYEE: '居民医保与职工医保重复参保',
  // changes.csv's change
  NEW: '新增', CHANGED: '有变化', GONE: '已消失',
};

/**
 * Flags (rule 11) and actions (rule 10) in Chinese. In `--lang zh` output they keep their code in parentheses
 * (spec 5), so that an auditor can search for it: `重复缴费 (DUPLICATE_PAYMENT)`. Every `POLICY_GAP:<key>`
 * reads 政策缺失 with its whole code, the key naming what is absent. test/unit/export.labels.test.ts checks
 * that every flag and action has one.
 */
export const CODES_ZH: Record<string, string> = {
  // rule 10
  REFUND_PERSON: '退费给个人', REFUND_FUND: '退回医疗救助基金', COLLECT_PERSON: '催缴个人缴费', COLLECT_FUND: '催缴资助资金',
  ENROLL: '动员参保', SUSPEND_BENEFITS: '暂停待遇', REVIEW: '人工复核',
  // rule 11
  ASSISTANCE_OVERPAID: '资助多缴', ASSISTANCE_UNPAID: '资助未到位', ASSISTED_ELSEWHERE: '外省认定资助', DUPLICATE_PAYMENT: '重复缴费',
  EMPLOYEE_LAPSE_EXEMPT: '职工医保断缴免等待期', EMPLOYEE_OVERLAP: '同时参加职工医保', FISCAL_PAID: '财政代缴', LATE_PAYMENT: '逾期缴费',
  LATE_RECOGNITION_NO_REFUND: '征缴期后认定不退费', MULTIPLE_ASSISTANCE: '多重资助身份', NAME_MISMATCH: '姓名不一致', REVERSED: '有冲正',
  TOO_MANY_PAYMENTS: '缴费笔数异常',
};

export function header(name: string, lang: Lang): string {
  if (lang === 'en') return name;
  if (name.startsWith('count_')) return `${label(name.slice(6), lang)}人数`;
  return HEADERS_ZH[name] ?? name;
}

/** A status, payee, reason, kind or category code in the output language (flags and actions: codesLabel). */
export function label(code: string, lang: Lang): string {
  if (lang === 'en' || code === '') return code;
  return STATUS_ZH[code] ?? chineseLabel(code);
}

/** A `;`-joined list of flag or action codes in the output language: in Chinese, each `中文 (CODE)`. */
export function codesLabel(codes: string, lang: Lang): string {
  if (lang === 'en' || codes === '') return codes;
  return codes.split(';').map(codeLabel).join(';');
}

function codeLabel(code: string): string {
  const zh = code.startsWith('POLICY_GAP:') ? STATUS_ZH.POLICY_GAP : CODES_ZH[code];
  return zh ? `${zh} (${code})` : code;
}

/** A reject reason (spec 2.4) in the output language: in Chinese `金额格式错误 (BAD_AMOUNT)`, keeping its code (spec 5). */
export function rejectReason(code: string, lang: Lang): string {
  return lang === 'en' ? code : rejectReasonZh(code);
}

/** rejects.csv's `kind` (the input kind of the file, `unknown` before its header was read) in the output language. */
export function inputKind(kind: string, lang: Lang): string {
  return lang === 'en' ? kind : INPUT_KINDS_ZH[kind] ?? kind;
}

/**
 * A stored detail (a reject's, by its reason and file kind; a duplicate's, by its kind) in the output language:
 * English as stored, or Chinese by the catalogue (normalise/detail-templates.ts); a detail the catalogue does not
 * know (written by an older version) stays as stored rather than be lost.
 */
export function detail(code: string, stored: string, kind: string | null, lang: Lang): string {
  if (lang === 'en' || stored === '') return stored;
  return chineseDetail(code, stored, kind) ?? stored;
}
