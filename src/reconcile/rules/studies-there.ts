import type { PaymentCategory } from '../../normalise/labels.js';

/**
 * Rule 2's 学籍地: the categories of a payment that places a person where they study (赣医保发〔2022〕14号 四(三)
 * "大中专学生…在学籍地参加居民医保"): 高校 and 中专 students, and 大中专学生 whichever they are (spec 2.1, v2).
 */
const STUDENT_CATEGORIES: readonly string[] = ['student', 'vocational_student', 'student_unspecified'] satisfies PaymentCategory[];

/** Whether a payment of this category places its region first in rule 2 (read as payments are summed, payment-tallier.ts). */
export function studiesThere(category: string): boolean {
  return STUDENT_CATEGORIES.includes(category);
}
