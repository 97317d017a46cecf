import { parseAmountFen, parseCount, parseYesNo } from '../../../src/domain/application/answer-parsers';
import { chineseInteger } from '../../../src/domain/application/plain-numbers';

// Issue 15, item 7: plain answers from elderly residents, accepted where the meaning is clear.
describe('plain answers', () => {
  it.each([
    ['两口人', 2],
    ['俺家两口人', 2],
    ['三个', 3],
    ['一共4个人', 4],
    ['十二', 12],
    ['没有', 0],
  ])('count %j → %d', (input, value) => {
    expect(parseCount(input, 0, 20)).toEqual({ ok: true, value });
  });

  it.each([
    ['大概500块', 50_000],
    ['500块钱左右', 50_000],
    ['五百', 50_000],
    ['一千二', 120_000],
    ['每月800左右', 80_000],
    ['两万五', 2_500_000],
  ])('amount %j → %d fen', (input, fen) => {
    expect(parseAmountFen(input, 100_000)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['是的', true],
    ['对', true],
    ['嗯', true],
    ['行', true],
    ['没有', false],
    ['不是', false],
    ['不行', false],
  ])('yes/no %j → %s', (input, value) => {
    expect(parseYesNo(input)).toEqual({ ok: true, value });
  });

  it.each(['一百二十三人', '两三个', '很多', 'abc', '二二'])('still refuses %j', (input) => {
    expect(parseCount(input, 0, 20).ok).toBe(false);
  });

  it('reads Chinese numerals, with the spoken short forms', () => {
    expect(chineseInteger('三百零五')).toBe(305);
    expect(chineseInteger('一千零一')).toBe(1001);
    expect(chineseInteger('一千二')).toBe(1200);
    expect(chineseInteger('十')).toBe(10);
    expect(chineseInteger('百十')).toBeUndefined();
  });
});
