import { chineseDate, chineseMonth, maskIdNumber, yuan, yuanDigits } from '../../../src/features/documents';
import { documentTemplates } from '../../../src/features/documents/document-templates';
import { wrapText } from '../../../src/features/documents/text-wrap';

const common = documentTemplates().get('document.common');

test('dates and months in Chinese official form, without leading zeros', () => {
  expect(chineseDate(common, '2026-12-03')).toBe('2026年12月3日');
  expect(chineseDate(common, '2027-01-10')).toBe('2027年1月10日');
  expect(chineseMonth(common, '2027-01')).toBe('2027年1月');
  expect(() => chineseDate(common, '2026-02-30')).toThrow();
});

test('amounts from integer fen to yuan', () => {
  expect(yuanDigits(96000)).toBe('960.00');
  expect(yuanDigits(105050)).toBe('1,050.50');
  expect(yuanDigits(7)).toBe('0.07');
  expect(yuan(common, 123456789)).toBe('1,234,567.89元');
  expect(() => yuanDigits(1.5)).toThrow();
});

test('ID numbers masked to the first three and last four characters', () => {
  expect(maskIdNumber('22028319700822061X')).toBe('220283********061X');
  expect(maskIdNumber('123')).toBe('***');
});

test('Chinese wraps anywhere but never starts a line with closing punctuation; numbers stay whole', () => {
  const measure = (s: string) => [...s].length * 10;
  const lines = wrapText('一二三四五，六七八九十', 50, measure);
  expect(lines[0]).toBe('一二三四五，');
  expect(lines[1]).toBe('六七八九十');
  expect(wrapText('编号220283196803140526号', 100, measure)).toEqual(['编号', '2202831968', '03140526号']);
  expect(wrapText('见附（件一）', 30, measure)).toEqual(['见附', '（件一）']);
});
