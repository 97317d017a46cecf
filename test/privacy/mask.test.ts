import fc from 'fast-check';
import { findIdentifiers, maskIdNumber, maskPhone, maskText, scrubText } from '../../src/core/privacy/mask';

const ID = '220283196207083457';
const ID_X = '22028219800101123X';
const PHONE = '13800001111';

/** Full-width digits (and X) for ASCII ones. */
const wide = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('masking reads numbers the way people type them', () => {
  it.each([
    ['plain', `身份证${ID}`, '身份证220283********3457'],
    ['full-width', `身份证${wide(ID)}`, '身份证220283********3457'],
    ['with spaces', '身份证 220283 19620708 3457 谢谢', '身份证 220283********3457 谢谢'],
    [
      'with ideographic spaces',
      '身份证２２０２８３\u3000１９６２０７０８\u3000３４５７',
      '身份证220283********3457',
    ],
    ['with dashes', '号码220283-1962-0708-3457', '号码220283********3457'],
    ['mixed widths and separators', '２２０２８３ 1962－0708 ３４５７。', '220283********3457。'],
    ['with zero-width spaces', `2202\u200b8319\u200b6207083457`, '220283********3457'],
    ['ending in x', `号${ID_X.toLowerCase()}，`, '号220282********123X，'],
    ['ending in full-width Ｘ', `号${wide(ID_X)}`, '号220282********123X'],
    [
      'a phone with dashes',
      `电话${PHONE.slice(0, 3)}-${PHONE.slice(3, 7)}-${PHONE.slice(7)}`,
      '电话138****1111',
    ],
    ['a phone with spaces', '电话 138 0000 1111', '电话 138****1111'],
    ['a full-width phone', `电话${wide(PHONE)}`, '电话138****1111'],
    ['a phone split oddly', '1 3800 001 111', '138****1111'],
    ['+86 and dashes', '电话 +86 139-0432-1234', '电话 139****1234'],
    ['86 glued on', '8613904321234', '139****1234'],
    ['two numbers with a space between', `${PHONE} ${ID}`, '138****1111 220283********3457'],
    [
      'both, full-width, in one sentence',
      `我是${wide(ID)}，电话${wide(PHONE)}`,
      '我是220283********3457，电话138****1111',
    ],
  ])('masks %s', (_label, text, masked) => {
    expect(maskText(text)).toBe(masked);
  });

  it.each([
    ['a MsgId', 'MsgId 4561255354251345929 at 1409659813'],
    ['a 12-digit number', '编号 138000011112'],
    ['an ID glued to letters', `key ab${ID}cd`],
    ['an amount and a date', '收入 1500 元，2026-12-01 10:00'],
    ['short groups that never make 11 or 18 digits', '1 2 3 4 5 6 7 8 9 0'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskText(text)).toBe(text);
    expect(scrubText(text)).toBe(text);
  });

  it('scrubs logs to placeholders', () => {
    expect(scrubText(`id ${wide(ID)} tel 138-0000-1111`)).toBe('id [id-number] tel [phone]');
  });

  it('masks fields the same whatever the width or separators', () => {
    for (const id of [ID, wide(ID), '220283 19620708 3457', '220283-1962-0708-3457']) {
      expect(maskIdNumber(id)).toBe('220283********3457');
    }
    for (const phone of [PHONE, wide(PHONE), '138-0000-1111', '138 0000 1111']) {
      expect(maskPhone(phone)).toBe('138****1111');
    }
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('')).toBe('*');
  });

  it('finds every ID number and mobile number however it is written (property)', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const idNumber = fc
      .tuple(fc.array(digit, { minLength: 17, maxLength: 17 }), fc.constantFrom(...'0123456789X'))
      .map(([d, last]) => d.join('') + last);
    const mobile = fc
      .tuple(
        fc.constantFrom('3', '4', '5', '6', '7', '8', '9'),
        fc.array(digit, { minLength: 9, maxLength: 9 }),
      )
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    const separator = fc.constantFrom('', '', '', ' ', '-', '－', '\u3000', ' - ', '\u200b');
    fc.assert(
      fc.property(
        fc.oneof(idNumber, mobile),
        fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
        fc.array(separator, { minLength: 18, maxLength: 18 }),
        fc.constantFrom('我的号码是', '', '电话：', 'ID '),
        fc.constantFrom('，谢谢', '', '。', ' ok'),
        (number, wideAt, separators, before, after) => {
          const typed = [...number]
            .map((c, i) => (wideAt[i] ? wide(c) : c) + (i < number.length - 1 ? separators[i] : ''))
            .join('');
          const text = `${before}${typed}${after}`;
          const found = findIdentifiers(text);
          expect(found.map((f) => f.digits)).toEqual([number]);
          const expected = number.length === 18 ? maskIdNumber(number) : maskPhone(number);
          expect(maskText(text)).toBe(`${before}${expected}${after}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
