import { describe, expect, it } from 'vitest';
import { checkCharacter, parseIdNumber } from '../../src/normalise/id-number.js';
import { findId, idNumber } from '../helpers/files.js';

const TODAY = '2026-11-22';
const ok = (raw: string) => {
  const r = parseIdNumber(raw, TODAY);
  if (!r.ok) throw new Error(`expected valid, got ${r.detail}`);
  return r;
};
const problem = (raw: string) => {
  const r = parseIdNumber(raw, TODAY);
  if (r.ok) throw new Error('expected a reject');
  return r.problem;
};

describe('identity numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts the example of the standard, check character X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(ok('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('normalises a lowercase x', () => {
    expect(ok('11010519491231002x').idNumber).toBe('11010519491231002X');
  });

  it('converts a legacy 15-digit number to 18 with the right check character', () => {
    expect(ok('110105491231002')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' });
    const r = ok('360702651231925');
    expect(r.idNumber).toBe('36070219651231925' + checkCharacter('36070219651231925'));
  });

  it('refuses a wrong check character', () => {
    expect(problem('110105194912310021')).toBe('check_character');
  });

  it('accepts Hong Kong, Macao and Taiwan residence permits (81/82/83) with the same checksum', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      const valid = idNumber(prefix, '19900101', '123');
      expect(ok(valid).idNumber).toBe(valid);
      const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
      expect(problem(wrong)).toBe('check_character');
    }
  });

  it('accepts the 2023 foreign permanent resident ID card (18 characters beginning with 9), same checksum', () => {
    // 9, issuing province 36, nationality 840, birth date, sequence, check: its first six are no region.
    for (const first6 of ['936840', '911156', '990000']) {
      const valid = idNumber(first6, '19850615', '004');
      expect(ok(valid)).toEqual({ ok: true, idNumber: valid, birthDate: '1985-06-15' });
      const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
      expect(problem(wrong)).toBe('check_character');
    }
    const x = findId('936840', '19850615', (id) => id.endsWith('X'));
    expect(ok(x.toLowerCase()).idNumber).toBe(x);
    // Its birth date is checked like anyone's.
    expect(problem(idNumber('936840', '19850231', '004'))).toBe('birth_date');
    expect(problem(idNumber('936840', '20261123', '004'))).toBe('birth_date');
  });

  it('a legacy 15-digit number is a resident\'s: beginning with 9 it is still no province', () => {
    expect(problem('936840850615004')).toBe('region');
  });

  it('refuses impossible birth dates', () => {
    expect(problem(idNumber('360702', '20230229', '001'))).toBe('birth_date'); // 2023 is not a leap year
    expect(problem(idNumber('360702', '19901301', '001'))).toBe('birth_date');
    expect(problem(idNumber('360702', '18991231', '001'))).toBe('birth_date');
    expect(problem(idNumber('360702', '20261123', '001'))).toBe('birth_date'); // after today
    expect(ok(idNumber('360702', '20000229', '001')).birthDate).toBe('2000-02-29');
  });

  it('refuses wrong lengths, letters and unknown provinces', () => {
    expect(problem('3607021990010100')).toBe('length');
    expect(problem('36070219900101001X1')).toBe('length');
    expect(problem('36070219900101A010')).toBe('characters');
    expect(problem(idNumber('100000', '19900101', '001'))).toBe('region');
    expect(problem(idNumber('000000', '19900101', '001'))).toBe('region');
    expect(problem(idNumber('720000', '19900101', '001'))).toBe('region');
  });
});
