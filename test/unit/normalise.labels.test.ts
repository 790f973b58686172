import { describe, expect, it } from 'vitest';
import { parsePayerType, parsePaymentCategory, parseRosterCategory, parseTier } from '../../src/normalise/labels.js';

/** Spec 2.1 / 2.2: a code or one of its Chinese labels, in any case, gives the canonical code. */
describe('labels', () => {
  it('reads codes as written, in upper or mixed case, and the Chinese labels', () => {
    expect(['personal', 'PERSONAL', 'Personal', '个人', '个人缴费'].map(parsePayerType)).toEqual(Array(5).fill('personal'));
    expect(['assistance', 'Assistance', '资助', '医疗救助', '资助参保'].map(parsePayerType)).toEqual(Array(5).fill('assistance'));
    expect(['student', 'STUDENT', '大学生', '在校大学生', '大中专学生'].map(parsePaymentCategory)).toEqual(Array(5).fill('student'));
    expect(['minimum_living', 'Minimum_Living', '低保对象', '城乡低保对象', '低保'].map(parseRosterCategory)).toEqual(Array(5).fill('minimum_living'));
    expect(['1', '一档', '2', '二档'].map(parseTier)).toEqual(['1', '1', '2', '2']);
  });

  it('gives null for anything else', () => {
    expect(['', 'personnel', '个 人', '3', '三档'].map((v) => [parsePayerType(v), parseTier(v)])).toEqual(Array(5).fill([null, null]));
  });
});
