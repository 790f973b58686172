/**
 * Canonical codes and the labels that map to them (spec 2.1 and 2.2). Each map is the single source for
 * both parsing (label → code) and the Chinese output labels.
 */

export const PAYER_TYPES = ['personal', 'assistance'] as const;
export type PayerType = (typeof PAYER_TYPES)[number];

export const PAYMENT_CATEGORIES = ['resident', 'student', 'newborn', 'veteran', 'special'] as const;
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
] as const;
export type RosterCategory = (typeof ROSTER_CATEGORIES)[number];

export const TIERS = ['1', '2'] as const;
export type Tier = (typeof TIERS)[number];

const PAYER_TYPE_LABELS: Record<PayerType, string[]> = {
  personal: ['个人', '个人缴费'],
  assistance: ['资助', '医疗救助', '资助参保'],
};

const PAYMENT_CATEGORY_LABELS: Record<PaymentCategory, string[]> = {
  resident: ['普通居民', '城乡居民'],
  student: ['大学生', '在校大学生', '大中专学生'],
  newborn: ['新生儿'],
  veteran: ['退役军人'],
  special: ['其他特殊人员'],
};

const ROSTER_CATEGORY_LABELS: Record<RosterCategory, string[]> = {
  extreme_poverty: ['特困人员', '特困供养人员'],
  orphan: ['孤儿'],
  minimum_living: ['低保对象', '城乡低保对象', '低保'],
  returned_to_poverty: ['返贫致贫人口'],
  unstable_out_of_poverty: ['脱贫不稳定人口', '脱贫不稳定户'],
  edge_of_poverty: ['边缘易致贫人口', '边缘易致贫户'],
  sudden_hardship: ['突发严重困难户'],
  severe_disability: ['重度残疾人', '重度残疾学生和儿童', '丧失劳动能力的重度残疾成年人'],
  low_income_minor: ['城镇低收入家庭未成年人'],
  low_income_elderly: ['城镇低收入家庭60周岁以上老年人'],
};

const TIER_LABELS: Record<Tier, string[]> = { '1': ['一档'], '2': ['二档'] };

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

/** The first Chinese label of a code, for `--lang zh` outputs. */
export function chineseLabel(code: string): string {
  for (const labels of [PAYER_TYPE_LABELS, PAYMENT_CATEGORY_LABELS, ROSTER_CATEGORY_LABELS, TIER_LABELS]) {
    const found = (labels as Record<string, string[]>)[code];
    if (found) return found[0]!;
  }
  return code;
}
