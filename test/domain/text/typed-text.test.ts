import { commandText, commandWord, normaliseWidth } from '../../../src/domain/text/typed-text';

describe('typed text: one reading for every handler', () => {
  it('answers keep their punctuation; only the width is made plain', () => {
    expect(normaliseWidth('ＳＱ２０２６　请带户口本来。')).toBe('SQ2026 请带户口本来。');
  });

  it.each([
    ['待办。', '待办'],
    ['会议。', '会议'],
    ['案件　ＳＱ２０２６１２０１００１', '案件 SQ20261201001'],
    [' 受理  SQ1 ！', '受理 SQ1'],
    ['材料 SQ1?', '材料 SQ1'],
  ])('the command %s reads %s', (typed, read) => {
    expect(commandText(typed)).toBe(read);
  });

  it('short requests are matched without spaces or punctuation', () => {
    expect(commandWord('查 进度！')).toBe('查进度');
    expect(commandWord('你好~')).toBe('你好');
    expect(commandWord('转人工，')).toBe('转人工');
  });
});
