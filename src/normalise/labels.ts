/**
 * Canonical codes and the labels that map to them (spec 2.1 and 2.2). Each map is the single source for
 * both parsing (label → code) and the Chinese output labels.
 */

export const PAYER_TYPES = ['personal', 'assistance', 'fiscal'] as const;
export type PayerType = (typeof PAYER_TYPES)[number];

export const PAYMENT_CATEGORIES = [
  'resident', 'student', 'vocational_student', 'newborn', 'veteran', 'special', 'student_unspecified',
] as const;
export type PaymentCategory = (typeof PAYMENT_CATEGORIES)[number];

export const ROSTER_CATEGORIES = [
  'extreme_poverty',
  'orphan',
  'minimum_living',
  'returned_to_poverty',
  'unstable_out_of_poverty',
  'edge_of_poverty',
  'sudden_hardship',
  'severe_disability',
  'low_income_minor',
  'low_income_elderly',
  'veteran_affairs',
  'temporary_hardship',
] as const;
export type RosterCategory = (typeof ROSTER_CATEGORIES)[number];

/** Spec 2.5 (v2): who an employee-insurance enrollment is for (`insured_kind`, optional). */
export const INSURED_KINDS = ['employee', 'retiree', 'flexible'] as const;
export type InsuredKind = (typeof INSURED_KINDS)[number];

export const TIERS = ['1', '2'] as const;
export type Tier = (typeof TIERS)[number];

const PAYER_TYPE_LABELS: Record<PayerType, string[]> = {
  personal: ['个人', '个人缴费'],
  assistance: ['资助', '医疗救助', '资助参保'],
  // Public money paying a person's contribution (赣医保发〔2022〕14号 三(三) "由财政全额负担"): kept, but neither C_p nor C_a.
  fiscal: ['财政', '财政代缴', '财政全额负担'],
};

/**
 * Spec 2.1 (v2). `student` is 高校 only: the lower standards of 渝医保发〔2022〕25号 一 and 赣医保发〔2022〕14号
 * 三(三) name 高校 students. `大中专学生` is 四(三)'s own label for both kinds, so it cannot say which standard
 * applies (`student_unspecified`, a gap unless a policy sets it). The first label of each code is its
 * `--lang zh` output (`大学生` stays first for `student`, as before v2).
 */
const PAYMENT_CATEGORY_LABELS: Record<PaymentCategory, string[]> = {
  resident: ['普通居民', '城乡居民', '成年居民', '老年居民', '中小学生', '学龄前儿童'],
  student: ['大学生', '高校大学生', '高校学生', '在校大学生', '研究生', '全日制研究生'],
  vocational_student: ['中专学生', '中职学生', '技工院校学生'],
  newborn: ['新生儿'],
  veteran: ['退役军人', '退役军人配偶', '退役军人子女'],
  special: [
    '其他特殊人员', '不享受资助参保的医疗救助对象', '宗教教职人员', '职工医保中断缴费3个月以内人员', '户口新迁入人员',
    '出国人员回国', '服刑人员期满释放', '流动人员子女', '大学生毕业返乡',
  ],
  student_unspecified: ['大中专学生'],
};

/**
 * Spec 2.2 (v2): the documents' own wording. `(的)` marks a 的 the documents write in one place and not in
 * another: each label is listed with and without it (withAndWithout, below), so that a label is matched as
 * written, never by dropping characters from the input. Plain `重度残疾人` is no label: it is wider than every
 * group the documents assist (WIDER_THAN_A_CATEGORY).
 */
const SEVERE_DISABILITY = ['重度残疾学生', '重度残疾儿童', '重度残疾学生和儿童', '丧失劳动能力(的)重度残疾成年人'];

const ROSTER_CATEGORY_LABELS: Record<RosterCategory, string[]> = {
  extreme_poverty: ['特困人员', '特困供养人员'],
  orphan: ['孤儿'],
  minimum_living: ['低保对象', '城乡低保对象', '低保'],
  returned_to_poverty: ['返贫致贫人口'],
  unstable_out_of_poverty: ['脱贫不稳定人口', '脱贫不稳定户'],
  edge_of_poverty: ['边缘易致贫人口', '边缘易致贫户'],
  sudden_hardship: ['突发严重困难户'],
  severe_disability: withAndWithout(...SEVERE_DISABILITY),
  low_income_minor: withAndWithout('城镇低收入家庭(的)未成年人'),
  low_income_elderly: withAndWithout('城镇低收入家庭(的)60周岁以上(的)老年人'),
  veteran_affairs: [
    '六类对象', '两类人员', '残疾军人', '三属人员', '两红人员', '在乡老复员军人', '带病回乡退伍军人', '参战参试退役人员',
    '军转干部', '退役士兵',
  ],
  temporary_hardship: ['临时遇困人员'],
};

/** A roster label wider than any category, and the detail of its BAD_CATEGORY reject (spec 2.2, v2). */
export const WIDER_THAN_A_CATEGORY: ReadonlyMap<string, string> = new Map([
  ['重度残疾人', '"重度残疾人" is wider than every group the documents assist (an adult who can still work is in none): ' +
    `use ${SEVERE_DISABILITY.map((l) => l.replace('(的)', '的')).join(', ')} (赣医保发〔2022〕14号 三(一))`],
]);

/**
 * The `--lang zh` name of a code whose first label names only part of it: the documents' own wording of the
 * whole group (赣医保发〔2022〕14号 三(一)).
 */
const CHINESE_NAMES: Partial<Record<string, string>> = {
  severe_disability: '重度残疾学生和儿童、丧失劳动能力的重度残疾成年人',
  veteran_affairs: '退役军人事务部门资助参保对象',
};

/** Each pattern with every `(的)` written out and left out, the form without 的 first. */
function withAndWithout(...patterns: string[]): string[] {
  return patterns.flatMap((pattern) => {
    const parts = pattern.split('(的)');
    let forms = [parts[0]!];
    for (const part of parts.slice(1)) forms = forms.flatMap((f) => [f + part, f + '的' + part]);
    return forms;
  });
}

const TIER_LABELS: Record<Tier, string[]> = { '1': ['一档'], '2': ['二档'] };

const INSURED_KIND_LABELS: Record<InsuredKind, string[]> = {
  employee: ['在职职工', '在职'],
  retiree: ['退休人员', '退休'],
  flexible: ['灵活就业人员', '灵活就业'],
};

function lookup<T extends string>(labels: Record<T, string[]>): (value: string) => T | null {
  const table = new Map<string, T>();
  for (const code of Object.keys(labels) as T[]) {
    table.set(code.toLowerCase(), code);
    for (const label of labels[code]) table.set(label, code);
  }
  // Codes and labels are mostly written as listed: try the value itself before a lower-cased copy.
  return (value) => table.get(value) ?? table.get(value.toLowerCase()) ?? null;
}

/** Label or code → canonical code, or null when unknown. Input must be cleaned (`cleanCell`). */
export const parsePayerType = lookup(PAYER_TYPE_LABELS);
export const parsePaymentCategory = lookup(PAYMENT_CATEGORY_LABELS);
export const parseRosterCategory = lookup(ROSTER_CATEGORY_LABELS);
export const parseTier = lookup(TIER_LABELS);
export const parseInsuredKind = lookup(INSURED_KIND_LABELS);

/** The first Chinese label of a code (or its CHINESE_NAMES name), for `--lang zh` outputs. */
export function chineseLabel(code: string): string {
  const name = CHINESE_NAMES[code];
  if (name) return name;
  for (const labels of [PAYER_TYPE_LABELS, PAYMENT_CATEGORY_LABELS, ROSTER_CATEGORY_LABELS, TIER_LABELS, INSURED_KIND_LABELS]) {
    const found = (labels as Record<string, string[]>)[code];
    if (found) return found[0]!;
  }
  return code;
}
