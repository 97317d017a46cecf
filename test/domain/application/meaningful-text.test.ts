import { parseReasons, parseStatement } from '../../../src/domain/application/answer-parsers';
import { saysNothing } from '../../../src/domain/application/meaningful-text';

// Issue 15, D2: a reason, opinion or finding goes into the case and onto paper.
describe('a reason must say something', () => {
  it.each([
    '无',
    '没有',
    '空',
    '同上',
    '/',
    '.',
    '不知道',
    '好',
    '无。',
    ' 无 ',
    '（无）',
    '——',
    'N/A',
    '１２３',
    '啊啊啊',
    '...',
    '暂无',
    'xxx',
    // The refusal restated, not its reason.
    '不符合',
    '不符合条件。',
    '不予受理',
  ])('refuses %j', (filler) => {
    expect(saysNothing(filler)).toBe(true);
    expect(parseStatement(filler)).toMatchObject({ ok: false });
    expect(parseReasons(filler)).toMatchObject({ ok: false });
  });

  it.each([
    '户籍不在本乡镇',
    '家庭人均收入高于当地低保标准',
    '有两套住房',
    '无劳动能力，独居',
    '申请无争议',
    '不符合低保条件：家有营运车辆',
  ])('keeps %j', (reason) => {
    expect(saysNothing(reason)).toBe(false);
    expect(parseStatement(reason)).toEqual({ ok: true, value: reason });
  });

  it('refuses a list of reasons when any one of them is empty of meaning', () => {
    expect(parseReasons('家庭收入超标；无')).toEqual({ ok: false, problem: 'statement_empty' });
    expect(parseReasons('家庭收入超标。有两套住房。')).toEqual({
      ok: true,
      value: ['家庭收入超标', '有两套住房'],
    });
  });
});
