import { formatFen } from '../normalise/amount.js';
import { chineseLabel } from '../normalise/labels.js';
import { regionLabel } from '../regions/region-table.js';

/**
 * The two vocabularies of describe-chain.ts: the English of `recon policies` and `recon explain` (a terminal's
 * text, each key's Chinese name in its heading), and the Chinese of report.html with `--lang zh`, in the
 * notices' own terms (个人缴费标准, 集中征缴期, 待遇享受期, 资助标准, 待遇等待期, 不低于). A citation is the policy
 * file's text (data) in both; codes and categories are named in Chinese, a gap keeps its code in
 * parentheses as the CSVs' flags do (`政策缺失 (POLICY_GAP:waiting_days)`), so that an auditor can search for it.
 * The English one names a gap's key where it always did, and only there: its text is unchanged.
 */
export type ChainWords = {
  levels: (codes: string[]) => string;
  headings: { standard: string; window: string; benefit: string; assistance: string; waiting: string; rules: string; citations: string };
  /** `  ← 360700 (citation)`: where a value comes from. */
  from: (region: string, citation: string | null) => string;
  /** A value the chain lacks, the gap code it leaves (`personal_standard.resident.2`). */
  gap: (key: string) => string;
  /** A payment or roster category; a category and tier (`resident.1`). */
  category: (code: string) => string;
  categoryTier: (code: string, tier: string) => string;
  /** A list of categories (`veteran, special`). */
  list: (codes: string[]) => string;
  /** A key's name: a dotted path (`late_recognition.unenrolled`), a window field (`end`) or a category. */
  key: (key: string) => string;
  /** `name: text`. */
  line: (name: string, text: string) => string;
  standard: {
    unspecifiedStudent: (key: string) => string;
    floor: (fen: number, key: string) => string;
    amount: (fen: number, floor: number | null) => string;
    asResident: string;
  };
  window: {
    noWindow: string;
    start: (date: string) => string;
    endUndecided: (end: string, latest: string) => string;
    endDeadline: (end: string) => string;
    endLatest: (date: string) => string;
    noEndLatest: string;
    assistedEnd: (date: string) => string;
    assistedUndecided: (latest: string) => string;
    noAssistedEnd: string;
    assistedLatest: (date: string) => string;
    noAssistedLatest: string;
  };
  benefit: { range: (start: string, end: string) => string; calendarYear: (year: number) => string; byDefault: string };
  assistance: {
    full: string;
    none: string;
    setLocally: (key: string) => string;
    fixed: (fen: number) => string;
    percent: (p: number) => string;
    sameAs: (category: string) => string;
    absent: (key: string) => string;
    loop: (key: string) => string;
  };
  days: (n: number) => string;
  months: (n: number) => string;
  noneExempt: string;
  noExemptList: string;
  /** A rule key's stated value (`no_refund`, `does_not_count`, true). */
  value: (v: unknown) => string;
  waitingDaysAbsent: string;
  beforeBenefitAbsent: string;
  mayChooseAbsent: string;
  citation: (name: string, text: string, region: string) => string;
  noCitation: string;
};

const EN: ChainWords = {
  levels: (codes) => `levels: ${codes.join(' → ') || '(none: every value is absent)'}`,
  headings: {
    standard: 'personal_standard 个人缴费标准 (yuan per person and year):', window: 'collection_window 集中征缴期:', benefit: 'benefit_period 待遇享受期:',
    assistance: 'assistance 资助参保 (per roster category):', waiting: 'waiting and newborns 等待期 / 新生儿:',
    rules: 'rules only some documents state 地方规则:', citations: 'citations of rules and of the files 引用:',
  },
  from: (region, citation) => `  ← ${region}${citation ? ` (${citation})` : ' (no citation)'}`,
  gap: () => 'absent (gap)',
  category: (code) => code,
  categoryTier: (code, tier) => `${code}.${tier}`,
  list: (codes) => codes.join(', '),
  key: (key) => key,
  line: (name, text) => `${name}: ${text}`,
  standard: {
    unspecifiedStudent: () => 'absent (gap: 大中专学生 without saying which: its standard is a POLICY_GAP until the chain sets it)',
    floor: (fen) => `at least ${formatFen(fen)} (a floor, 不低于: each pooling region sets its own standard; until it does, a row that needs it is a POLICY_GAP)`,
    amount: (fen, floor) => `${formatFen(fen)}${floor !== null ? ` (the floor above it: at least ${formatFen(floor)})` : ''}`,
    asResident: 'not in the chain: the resident standard',
  },
  window: {
    noWindow: 'absent (gap: no window at all: every row here is a POLICY_GAP)',
    start: (date) => date,
    endUndecided: (end, latest) => `${end}, a deadline not yet decided: each pooling region may extend the whole window up to end_latest ${latest}; until its own file does, payments are PENDING up to that date`,
    endDeadline: (end) => `${end}, the deadline`,
    endLatest: (date) => `${date}, the latest date to which a pooling region may extend the whole window (not a deadline by itself)`,
    noEndLatest: 'absent (no extension of the whole window is provided for: end is the deadline)',
    assistedEnd: (date) => `${date}, the deadline for persons with fixed-amount assistance (定额资助); full assistance keeps end`,
    assistedUndecided: (latest) => `absent (gap: not yet decided for persons with fixed-amount assistance: each county may set it up to assisted_end_latest ${latest}; until it does, they are PENDING up to that date)`,
    noAssistedEnd: 'absent (persons with fixed-amount assistance keep end)',
    assistedLatest: (date) => `${date}, the latest date to which a county may set assisted_end (not a deadline by itself)`,
    noAssistedLatest: 'absent',
  },
  benefit: {
    range: (start, end) => `${start} .. ${end}`,
    calendarYear: (year) => `absent: the coverage calendar year ${year}-01-01 .. ${year}-12-31 applies`, byDefault: 'the default',
  },
  assistance: {
    full: "full (the person's whole standard)",
    none: 'none: not assisted',
    setLocally: () => 'set locally (amount not stated: POLICY_GAP)',
    fixed: (fen) => `fixed amount ${formatFen(fen)} (capped at the standard)`,
    percent: (p) => `${p}% of the standard (rounded half up to the fen)`,
    sameAs: (category) => `same as ${category}`,
    absent: (key) => `absent (gap: POLICY_GAP:${key} wherever an entry counts)`,
    loop: (key) => `absent (gap: same_as loops back: POLICY_GAP:${key})`,
  },
  days: (n) => `${n} days`,
  months: (n) => `${n} months`,
  noneExempt: 'absent (no category is exempt from waiting)',
  noExemptList: 'none',
  value: (v) => String(v),
  waitingDaysAbsent: 'absent (gap: the benefit start of a late payer is unknown)',
  beforeBenefitAbsent: 'absent (gap: the document leaves it to localities)',
  mayChooseAbsent: "absent (a permission: rule 2's student region applies)",
  citation: (name, text, region) => `${name}: ${text}  ← ${region}`,
  noCitation: 'absent (no citation in the chain)',
};

/** The Chinese names of the keys a line names (a dotted path: its first part, or the whole path where listed). */
const KEYS_ZH: Record<string, string> = {
  start: '开始日期',
  end: '截止日期',
  end_latest: '最迟可延长至',
  assisted_end: '定额资助参保对象截止日期',
  assisted_end_latest: '定额资助参保对象最迟可延长至',
  default: '默认',
  waiting_days: '待遇等待期',
  waiting_exempt: '不设待遇等待期的人员类别',
  newborn_grace_days: '新生儿出生后参保登记期限',
  'late_recognition.unenrolled': '集中征缴期结束后被确定为资助参保对象、未参保的',
  'late_recognition.in_benefit_period': '集中征缴期结束后被确定为资助参保对象、已参保且进入待遇享受期的',
  'late_recognition.before_benefit': '集中征缴期结束后被确定为资助参保对象、已参保但尚未进入待遇享受期的',
  'late_recognition.benefit_start': '集中征缴期结束后被确定为资助参保对象、未参保者的待遇享受起始',
  ended_before_enrollment: '参保前资助身份已终止的',
  assisted_student_may_choose_region: '资助参保的大中专学生可选择在身份认定地区参保',
  waiting_exempt_after_employee_months: '职工医保中断缴费后免待遇等待期的期限',
  suspend_during_employee_insurance: '参加职工医保期间暂停居民医保待遇',
  duplicate_enrollment: '重复参保治理',
  cross_scheme_duplicate: '居民医保与职工医保重复参保',
  student_region: '大中专学生在学籍地参保',
  name: '文件名称',
};

/** The values rule keys take (policy-file.ts), in the notices' words. */
const VALUES_ZH: Record<string, string> = {
  assist: '按规定享受资助参保待遇', no_refund: '不再办理退费', refund: '将应资助部分退回个人',
  period_start: '自待遇享受期开始之日', waiting: '设待遇等待期',
  counts: '仍享受资助参保政策', does_not_count: '不再享受资助参保政策',
  true: '是', false: '否',
};

/** `政策缺失 (POLICY_GAP:key)`, as the CSVs write the flag. */
const gapZh = (key: string) => `政策缺失 (POLICY_GAP:${key})`;

const ZH: ChainWords = {
  levels: (codes) => `政策层级（县 → 市 → 省 → 全国）：${codes.map(regionLabel).join(' → ') || '无（各参数均未规定）'}`,
  headings: {
    standard: '个人缴费标准（元/人·年）：', window: '集中征缴期：', benefit: '待遇享受期：', assistance: '资助参保对象及资助标准（按资助类别）：',
    waiting: '待遇等待期与新生儿：', rules: '仅部分政策文件规定的规则：', citations: '规则及文件的政策依据：',
  },
  from: (region, citation) => `  ← ${regionLabel(region)}${citation ? `（${citation}）` : '（未注明依据）'}`,
  gap: (key) => `未规定：${gapZh(key)}`,
  category: chineseLabel,
  categoryTier: (code, tier) => `${chineseLabel(code)} ${chineseLabel(tier)}`,
  list: (codes) => codes.map(chineseLabel).join('、'),
  key: (key) => {
    const [top, ...rest] = key.split('.');
    return KEYS_ZH[key] ?? (rest.length && KEYS_ZH[top!] ? `${KEYS_ZH[top!]}${chineseLabel(rest.join('.'))}` : chineseLabel(key));
  },
  line: (name, text) => `${name}：${text}`,
  standard: {
    unspecifiedStudent: (key) => `未规定：“大中专学生”未说明是高校还是中专学生，政策链规定其标准之前为${gapZh(key)}`,
    floor: (fen, key) => `不低于 ${formatFen(fen)}（最低标准：由各统筹地区确定本地标准；确定之前，需要该标准的行为${gapZh(key)}）`,
    amount: (fen, floor) => `${formatFen(fen)}${floor !== null ? `（上级规定的最低标准：不低于 ${formatFen(floor)}）` : ''}`,
    asResident: '政策链未规定，按普通居民标准',
  },
  window: {
    noWindow: `未规定：没有集中征缴期，本地区每一行均为${gapZh('collection_window')}`,
    start: (date) => date,
    endUndecided: (end, latest) => `${end}，缴费期限尚未确定（${gapZh('collection_window.end')}）：各统筹地区可将整个集中征缴期适当延长，最迟至 ${latest}；本地文件确定之前，到该日为止未缴足的为征缴期内未足额`,
    endDeadline: (end) => `${end}，即缴费期限`,
    endLatest: (date) => `${date}，各统筹地区延长整个集中征缴期的最迟日期（本身不是缴费期限）`,
    noEndLatest: '未规定：不延长整个集中征缴期，截止日期即缴费期限',
    assistedEnd: (date) => `${date}，定额资助参保对象的缴费期限；全额资助参保对象仍按截止日期`,
    assistedUndecided: (latest) => `未规定：定额资助参保对象的缴费期限尚未确定（${gapZh('collection_window.assisted_end')}），各县（市、区）可确定，最迟至 ${latest}；确定之前，他们到该日为止为征缴期内未足额`,
    noAssistedEnd: '未规定：定额资助参保对象仍按截止日期',
    assistedLatest: (date) => `${date}，各县（市、区）确定定额资助参保对象截止日期的最迟日期（本身不是缴费期限）`,
    noAssistedLatest: '未规定',
  },
  benefit: {
    range: (start, end) => `${start} 至 ${end}`,
    calendarYear: (year) => `未规定：按缴费年度的自然年 ${year}-01-01 至 ${year}-12-31`, byDefault: '按默认',
  },
  assistance: {
    full: '全额资助（个人缴费标准全额）',
    none: '不资助',
    setLocally: (key) => `由统筹地区确定（金额未载明：${gapZh(key)}）`,
    fixed: (fen) => `定额资助 ${formatFen(fen)}（不超过个人缴费标准）`,
    percent: (p) => `按个人缴费标准的 ${p}% 资助（四舍五入到分）`,
    sameAs: (category) => `同${chineseLabel(category)}`,
    absent: (key) => `未规定：凡计入该类别的名单记录均为${gapZh(key)}`,
    loop: (key) => `未规定：“同”某类别的引用循环，${gapZh(key)}`,
  },
  days: (n) => `${n} 日`,
  months: (n) => `${n} 个月`,
  noneExempt: '未规定：各类人员均设待遇等待期',
  noExemptList: '无',
  value: (v) => VALUES_ZH[String(v)] ?? String(v),
  waitingDaysAbsent: `未规定：逾期缴费人员的待遇享受起始日未知，${gapZh('waiting_days')}`,
  beforeBenefitAbsent: `未规定：上级文件留待地方规定，${gapZh('late_recognition')}`,
  mayChooseAbsent: '未规定：这是一项许可，未规定时大中专学生按学籍地参保',
  citation: (name, text, region) => `${name}：${text}  ← ${regionLabel(region)}`,
  noCitation: '未规定：政策链中没有依据',
};

export function chainWords(lang: 'en' | 'zh'): ChainWords {
  return lang === 'zh' ? ZH : EN;
}
