import fc from 'fast-check';
import { checkIdNumber } from '../../../src/domain/case/id-number';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const withCheck = (first17: string) => {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
};

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the example of the standard and normalises a lower-case x', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
    });
    expect(checkIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['length', '1101051949123100'],
    ['characters', '11010519491231002Y'],
    ['birth_date', withCheck('22028219800230123')],
    ['checksum', '110105194912310021'],
  ])('names the problem: %s', (reason, input) => {
    expect(checkIdNumber(input)).toEqual({ ok: false, reason });
  });

  it('accepts every number whose check character is right, and refuses every other one', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1920-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^\d{3}$/),
        fc.integer({ min: 1, max: 10 }),
        (birth, region, seq, offset) => {
          const d = birth.toISOString().slice(0, 10).replaceAll('-', '');
          const valid = withCheck(`${region}${d}${seq}`);
          expect(checkIdNumber(valid).ok).toBe(true);
          const wrong = valid.slice(0, 17) + '10X98765432'[('10X98765432'.indexOf(valid[17]!) + offset) % 11];
          expect(checkIdNumber(wrong)).toEqual({ ok: false, reason: 'checksum' });
        },
      ),
    );
  });
});
