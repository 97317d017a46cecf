import {
  parseAmountFen,
  parseApplicationReason,
  parseCount,
  parseEventDay,
  parseIdNumber,
  parseIncomeItems,
  parseMember,
  parseName,
  parseNames,
  parseOptionNumbers,
  parsePhone,
  parsePlaceName,
  parseRequestedAmount,
  parseYesNo,
} from '../../../src/domain/application/answer-parsers';

const bad = (problem: string) => ({ ok: false, problem });
const good = (value: unknown) => ({ ok: true, value });

describe('reading a resident’s answers', () => {
  it('names: Chinese, with · for minority names; nothing else', () => {
    expect(parseName(' 张 伟 ')).toEqual(good('张伟'));
    expect(parseName('阿依古丽•买买提')).toEqual(good('阿依古丽·买买提'));
    for (const x of ['Zhang', '张', '😀😀', '', '张3']) expect(parseName(x).ok).toBe(false);
  });

  it('reasons: something said in words, not a filler, a number or an ID typed at the wrong question', () => {
    expect(parseApplicationReason(' 失业 ')).toEqual(good('失业'));
    expect(parseApplicationReason('12月1日夜里房子着火了')).toEqual(good('12月1日夜里房子着火了'));
    expect(parseApplicationReason('住院花了150000元').ok).toBe(true);
    for (const x of ['无', '不知道', 'abc一千二', '220283198001010016', '😀😀', '一千'])
      expect(parseApplicationReason(x)).toEqual(bad('reason_empty'));
  });

  it('requested amounts: yuan, or 0 when the resident cannot say', () => {
    expect(parseRequestedAmount('3000元', 1_000_000)).toEqual(good(300_000));
    expect(parseRequestedAmount('不清楚', 1_000_000)).toEqual(good(0));
    expect(parseRequestedAmount('看着给吧', 1_000_000)).toEqual(good(0));
    expect(parseRequestedAmount('很多', 1_000_000)).toEqual(bad('amount_invalid'));
    expect(parseRequestedAmount('2万', 1_000_000)).toEqual(good(2_000_000));
    expect(parseRequestedAmount('大概1.5万元', 1_000_000)).toEqual(good(1_500_000));
    expect(parseRequestedAmount('说不清呢', 1_000_000)).toEqual(good(0));
  });

  it('names: a greeting or a reply typed at the name prompt is not taken as a name', () => {
    for (const x of ['你好', '您好！', '你好.', '谢谢', '好的', '在吗', '低保', '申请低保', '不知道'])
      expect(parseName(x)).toEqual(bad('name_is_phrase'));
    // Real names that begin like a phrase word stay names.
    for (const x of ['谢谢军', '好好', '申请华', '何在']) expect(parseName(x).ok).toBe(true);
  });

  it('ID numbers: length, characters, birth date and check digit, each with its own problem', () => {
    expect(parseIdNumber('220283198001010016')).toEqual(good('220283198001010016'));
    expect(parseIdNumber('11010519491231002x')).toEqual(good('11010519491231002X'));
    expect(parseIdNumber('２２０２８３１９８００１０１００１６')).toEqual(good('220283198001010016'));
    expect(parseIdNumber('220283198001010017')).toEqual(bad('id_checksum'));
    expect(parseIdNumber('22028319800101001')).toEqual(bad('id_length'));
    expect(parseIdNumber('22028319800101001A')).toEqual(bad('id_characters'));
    expect(parseIdNumber('220283198013010016')).toEqual(bad('id_birth_date'));
  });

  it('phones: a real mobile prefix or a landline with area code; other 11-digit numbers refused', () => {
    expect(parsePhone('139 0432 1234')).toEqual(good('13904321234'));
    expect(parsePhone('+86 13904321234')).toEqual(good('13904321234'));
    expect(parsePhone('0432-68221234')).toEqual(good('043268221234'));
    expect(parsePhone('12345678901')).toEqual(bad('phone_invalid'));
    expect(parsePhone('1390432123')).toEqual(bad('phone_invalid'));
  });

  it('money: digits or spoken numbers in yuan to fen; letters refused, not guessed', () => {
    expect(parseAmountFen('1,200.5元', 1e6)).toEqual(good(120_050));
    expect(parseAmountFen('￥800', 1e6)).toEqual(good(80_000));
    expect(parseAmountFen('没有', 1e6)).toEqual(good(0));
    // Spoken numbers are read (issue 15, item 7); the summary shows the value before submitting.
    expect(parseAmountFen('一千二', 1e6)).toEqual(good(120_000));
    expect(parseAmountFen('abc', 1e6)).toEqual(bad('amount_invalid'));
    expect(parseAmountFen('-5', 1e6)).toEqual(bad('amount_invalid'));
    expect(parseAmountFen('2000000', 1e6)).toEqual(bad('amount_too_large'));
  });

  it('income items: label and amount per item, a bare total, or none', () => {
    expect(parseIncomeItems('工资1200，养老金：300元', 1e6)).toEqual(
      good([
        { label: '工资', fen: 120_000 },
        { label: '养老金', fen: 30_000 },
      ]),
    );
    expect(parseIncomeItems('1500', 1e6)).toEqual(good([{ label: '', fen: 150_000 }]));
    expect(parseIncomeItems('无', 1e6)).toEqual(good([]));
    expect(parseIncomeItems('工资', 1e6)).toEqual(bad('amount_invalid'));
    expect(parseIncomeItems('salary 1200', 1e6)).toEqual(bad('amount_invalid'));
  });

  it('counts, yes/no, places, members and multiple choices', () => {
    expect(parseCount('2人', 0, 20)).toEqual(good(2));
    expect(parseCount('21', 0, 20)).toEqual(bad('count_invalid'));
    expect(parseYesNo('同意')).toEqual(good(true));
    expect(parseYesNo('没有')).toEqual(good(false));
    expect(parseYesNo('也许')).toEqual(bad('yes_no_expected'));
    expect(parsePlaceName('红旗村 3组')).toEqual(good('红旗村3组'));
    expect(parsePlaceName('abc村')).toEqual(bad('place_invalid'));
    expect(parseMember('李娜 妻子 220283198203040029')).toEqual(
      good({ name: '李娜', relation: '妻子', idNumber: '220283198203040029' }),
    );
    expect(parseMember('李娜 220283198203040029')).toEqual(bad('member_invalid'));
    expect(parseMember('李娜 妻子 220283198203040020')).toEqual(bad('id_checksum'));
    expect(parseOptionNumbers('1 3', 6)).toEqual(good([1, 3]));
    expect(parseOptionNumbers('31', 6)).toEqual(good([1, 3]));
    expect(parseOptionNumbers('都没有', 6)).toEqual(good([]));
    expect(parseOptionNumbers('7', 6)).toEqual(bad('choice_invalid'));
  });

  it('names of people present: split on 、，; or spaces, each once; "无" or digits are no names', () => {
    expect(parseNames('张三、李四 王五，张三')).toEqual({ ok: true, value: ['张三', '李四', '王五'] });
    expect(parseNames('无')).toEqual({ ok: false, problem: 'names_invalid' });
    expect(parseNames('5')).toEqual({ ok: false, problem: 'names_invalid' });
    expect(parseNames(' ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses empty and over-long answers everywhere', () => {
    for (const parse of [parseName, parseIdNumber, parsePhone, parsePlaceName, parseYesNo]) {
      expect(parse('  ')).toEqual(bad('empty'));
      expect(parse('字'.repeat(5_000))).toEqual(bad('too_long'));
    }
  });
});

describe('the day a step records (a home visit, an appraisal)', () => {
  // Today 2026-12-03; the case was accepted on 2026-11-20.
  const read = (text: string, today = '2026-12-03') => parseEventDay(text, today, '2026-11-20');
  it('takes today, yesterday and a past date of this case', () => {
    expect(read('今天')).toEqual({ ok: true, value: '2026-12-03' });
    expect(read('昨天')).toEqual({ ok: true, value: '2026-12-02' });
    expect(read('11月20日')).toEqual({ ok: true, value: '2026-11-20' });
    expect(read('2026-11-25')).toEqual({ ok: true, value: '2026-11-25' });
  });
  it('refuses a day not yet come (明天 included) and a day before the case began', () => {
    expect(read('明天')).toEqual({ ok: false, problem: 'date_future' });
    expect(read('12月10日')).toEqual({ ok: false, problem: 'date_future' });
    expect(read('2027-01-02')).toEqual({ ok: false, problem: 'date_future' });
    expect(read('11月1日')).toEqual({ ok: false, problem: 'date_before_case' });
    expect(read('下周')).toEqual({ ok: false, problem: 'date_invalid' });
  });
  it('reads a December day typed in January as last year’s', () => {
    expect(parseEventDay('12月28日', '2027-01-05', '2026-12-01')).toEqual({ ok: true, value: '2026-12-28' });
  });
});
