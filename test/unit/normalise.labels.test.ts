import { describe, expect, it } from 'vitest';
import {
  chineseLabel, parsePayerType, parsePaymentCategory, parseRosterCategory, parseTier, WIDER_THAN_A_CATEGORY,
} from '../../src/normalise/labels.js';

/** Spec 2.1 / 2.2: a code or one of its Chinese labels, in any case, gives the canonical code. */
describe('labels', () => {
  it('reads codes as written, in upper or mixed case, and the Chinese labels', () => {
    expect(['personal', 'PERSONAL', 'Personal', '个人', '个人缴费'].map(parsePayerType)).toEqual(Array(5).fill('personal'));
    expect(['assistance', 'Assistance', '资助', '医疗救助', '资助参保'].map(parsePayerType)).toEqual(Array(5).fill('assistance'));
    expect(['fiscal', 'FISCAL', '财政', '财政代缴', '财政全额负担'].map(parsePayerType)).toEqual(Array(5).fill('fiscal'));
    expect(['student', 'STUDENT', '大学生', '在校大学生', '高校大学生', '高校学生', '研究生', '全日制研究生'].map(parsePaymentCategory)).toEqual(Array(8).fill('student'));
    expect(['minimum_living', 'Minimum_Living', '低保对象', '城乡低保对象', '低保'].map(parseRosterCategory)).toEqual(Array(5).fill('minimum_living'));
    expect(['1', '一档', '2', '二档'].map(parseTier)).toEqual(['1', '1', '2', '2']);
  });

  it('tells 高校 from 中专 students, and keeps 大中专学生 apart as the document\'s label for both (spec 2.1 v2)', () => {
    expect(['vocational_student', '中专学生', '中职学生', '技工院校学生'].map(parsePaymentCategory)).toEqual(Array(4).fill('vocational_student'));
    expect(['student_unspecified', '大中专学生'].map(parsePaymentCategory)).toEqual(['student_unspecified', 'student_unspecified']);
    expect(parsePaymentCategory('大学生毕业返乡')).toBe('special');
  });

  it('reads a roster label with and without 的, as the documents write it both ways (spec 2.2 v2)', () => {
    expect(['城镇低收入家庭未成年人', '城镇低收入家庭的未成年人'].map(parseRosterCategory)).toEqual(['low_income_minor', 'low_income_minor']);
    expect(['城镇低收入家庭60周岁以上老年人', '城镇低收入家庭的60周岁以上老年人', '城镇低收入家庭60周岁以上的老年人', '城镇低收入家庭的60周岁以上的老年人']
      .map(parseRosterCategory)).toEqual(Array(4).fill('low_income_elderly'));
    expect(['丧失劳动能力的重度残疾成年人', '丧失劳动能力重度残疾成年人'].map(parseRosterCategory)).toEqual(Array(2).fill('severe_disability'));
    expect(['六类对象', '临时遇困人员'].map(parseRosterCategory)).toEqual(['veteran_affairs', 'temporary_hardship']);
    // Only the documents' own wording: no 的 dropped from or added to anything else.
    expect(['城镇低收入的家庭未成年人', '孤的儿', '重度残疾的学生'].map(parseRosterCategory)).toEqual([null, null, null]);
  });

  it('refuses a plain 重度残疾人, with the labels to use', () => {
    expect(parseRosterCategory('重度残疾人')).toBeNull();
    expect(WIDER_THAN_A_CATEGORY.get('重度残疾人')).toContain('重度残疾学生, 重度残疾儿童, 重度残疾学生和儿童, 丧失劳动能力的重度残疾成年人');
  });

  it('gives every new code a Chinese output label', () => {
    expect(['fiscal', 'vocational_student', 'student_unspecified', 'temporary_hardship', 'student'].map(chineseLabel))
      .toEqual(['财政', '中专学生', '大中专学生', '临时遇困人员', '大学生']);
    expect(chineseLabel('severe_disability')).toBe('重度残疾学生和儿童、丧失劳动能力的重度残疾成年人');
    expect(chineseLabel('veteran_affairs')).toBe('退役军人事务部门资助参保对象');
  });

  it('gives null for anything else', () => {
    expect(['', 'personnel', '个 人', '3', '三档'].map((v) => [parsePayerType(v), parseTier(v)])).toEqual(Array(5).fill([null, null]));
  });
});
