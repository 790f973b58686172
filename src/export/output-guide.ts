import { FILE_REASONS, ROW_REASONS, type ReasonCode } from '../db/reject-reasons.js';
import {
  ACTIONS, DUPLICATE_KINDS, FLAGS, REFUND_PAYEES, REFUND_REASONS, STATUSES,
  type Action, type DuplicateKind, type RefundPayee, type RefundReason, type Status,
} from '../db/result-status.js';
import { codesLabel, header, label, rejectReason, type Lang } from './labels.js';
import type { Manifest } from './manifest.js';
import { RECONCILIATION_COLUMNS } from './reconciliation-cells.js';

/** One line of the guide: an output's column, or a code as the outputs write it, with what it means and who does what next. */
export type GuideRow = { section: string; item: string; meaning: string; todo: string };

/** English and Chinese. */
type Words = readonly [en: string, zh: string];
/** What an item means and, where something is to be done about it, who does what next. */
type Entry = { meaning: Words; todo?: Words };

const say = (lang: Lang, w: Words | undefined): string => (w ? w[lang === 'en' ? 0 : 1] : '');
const e = (meaningEn: string, meaningZh: string, todo?: Words): Entry => (todo ? { meaning: [meaningEn, meaningZh], todo } : { meaning: [meaningEn, meaningZh] });

/*
 * The single source of truth for explaining the outputs (SPEC v2 §5): docs/outputs.md is generated from it
 * (scripts/outputs-doc.mjs) and the workbook's 说明/Guide sheet is built on it. Every code list is taken from
 * where the code declares it (db/result-status.ts, db/reject-reasons.ts), and each table below is typed on it,
 * so a new status, flag, action, refund reason, payee, duplicate kind, reject reason, reconciliation.csv
 * column or manifest field without a guide entry does not compile; test/unit/export.output-guide.test.ts
 * checks it too, and test/e2e/export.output-guide-headers.test.ts that every header the CSVs write is here.
 * Each meaning cites its SPEC §4 rule; docs/rules.md says the same in plain words.
 */

// Who does what next: the same hands in many rows.
const FINANCE: Words = ['finance (财务) pays it back as refunds.csv lists it; refund_id tells a new refund from one already received', '财务按 refunds.csv 退费；退费编号相同即为已收到的同一笔退费'];
const AUDITOR: Words = ['an auditor (稽核) looks at the row (`recon explain ID`) and decides', '稽核人员用 recon explain 查看该行并作出处理'];
const POLICY_OWNER: Words = ['whoever keeps the policy files adds the missing value, with its citation, to the region\'s file (--policies); the next night recomputes the row', '政策文件维护人员在该统筹区的政策文件（--policies）中补上缺失的值及其依据，次日重算'];
const NOTHING: Words = ['nothing: for information', '无需处理，仅供参考'];

/** The output files (SPEC §5), one line each. */
const FILES: Record<string, Entry> = {
  'reconciliation.csv': e('one row per person and region with payments for the year, plus entitled roster persons who paid nothing (rule 1): expected, collected, status, actions', '每人每统筹区一行（规则1）：应缴、实缴、对账结果、待办事项', ['work from the actions column, or from changes.csv for tonight\'s news', '按“待办事项”列处理，或从 changes.csv 看今晚的变化']),
  'refunds.csv': e('one row per refund owed back, to the person or to the medical-assistance fund (rules 2 and 6)', '每笔应退款一行：退给个人或退回医疗救助基金（规则2、6）', FINANCE),
  'duplicates.csv': e('duplicate enrollments, duplicate payments, possible duplicate persons and persons insured in both schemes (rules 2, 5, 8, 9)', '重复参保、重复缴费、疑似重复人员、居民医保与职工医保重复参保（规则2、5、8、9）', AUDITOR),
  'benefit_suspensions.csv': e('resident benefits to suspend while the person is employee-insured (rule 9, 赣医保发〔2022〕14号 四(六))', '参加职工医保期间应暂停的居民医保待遇（规则9，赣医保发〔2022〕14号 四(六)）', ['the benefit system (待遇系统) suspends and resumes the benefits on these dates', '待遇系统按所列日期暂停、恢复待遇']),
  'rejects.csv': e('every input line not accepted, with its file, line number, reason and raw text; a file rejected whole has one line 0 row (SPEC §2.4)', '未被接收的每一输入行：文件、行号、原因、原始内容；整个文件被拒收时另有一行行号为0（SPEC 2.4）', ['the file\'s sender corrects the lines and sends the file again (see the reject reasons)', '由文件报送方更正后重新报送（见拒收原因）']),
  'region_summary.csv': e('one row per region: persons, expected and collected totals, refunds, arrears, a count per status, collection rate', '每统筹区一行：人数、应缴实缴合计、应退、欠缴、各对账结果人数、个人缴费到位率', ['leadership follows collection progress per region', '领导按统筹区跟踪征缴进度']),
  'changes.csv': e('what changed since the previous successful reconcile of the year in the same database: NEW, CHANGED (with the columns), GONE', '与本年度上次成功对账相比的变化：新增、有变化（列出变化的列）、已消失', ['work on these rows first: they are tonight\'s news', '优先处理这些行：它们是今晚的新情况']),
  'manifest.json': e('the run: tool version, as-of date, year, every input file with its sha256 and counts, every output with its sha256, the policy files, the outcome', '本次运行的清单：版本、截止日、年度、每个输入文件（sha256 与行数）、每个输出文件（sha256）、政策文件、结果', ['an auditor ties a figure to its input files and policy files with it', '稽核人员据此把数字追溯到输入文件和政策文件']),
  'workbook.xlsx': e('the auditor\'s workbook: the same contents as the CSVs in sheets (summary, actions, refunds, duplicates, not enrolled, rejects, guide), ID numbers as text', '稽核工作簿：与各 CSV 内容相同的工作表（概览、待处理、退费、重复参保、应保尽保、拒收、说明），证件号码为文本', ['open it instead of the CSVs in Excel, WPS or LibreOffice', '在 Excel、WPS 或 LibreOffice 中代替 CSV 打开']),
  'report.html': e('the collection-progress report (征缴进度): charts per region of collection rate, arrears, assisted persons\' enrollment, statuses, refunds, rejects; its first line says the as-of date, when the year was reconciled and when the report was written (by the export, after the reconcile)', '征缴进度报告：按统筹区的到位率、欠缴、资助对象参保进展、对账结果、退费、拒收图表；首行写明截至日期、对账时间和报告生成时间（导出时生成，在对账之后）', ['leadership and the province read it in any browser, offline', '领导和省级部门在浏览器中离线查看']),
};

/** reconciliation.csv's columns (SPEC §5), every one of RECONCILIATION_COLUMNS. */
const RECONCILIATION: Record<(typeof RECONCILIATION_COLUMNS)[number], Entry> = {
  id_number: e('the 18-character ID number (a 15-digit one converted, SPEC §2.3); with region_code the row\'s key (rule 1)', '18位证件号码（15位已转换，SPEC 2.3）；与统筹区编码一起确定一行（规则1）'),
  name: e('the name on the person\'s latest payment in the region (a roster-only row: the roster\'s); another name in the inputs flags NAME_MISMATCH', '该统筹区最后一笔缴费上的姓名（仅在资助名单中的人员取名单上的）；各输入姓名不一致时标记 NAME_MISMATCH'),
  region_code: e('the pooling region (6 digits, GB/T 2260) the money was paid in; a roster-only row: the region of the entry giving the highest assistance (rule 1)', '缴费所在统筹区（6位，GB/T 2260）；仅在资助名单中的人员：资助额最高的认定所在地（规则1）'),
  region_name: e('the region\'s name from the GB/T 2260 table', '统筹区名称（GB/T 2260）'),
  coverage_year: e('the coverage year reconciled', '对账的缴费年度'),
  category: e('the person category of the latest positive payment in the region (rule 4); a roster-only row: resident', '该统筹区最后一笔正数缴费的人员类别（规则4）；仅在资助名单中的人员为普通居民'),
  tier: e('the contribution tier (1 or 2) of that payment; a roster-only row: 1', '该笔缴费的缴费档次（1或2）；仅在资助名单中的人员为1'),
  assistance_category: e('the roster category giving the assistance S (rule 3, the highest counts: 就高原则); blank when none counts', '给出资助额 S 的资助类别（规则3，就高原则）；无资助时为空'),
  standard: e('the personal contribution standard for the category and tier in the region\'s policy (rule 4), yuan; blank on DUPLICATE_ENROLLMENT (nothing is expected there) and where the policy does not state it', '该统筹区政策中该类别、档次的个人缴费标准（规则4），元；重复参保行（此处不应缴）及政策未规定时为空'),
  subsidy: e('S, the assistance the person is entitled to (rule 3), capped at the standard; blank where a policy gap leaves it unknown', '应享资助额 S（规则3），不超过缴费标准；政策缺失时为空'),
  expected_personal: e('E = standard − S, what the person should pay (rule 4); 0 on DUPLICATE_ENROLLMENT and INSURED_AS_EMPLOYEE; blank on POLICY_GAP', '个人应缴 E = 标准 − S（规则4）；重复参保、已参加职工医保时为0；政策缺失时为空'),
  collected_personal: e('C_p, the net personal payments for the year in the region dated on or before the as-of date (rule 5); reversals subtract', '实缴个人 C_p：截止日前该统筹区本年度个人缴费净额（规则5），冲正相抵'),
  expected_assistance: e('A = S, what the medical-assistance fund should pay (rule 4); 0 on DUPLICATE_ENROLLMENT and INSURED_AS_EMPLOYEE; blank on POLICY_GAP', '应资助 A = S，医疗救助基金应缴部分（规则4）；重复参保、已参加职工医保时为0；政策缺失时为空'),
  collected_assistance: e('C_a, the net assistance payments (rule 5); fiscal payments are in neither column (flag FISCAL_PAID)', '实资助 C_a：资助缴费净额（规则5）；财政代缴不计入个人和资助（标记 FISCAL_PAID）'),
  variance: e('collected_personal − expected_personal: negative is owed by the person, positive was paid too much', '实缴个人 − 应缴个人：负数为个人欠缴，正数为多缴'),
  assistance_variance: e('collected_assistance − expected_assistance: negative is owed by the fund, positive is refunded to it', '实资助 − 应资助：负数为资助未到位，正数退回医疗救助基金'),
  refund_due: e('the sum of the row\'s refunds, to the person and to the fund (refunds.csv splits them); blank on POLICY_GAP', '该行应退合计（个人与基金，明细见 refunds.csv）；政策缺失时为空'),
  status: e('the personal obligation\'s result (rule 6): see the statuses', '个人缴费义务的对账结果（规则6）：见“对账结果”'),
  actions: e('what someone must do, `;`-joined in a fixed order (rule 10): see the actions; empty when nothing is to be done', '待办事项，以 ; 分隔，顺序固定（规则10）：见“待办事项”；无事可办时为空'),
  flags: e('findings besides the status, `;`-joined, sorted by code (rule 11): see the flags', '对账结果之外的发现，以 ; 分隔，按代码排序（规则11）：见“标记”'),
  benefit_start: e('the day resident benefits start (待遇享受起始日, rule 7); blank while the obligation is not met or a policy gap leaves the date unknown', '待遇享受起始日（规则7）；未足额缴费或政策缺失导致日期未知时为空'),
  first_paid_at: e('the date of the earliest payment in the region (any payer type, reversals included); blank without payments', '该统筹区最早一笔缴费的日期（任何缴费主体，含冲正）；无缴费时为空'),
  last_paid_at: e('the date of the latest payment in the region; blank without payments', '该统筹区最后一笔缴费的日期；无缴费时为空'),
  payments: e('the number of payment lines in the row, reversals included', '该行的缴费笔数（含冲正）'),
  rule: e('the policy clauses (document number and clause) the row\'s result rests on, from the region\'s policy chain', '该行结果所依据的政策条款（文号与条款），取自该统筹区的政策链'),
};

/** The statuses of rule 6, in the order the rule tries them. */
const STATUS: Record<Status, Entry> = {
  DUPLICATE_ENROLLMENT: e('the person is enrolled in another region (rule 2: where they study, else the earliest payment); nothing is expected here and the whole net collection is refunded', '重复参保：已在另一统筹区参保（规则2：学籍地优先，否则最早缴费地）；此处不应缴，已缴净额全部退还', FINANCE),
  POLICY_GAP: e('a policy value the row needs is absent (the POLICY_GAP:<key> flag names it) or the person has too many payments: expected, variance and refund are unknown (rule 6, SPEC §3)', '所需政策值缺失（标记 POLICY_GAP:<key> 指明）或缴费笔数异常：应缴、差额、应退未知（规则6，SPEC 3）', POLICY_OWNER),
  INSURED_AS_EMPLOYEE: e('an entitled roster person who paid nothing but is employee-insured for the whole benefit period: insured, not a 应保尽保 gap; nothing expected (rule 6)', '资助对象未缴居民医保，但整个待遇期均参加职工医保：已参保，不属应保未保；不应缴（规则6）', NOTHING),
  REFUND_DUE: e('assistance recognised after the person paid (赣医保发〔2022〕14号 三(二)): they paid more than E; C_p − E is refunded to the person (rule 6)', '缴费后被认定为资助对象（赣医保发〔2022〕14号 三(二)）：个人多缴部分 C_p − E 退给个人（规则6）', FINANCE),
  OVERPAID: e('the person paid more than E for any other reason (a duplicate payment, for one); C_p − E is refunded to the person (rule 6)', '个人多缴（如重复缴费）：C_p − E 退给个人（规则6）', FINANCE),
  PENDING: e('less than E paid, or nothing at all, and the person\'s deadline (the window end; assisted_end for fixed-amount assisted persons; an undecided deadline: its latest date) has not passed (rule 6)', '征缴期内未足额：少缴或未缴，但缴费截止日（征缴期末；定额资助对象为 assisted_end；未确定时为最迟日期）未过（规则6）', ['nothing yet: collection goes on; the row becomes UNPAID, UNDERPAID or NOT_ENROLLED after the deadline', '暂无需处理：征缴继续；截止日后转为未缴费、少缴或应保未保']),
  NOT_ENROLLED: e('an entitled roster person with no payment at all, past the deadline: a 应保尽保 gap (rule 6); action ENROLL', '应保未保：资助对象截止日后仍无任何缴费（规则6）；待办“动员参保”', ['the township and village (乡镇/村), with the recognising department (the roster\'s source_dept, in the workbook\'s Not enrolled sheet), enroll the person', '乡镇、村会同认定部门（资助名单的认定部门，见工作簿“应保尽保”表）动员其参保']),
  UNPAID: e('nothing paid (net C_p ≤ 0, all payments reversed counts as nothing) though E > 0, past the deadline (rule 6)', '截止日后未缴费：个人缴费净额 ≤ 0（全部冲正视为未缴），而应缴 > 0（规则6）', ['the township and village (乡镇/村), with the tax bureau (税务), ask the person to pay (COLLECT_PERSON)', '乡镇、村会同税务催缴（催缴个人缴费）']),
  UNDERPAID: e('part of E paid, past the deadline (rule 6)', '截止日后少缴：已缴部分不足应缴（规则6）', ['the township and village (乡镇/村), with the tax bureau (税务), ask for the rest (COLLECT_PERSON)', '乡镇、村会同税务催缴差额（催缴个人缴费）']),
  OK: e('the person paid exactly E (rule 6); the status is about the personal obligation only, so an action about the fund\'s part may still follow', '个人足额缴费（规则6）；结果只反映个人缴费，资助部分仍可能有待办', NOTHING),
};

/** The flags of rule 11 (and this product's TOO_MANY_PAYMENTS), plus POLICY_GAP:<key>. */
const FLAG: Record<(typeof FLAGS)[number] | 'POLICY_GAP:<key>', Entry> = {
  ASSISTANCE_OVERPAID: e('the assistance fund paid more than A: C_a − A is refunded to the fund (rule 6, REFUND_FUND)', '资助多缴：C_a − A 退回医疗救助基金（规则6，退回医疗救助基金）', FINANCE),
  ASSISTANCE_UNPAID: e('the assistance fund paid less than A (rule 6); after the deadline the action is COLLECT_FUND', '资助未到位：资助缴费少于 A（规则6）；截止日后待办“催缴资助资金”', ['the medical-assistance fund (医疗救助) pays the missing part after the deadline', '截止日后由医疗救助基金补缴']),
  ASSISTED_ELSEWHERE: e('the person has a recognition in another province for the year, not counted here (rule 3: assistance is paid by the recognising region\'s fund); REVIEW', '外省认定资助：本年度在外省被认定资助，此处不计（规则3：资助由认定地救助基金支付）；需人工复核', AUDITOR),
  DUPLICATE_PAYMENT: e('more personal payments than one enrollment needs: C_p > E and positive payments outnumber reversals by two or more (rule 5); listed in duplicates.csv', '重复缴费：个人缴费超过应缴，且正数缴费比冲正多两笔以上（规则5）；见 duplicates.csv', FINANCE),
  EMPLOYEE_LAPSE_EXEMPT: e('the employee insurance ended within the policy\'s months (3 in Jiangxi) before the late payment met the obligation: benefits start the next day, no waiting period (rule 7 case 5, 赣医保发〔2022〕14号 四(七))', '职工医保中断缴费3个月以内：足额缴费次日起享受待遇，无等待期（规则7第5种情形，赣医保发〔2022〕14号 四(七)）', NOTHING),
  EMPLOYEE_OVERLAP: e('the resident benefit period overlaps an employee-insurance enrollment (rule 9); a RESIDENT_AND_EMPLOYEE row in duplicates.csv; SUSPEND_BENEFITS or REVIEW', '同时参加职工医保：居民医保待遇期与职工医保参保期重叠（规则9）；见 duplicates.csv；暂停待遇或人工复核', ['see the row\'s actions: the benefit system suspends, or an auditor reviews', '按该行待办：待遇系统暂停待遇，或稽核人员复核']),
  FISCAL_PAID: e('a fiscal payment (财政代缴) was made: kept and shown, but neither personal nor assistance money (rule 5, SPEC §2.1)', '财政代缴：有财政代缴款，保留并列示，但不计入个人或资助（规则5，SPEC 2.1）', NOTHING),
  LATE_PAYMENT: e('the obligation was met after the person\'s deadline: benefits start after the waiting period (rule 7)', '逾期缴费：截止日后才足额，待遇在等待期后开始（规则7）', NOTHING),
  LATE_RECOGNITION_NO_REFUND: e('recognised after the collection window where the policy refunds nothing (Jiangxi: already in the benefit period, 赣医保发〔2022〕14号 三(二)): the personal payment stands (rule 3)', '征缴期后认定、政策规定不退费（江西：已在待遇期内，赣医保发〔2022〕14号 三(二)）：个人缴费不退（规则3）', NOTHING),
  MULTIPLE_ASSISTANCE: e('more than one roster category counts: the highest gives S (rule 3, 就高原则)', '多重资助身份：按最高者确定资助额（规则3，就高原则）', NOTHING),
  NAME_MISMATCH: e('the same ID number carries different names across the inputs (rule 6); REVIEW', '姓名不一致：同一证件号码在各输入中姓名不同（规则6）；需人工复核', ['an auditor checks the ID number with the senders (tax bureau 税务, civil affairs 民政)', '稽核人员与报送方（税务、民政）核对证件号码']),
  REVERSED: e('a payment is negative (a reversal or a refund already made); net amounts count (rule 5)', '有冲正：存在负数缴费（冲正或已退费），按净额计算（规则5）', NOTHING),
  TOO_MANY_PAYMENTS: e('more than 1,000 payments for one ID number and year: not reconciled, only the money collected is shown; status POLICY_GAP, REVIEW (docs/rules.md)', '缴费笔数异常：同一证件号码本年度超过1000笔，不予对账，只列实缴；对账结果为政策缺失，需人工复核', ['an auditor asks the tax bureau (税务) what the ID number is (a test load, a placeholder)', '稽核人员向税务核实该证件号码（测试数据、占位号码等）']),
  'POLICY_GAP:<key>': e('the row\'s policy chain lacks <key> (SPEC §3). Gaps that only leave a date unknown (waiting_days, benefit_start, newborn_grace_days, collection_window.*, waiting_exempt_after_employee_months) leave the benefit start blank and ask nothing; the others ask for REVIEW (rule 10)', '政策缺失：该行政策链缺少 <key>（SPEC 3）。只影响日期的（waiting_days、benefit_start、newborn_grace_days、collection_window.*、waiting_exempt_after_employee_months）仅使待遇起始日为空；其余需人工复核（规则10）', POLICY_OWNER),
};

/** The actions of rule 10, in the order a row lists them. */
const ACTION: Record<Action, Entry> = {
  REFUND_PERSON: e('money is owed back to the person (a refunds.csv row with payee person)', '应退给个人（refunds.csv 中退款对象为个人）', FINANCE),
  REFUND_FUND: e('money is owed back to the medical-assistance fund (a refunds.csv row with payee assistance_fund)', '应退回医疗救助基金（refunds.csv 中退款对象为医疗救助基金）', ['finance (财务) returns it to the medical-assistance fund (医疗救助基金)', '财务退回医疗救助基金']),
  COLLECT_PERSON: e('the person paid less than E and the deadline has passed', '截止日已过，个人缴费不足', ['the township and village (乡镇/村), with the tax bureau (税务), ask the person to pay the rest', '乡镇、村会同税务催缴']),
  COLLECT_FUND: e('the fund paid less than A and the person\'s deadline has passed', '截止日已过，资助资金不足', ['the medical-assistance fund (医疗救助) pays the missing assistance', '医疗救助基金补缴资助资金']),
  ENROLL: e('an entitled roster person has not enrolled (status NOT_ENROLLED, 应保尽保); instead of both collect actions', '资助对象未参保（应保未保）；代替两项催缴', ['the township and village (乡镇/村), with the recognising department, enroll the person', '乡镇、村会同认定部门动员参保']),
  SUSPEND_BENEFITS: e('the person joined the employee scheme during the resident benefit period and the policy suspends resident benefits meanwhile (rule 9); a benefit_suspensions.csv row', '居民医保待遇期内参加职工医保，政策规定期间暂停居民医保待遇（规则9）；见 benefit_suspensions.csv', ['the benefit system (待遇系统) suspends the resident benefits from suspend_from and resumes them on resume_on', '待遇系统自暂停日期起暂停、恢复日期起恢复居民医保待遇']),
  REVIEW: e('the result cannot be settled by the rules: status POLICY_GAP, a gap that is not only a date, NAME_MISMATCH, ASSISTED_ELSEWHERE, an EMPLOYEE_OVERLAP no suspension resolves, or a POSSIBLE_DUPLICATE', '规则无法定论：政策缺失、非日期类政策缺失标记、姓名不一致、外省认定资助、未以暂停待遇解决的职工医保重叠、疑似重复人员', AUDITOR),
};

/** refunds.csv's columns (SPEC §5 v2: refund_id first). */
const REFUNDS: Record<string, Entry> = {
  refund_id: e('stable id of the refund: RF + 16 hex digits of the SHA-256 of year|id_number|region_code|payee|reason; the same refund keeps it night after night while its amount may change', '退费编号：RF 加 year|证件号码|统筹区|退款对象|原因 的 SHA-256 前16位；同一笔退费每晚编号不变，金额可能变化', ['finance (财务) deduplicates on it: a known id is a refund already received, perhaps with a new amount', '财务据此去重：编号已有即为已收到的退费（金额可能已变）']),
  id_number: e('the person', '证件号码'),
  name: e('the person\'s name', '姓名'),
  region_code: e('the region the money was paid in', '缴费所在统筹区'),
  payee: e('who gets the money: person or assistance_fund', '退款对象：个人或医疗救助基金'),
  amount: e('tonight\'s amount owed back, yuan', '今晚应退金额，元', FINANCE),
  reason: e('why: see the refund reasons', '退费原因：见“退费原因”'),
  rule: e('the policy clauses the refund rests on', '退费所依据的政策条款'),
};

const PAYEE: Record<RefundPayee, Entry> = {
  person: e('the person who paid', '缴费个人', FINANCE),
  assistance_fund: e('the medical-assistance fund (医疗救助基金) that paid the assistance', '缴纳资助资金的医疗救助基金', ['finance (财务) returns it to the medical-assistance fund', '财务退回医疗救助基金']),
};

const REFUND_REASON: Record<RefundReason, Entry> = {
  ASSISTANCE_RECOGNISED_AFTER_PAYMENT: e('status REFUND_DUE: recognised for assistance after paying; C_p − E to the person (rule 6, 赣医保发〔2022〕14号 三(二))', '缴费后认定资助对象：C_p − E 退给个人（规则6，赣医保发〔2022〕14号 三(二)）', FINANCE),
  OVERPAID: e('status OVERPAID: C_p − E to the person (rule 6)', '多缴：C_p − E 退给个人（规则6）', FINANCE),
  DUPLICATE_ENROLLMENT: e('a duplicate enrollment\'s whole net collection: the personal part to the person, the assistance part to the fund (rule 2)', '重复参保：已缴净额全部退还，个人部分退个人，资助部分退基金（规则2）', FINANCE),
  ASSISTANCE_OVERPAID: e('C_a − A to the medical-assistance fund, whatever the status (rule 6)', '资助多缴：C_a − A 退回医疗救助基金（规则6）', FINANCE),
};

/** duplicates.csv's columns. */
const DUPLICATES: Record<string, Entry> = {
  kind: e('what was found: see the duplicate kinds', '类型：见“重复类型”'),
  id_number: e('the person', '证件号码'),
  name: e('the person\'s name', '姓名'),
  region_codes: e('the regions involved, `;`-joined (RESIDENT_AND_EMPLOYEE: the resident row\'s, then the employee enrollment\'s)', '涉及的统筹区，以 ; 分隔（居民与职工重复：先居民后职工）'),
  txn_ids: e('the tax receipt numbers of the payments involved, `;`-joined', '涉及的电子税票号码，以 ; 分隔'),
  other_id_number: e('POSSIBLE_DUPLICATE: the other ID number of the pair', '疑似重复人员：另一证件号码'),
  detail: e('what the finding rests on: the primary region, the payments, the dates of the overlap', '依据：参保地、缴费笔数、重叠日期等'),
};

const DUPLICATE_KIND: Record<DuplicateKind, Entry> = {
  DUPLICATE_ENROLLMENT: e('the person paid (net > 0) in two or more regions: enrolled once, the other regions refunded (rule 2, 医保发〔2022〕20号 八)', '重复参保：在两个以上统筹区缴费，只在一地参保，其余退费（规则2，医保发〔2022〕20号 八）', FINANCE),
  DUPLICATE_PAYMENT: e('several personal payments for one enrollment (rule 5)', '同一参保多次个人缴费（规则5）', ['finance (财务) refunds per refunds.csv; the tax bureau (税务) can check the receipts', '财务按 refunds.csv 退费；税务可核对税票']),
  POSSIBLE_DUPLICATE: e('two ID numbers with the same name and birth date, differing in at most two characters (rule 8); statuses unchanged, REVIEW on both', '疑似重复人员：两个证件号码姓名、出生日期相同，最多相差两位（规则8）；不改变对账结果，两人均需复核', ['an auditor checks with the household register (公安/民政) which number is right', '稽核人员核对户籍信息确定正确号码']),
  RESIDENT_AND_EMPLOYEE: e('resident benefits overlap an employee-insurance enrollment (rule 9): already employee-insured at the start is plain 重复参保 (REVIEW); joined during the period is suspended where the policy says so, else REVIEW; no refund is computed', '居民医保与职工医保重复参保（规则9）：居民待遇开始时已参加职工医保的需复核；待遇期内参加职工医保的按政策暂停待遇，政策未规定的需复核；不计算退费', ['the benefit system suspends (benefit_suspensions.csv), or an auditor reviews', '待遇系统暂停待遇（见 benefit_suspensions.csv），或稽核人员复核']),
};

/** benefit_suspensions.csv's columns (rule 9). */
const SUSPENSIONS: Record<string, Entry> = {
  id_number: e('the person', '证件号码'),
  name: e('the person\'s name', '姓名'),
  region_code: e('the resident row\'s region', '居民医保参保统筹区'),
  suspend_from: e('suspend resident benefits from this day: the employee insurance\'s insured_from', '暂停居民医保待遇的日期：职工医保参保开始日', ['the benefit system (待遇系统) suspends from this day', '待遇系统自该日起暂停']),
  resume_on: e('resume them on this day: the day after insured_to; blank while still employee-insured (a later night fills it)', '恢复待遇的日期：职工医保终止次日；仍在参保时为空（以后的对账补上）', ['the benefit system (待遇系统) resumes on this day', '待遇系统自该日起恢复']),
  employee_region: e('the region of the employee enrollment', '职工医保参保地'),
  rule: e('the policy clause of the suspension (赣医保发〔2022〕14号 四(六) in Jiangxi)', '暂停待遇的政策依据（江西：赣医保发〔2022〕14号 四(六)）'),
};

/** rejects.csv's columns (SPEC §2.4). */
const REJECTS: Record<string, Entry> = {
  file: e('the input file\'s name', '输入文件名'),
  line: e('the line number in the file (the header is line 1); 0 for the row of a file rejected whole', '文件中的行号（表头为第1行）；整个文件被拒收时为0'),
  kind: e('the file\'s kind: payments, roster, employees, or unknown when not recognised', '文件类型：payments（缴费）、roster（资助名单）、employees（职工医保名单），无法识别时为 unknown'),
  reason: e('the reason code: see the reject reasons', '拒收原因：见“拒收原因”'),
  detail: e('what is wrong, in words (which field, which value)', '具体问题（哪一列、什么值）'),
  raw: e('the line as read', '原始行内容'),
};

// Who corrects a rejected line: the file's sender.
const SENDER: Words = [
  'the file\'s sender corrects the line and sends the file again: the tax bureau (税务) for payments, civil affairs (民政) or the recognising department for rosters, the employee-insurance office (职工医保) for the employee list; lines already held are repeats',
  '由报送方更正后重新报送：缴费文件找税务，资助名单找民政或认定部门，职工医保名单找职工医保经办；已收到的行视为重复',
];
const REJECT_REASON: Record<ReasonCode, Entry> = {
  MALFORMED_ROW: e('the line does not split into the header\'s columns (a wrong field count, an unclosed quote)', '格式错误：列数不符或引号未闭合', SENDER),
  OVERSIZED_ROW: e('a line or field past the job\'s size limits (docs/ingest.md)', '行或字段超过长度限制', SENDER),
  MISSING_FIELD: e('a required column is empty (the detail names it)', '必填列为空（说明中列出）', SENDER),
  BAD_ID_NUMBER: e('the ID number is invalid (check character, birth date, length), or a spreadsheet damaged it (3.60702E+17): the detail says how to export it as text', '证件号码无效（校验位、出生日期、长度），或被表格软件改坏（3.60702E+17）：说明中给出按文本导出的方法', SENDER),
  BAD_REGION_CODE: e('the region code is not a 6-digit GB/T 2260 code', '统筹区编码不是6位 GB/T 2260 编码', SENDER),
  BAD_AMOUNT: e('the amount is not yuan with at most two decimals', '金额不是最多两位小数的元', SENDER),
  BAD_DATE: e('a date is not a date, or an end date is before its start', '日期无效，或终止日期早于开始日期', SENDER),
  BAD_YEAR: e('the coverage year is outside 2000–2099 (a mis-mapped column)', '缴费年度不在2000–2099之间（多为列对应错误）', SENDER),
  BAD_CATEGORY: e('the person or roster category (or insured_kind) is not one the product knows; the detail lists the accepted labels', '人员类别、资助类别或参保身份无法识别；说明中列出可用标签', SENDER),
  BAD_PAYER_TYPE: e('the payer type is not personal, assistance or fiscal', '缴费主体不是个人、资助或财政', SENDER),
  BAD_TIER: e('the tier is not 1 or 2', '缴费档次不是1或2', SENDER),
  CONFLICTING_TXN_ID: e('a txn_id already held with different content; the first version stays', '电子税票号码已存在但内容不同；保留先收到的', ['the tax bureau (税务) says which version is right', '由税务确认哪一版本正确']),
  UNRECOGNISED_FILE: e('the header is none of the input kinds, or a required column is missing (line 0)', '表头无法识别为任何输入类型，或缺少必需列（行号0）', SENDER),
  EMPTY_FILE: e('no data rows: empty, blank or a header only (line 0)', '没有数据行：空文件或只有表头（行号0）', SENDER),
  UNDECODABLE_FILE: e('neither UTF-8 nor GB18030, or not a CSV (an xlsx, UTF-16); the detail names the first bad line (line 0)', '编码不是 UTF-8 或 GB18030，或不是 CSV（xlsx、UTF-16）；说明中指出第一处错误（行号0）', ['the sender saves it as CSV (UTF-8 or GB18030) and sends it again', '报送方另存为 CSV（UTF-8 或 GB18030）后重新报送']),
  TOO_MANY_REJECTS: e('more of its rows rejected than --max-reject-rate allows: probably mis-mapped, none of its rows kept, its bad rows listed after line 0', '拒收行超过 --max-reject-rate：多为列对应错误，整个文件不予接收，其错误行列在行号0之后', SENDER),
  UNREADABLE_FILE: e('the job could not read the file: permission denied, a dangling link, a link out of the inbox, not a regular file (line 0)', '无法读取文件：无权限、链接失效、链接指向收件箱外、不是普通文件（行号0）', ['the operator fixes the file\'s permissions or puts the file itself in the inbox; the next run reads it', '运维人员修正文件权限或把文件本身放入收件箱，下次运行读取']),
};

/** region_summary.csv's columns before and after the count per status. */
const SUMMARY_HEAD: Record<string, Entry> = {
  region_code: e('the pooling region', '统筹区编码'),
  region_name: e('its name (GB/T 2260)', '统筹区名称（GB/T 2260）'),
  persons: e('result rows in the region (a person paying in two regions counts in both)', '该统筹区的对账行数（在两地缴费的人两地都计）'),
  expected_personal: e('Σ expected_personal, leaving out POLICY_GAP rows (unknown)', '应缴个人合计（不含政策缺失行）'),
  collected_personal: e('Σ collected_personal over every row (ties to the personal payments)', '实缴个人合计（全部行，与个人缴费对应）'),
  expected_assistance: e('Σ expected_assistance, leaving out POLICY_GAP rows', '应资助合计（不含政策缺失行）'),
  collected_assistance: e('Σ collected_assistance over every row', '实资助合计（全部行）'),
  refund_total: e('Σ refund_due: all refunds, to persons and to the fund', '应退合计：退个人与退基金'),
  arrears: e('Σ (expected_personal − collected_personal) over UNDERPAID and UNPAID rows', '欠缴合计：少缴、未缴行的（应缴个人 − 实缴个人）'),
};
const SUMMARY_TAIL: Record<string, Entry> = {
  collection_rate: e('collected / expected personal, four decimals, over rows with a known expected amount and not DUPLICATE_ENROLLMENT; blank (not 0) where nothing is expected', '个人缴费到位率：实缴/应缴，四位小数，不含政策缺失和重复参保行；应缴为0时为空（不是0）'),
};

/** changes.csv's columns (SPEC §5 v2). */
const CHANGES: Record<string, Entry> = {
  id_number: e('the row\'s person', '证件号码'),
  name: e('the name (for GONE, as the previous reconcile had it)', '姓名（已消失的行为上次的姓名）'),
  region_code: e('the row\'s region', '统筹区编码'),
  change: e('NEW, CHANGED or GONE: see the changes', '变化：新增、有变化或已消失'),
  fields: e('for CHANGED, the reconciliation.csv columns that differ, `;`-joined in that file\'s order', '有变化时，发生变化的 reconciliation.csv 列，以 ; 分隔'),
  status_before: e('the status at the previous reconcile (blank for NEW)', '上次的对账结果（新增时为空）'),
  status_after: e('the status now (blank for GONE)', '现在的对账结果（已消失时为空）'),
  refund_due_before: e('refund_due at the previous reconcile (blank where there was no row or it was POLICY_GAP)', '上次的应退金额（无该行或政策缺失时为空）'),
  refund_due_after: e('refund_due now (blank where there is no row or it is POLICY_GAP)', '现在的应退金额（无该行或政策缺失时为空）'),
  actions_after: e('tonight\'s actions (rule 10): what to do next', '今晚的待办事项（规则10）', ['see the actions', '见“待办事项”']),
  previous_as_of: e('the as-of date of the reconcile compared against; blank on the year\'s first reconcile', '对比的上次对账截止日；本年度首次对账时为空'),
};

const CHANGE: Record<'NEW' | 'CHANGED' | 'GONE', Entry> = {
  NEW: e('a row the previous reconcile did not have (every row, on the year\'s first reconcile)', '上次没有的行（本年度首次对账时所有行）', ['work on its actions', '按其待办处理']),
  CHANGED: e('a row that differs from the previous reconcile in the columns `fields` names', '与上次相比有变化的行，变化列见“变化字段”', ['work on its actions; a refund whose amount changed keeps its refund_id', '按其待办处理；金额变化的退费编号不变']),
  GONE: e('a row the previous reconcile had and tonight\'s has not (a roster-only row whose entry turned out to end before the year, for one)', '上次有、今晚没有的行（如资助认定实际在本年度前已终止的仅名单人员）', ['drop it from the work lists; a refund of it is no longer owed', '从待办中删除；其退费不再应付']),
};

/** manifest.json's fields, every key of Manifest. */
const MANIFEST: Record<keyof Manifest, Entry> = {
  run_id: e('the run\'s id, as in the database\'s runs table and the log', '运行编号，与数据库 runs 表和日志一致'),
  tool_version: e('the version of premium-recon that wrote the outputs', '生成输出的程序版本'),
  command: e('the command that ran (run or export)', '运行的命令（run 或 export）'),
  parameters: e('its options (a database URL\'s password shown as ***)', '命令参数（数据库密码显示为 ***）'),
  database_created: e('whether this run created the database (a first night, or a wrong --db)', '本次运行是否新建了数据库（首晚，或 --db 有误）'),
  as_of: e('the as-of date: facts dated after it are not counted', '对账截止日：其后的数据不计'),
  coverage_year: e('the coverage year', '缴费年度'),
  lang: e('the language of the outputs\' headers and labels (zh or en)', '输出表头和标签的语言（zh 或 en）'),
  reconcile_id: e('the id of the reconcile the outputs were exported from; the next night\'s export copies reconciliation.csv\'s unchanged lines from this folder when it follows that reconcile (docs/architecture.md, "Incremental nights")', '输出所依据的对账编号；下一晚的对账紧接其后时，导出从本文件夹复制对账明细中未变化的行'),
  started_at: e('when the run started (China time)', '开始时间（北京时间）'),
  finished_at: e('when the outputs were written', '输出写完时间'),
  inputs: e('every file held in the database: name, sha256, kind, encoding, rows read = accepted + repeats + rejected, control totals per payer type', '数据库中的全部输入文件：文件名、sha256、类型、编码、读取行数 = 接收 + 重复 + 拒收、按缴费主体的控制合计', ['an auditor ties control totals to the tax bureau\'s batch totals', '稽核人员将控制合计与税务批次合计核对']),
  run_inputs: e('the files this run was given and what happened to each (ingested, skipped as already held, rejected)', '本次运行收到的文件及其处理结果（接收、已有跳过、拒收）'),
  steps: e('counts per step of this run (ingest, reconcile, export)', '本次运行各步骤的计数'),
  deferred: e('inbox files not read because they may still be arriving; the next run reads them', '可能仍在传输而推迟读取的文件；下次运行读取'),
  skipped_entries: e('inbox entries that are not files (folders), not read', '收件箱中非文件的条目（文件夹），未读取'),
  outputs: e('every output file: name, sha256, rows', '每个输出文件：文件名、sha256、行数'),
  policies: e('the policy files the reconcile used, with their sha256', '对账使用的政策文件及其 sha256'),
  outcome: e('done, or done_with_rejected_files when a file was rejected whole', 'done（完成），或有整个文件被拒收时为 done_with_rejected_files'),
};

/** The guide's sections, in order: [English name, Chinese name], how an item appears in the outputs, the entries. */
type Section = { name: Words; kind: 'files' | 'columns' | 'codes'; item: (key: string, lang: Lang) => string; entries: Record<string, Entry>; keys: readonly string[] };

const csv = (file: string, zh: string, entries: Record<string, Entry>, keys: readonly string[] = Object.keys(entries)): Section =>
  ({ name: [file, `${file}（${zh}）`], kind: 'columns', item: (key, lang) => header(key, lang), entries, keys });
const codes = (en: string, zh: string, entries: Record<string, Entry>, item: Section['item'], keys: readonly string[]): Section =>
  ({ name: [en, zh], kind: 'codes', item, entries, keys });

const statusCount = (s: Status): Entry => ({ meaning: [`rows with status ${s} (see the statuses)`, `对账结果为“${label(s, 'zh')}”的行数`] });
const SUMMARY: Record<string, Entry> = { ...SUMMARY_HEAD, ...Object.fromEntries(STATUSES.map((s) => [`count_${s}`, statusCount(s)])), ...SUMMARY_TAIL };

const SECTIONS: Section[] = [
  { name: ['output file', '输出文件'], kind: 'files', item: (k) => k, entries: FILES, keys: Object.keys(FILES) },
  csv('reconciliation.csv', '对账明细', RECONCILIATION, RECONCILIATION_COLUMNS),
  codes('status', '对账结果', STATUS, (k, lang) => label(k, lang), STATUSES),
  codes('action', '待办事项', ACTION, (k, lang) => codesLabel(k, lang), ACTIONS),
  codes('flag', '标记', FLAG, (k, lang) => codesLabel(k, lang), [...FLAGS, 'POLICY_GAP:<key>']),
  csv('refunds.csv', '退费明细', REFUNDS),
  codes('refund payee', '退款对象', PAYEE, (k, lang) => label(k, lang), REFUND_PAYEES),
  codes('refund reason', '退费原因', REFUND_REASON, (k, lang) => label(k, lang), REFUND_REASONS),
  csv('duplicates.csv', '重复情况', DUPLICATES),
  codes('duplicate kind', '重复类型', DUPLICATE_KIND, (k, lang) => label(k, lang), DUPLICATE_KINDS),
  csv('benefit_suspensions.csv', '暂停待遇', SUSPENSIONS),
  csv('rejects.csv', '拒收明细', REJECTS),
  // Reject reasons are written as flags are: `中文 (CODE)` in Chinese where a label exists (SPEC §5 v2).
  codes('reject reason', '拒收原因', REJECT_REASON, (k, lang) => rejectReason(k, lang), [...ROW_REASONS, ...FILE_REASONS]),
  csv('region_summary.csv', '统筹区汇总', SUMMARY),
  csv('changes.csv', '变化', CHANGES),
  codes('change', '变化类型', CHANGE, (k, lang) => label(k, lang), Object.keys(CHANGE)),
  { name: ['manifest.json', 'manifest.json（运行清单）'], kind: 'columns', item: (k) => k, entries: MANIFEST, keys: Object.keys(MANIFEST) },
];

/** Every column of every output, every status, flag, action, refund reason/payee, duplicate kind and reject reason, in the output language. */
export function guideRows(lang: Lang): GuideRow[] {
  return SECTIONS.flatMap((s) => s.keys.map((key) => {
    const entry = s.entries[key];
    if (!entry) throw new Error(`output guide: no entry for ${key} in ${s.name[0]}`);
    return { section: say(lang, s.name), item: s.item(key, lang), meaning: say(lang, entry.meaning), todo: say(lang, entry.todo) };
  }));
}

/**
 * The guide's sections in guideRows' order: their English and Chinese names, how many rows each has, and
 * whether its items are output files, an output's columns (or fields), or codes (docs/outputs.md's layout).
 */
export function guideSections(): { en: string; zh: string; rows: number; kind: 'files' | 'columns' | 'codes' }[] {
  return SECTIONS.map((s) => ({ en: s.name[0], zh: s.name[1], rows: s.keys.length, kind: s.kind }));
}
