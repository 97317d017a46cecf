import { loadDevQuestions, measureDevelopment } from '../../scripts/bench/knowledge-retrieval';
import { TemplateStore } from '../../src/core/templates/template-store';
import { askedFacts } from '../../src/features/knowledge/asked-fact';
import { createJiebaTokenizer } from '../../src/features/knowledge/jieba-tokenizer';
import { type KnowledgeAnswer, KnowledgeBase } from '../../src/features/knowledge/knowledge-base';
import { loadKnowledge } from '../../src/features/knowledge/load-knowledge';
import { outOfScope } from '../../src/features/knowledge/out-of-scope';
import { canonicalize } from '../../src/features/knowledge/synonyms';

const tokenize = createJiebaTokenizer();
const kb = new KnowledgeBase(loadKnowledge(), tokenize);
const dev = loadDevQuestions();

/** The passage a question is answered with directly, or what else happened. */
function answered(q: string): string {
  const a: KnowledgeAnswer = kb.answer(q);
  return a.kind === 'answer' || a.kind === 'command' ? a.passage.id : a.kind;
}
const bodyOf = (q: string) => {
  const a = kb.answer(q);
  return a.kind === 'answer' ? a.passage.body : '';
};
const firstSentence = (q: string) => bodyOf(q).split(/[。；]/)[0] ?? '';

describe('the shipped knowledge base', () => {
  it('cites a source and clause for every passage, links only to existing ones, fits a button', () => {
    expect(kb.passages.length).toBeGreaterThanOrEqual(60);
    for (const p of kb.passages) {
      expect(p.source).not.toBe('');
      expect(p.clause).not.toBe('');
      expect(kb.passage(p.id)?.related.length).toBe(p.related.length);
      expect([...p.topic].length).toBeLessThanOrEqual(10);
    }
  });

  it('gives every passage at least 8 similar questions and the kinds of fact it states', () => {
    for (const p of kb.passages) {
      expect({ id: p.id, similar: p.similar.length >= 8 }).toEqual({
        id: p.id,
        similar: true,
      });
      expect({ id: p.id, states: p.states.length > 0 }).toEqual({ id: p.id, states: true });
    }
  });

  it('keeps its figures on the development questions (goals and figures: npm run bench)', () => {
    // Cross-validated: development questions are also similar questions, so each is answered by a
    // base built without it.
    const f = measureDevelopment(kb.passages, tokenize, new TemplateStore());
    expect(dev.questions.length).toBeGreaterThanOrEqual(250);
    // A floor under the figure of the day (82.5% cross-validated, 2026-12-03, once 800 questions
    // written blind, 2026-12i, -12j and -12k, joined the development data: they answered 74%, 63%
    // and 70% before anything was tuned on them): a change that loses answers fails here.
    expect(f.withFact / f.total).toBeGreaterThanOrEqual(0.82);
    // Of the 552 unanswerable development questions these are still answered (docs/knowledge.md);
    // a change that answers another one fails here.
    expect(f.unanswerableMisses.sort()).toEqual(
      [
        '申请低保要不要找关系送礼 → complaint-wrong-recipient',
        '低保能不能转到别的乡镇 → cmd-handoff',
        '低保钱被村干部扣了一部分怎么办 → passbook-custody',
        '户口从村里迁到市里咋办手续 → residence-split',
        '你说俺该不该让儿子回来种地，别在外头打工了 → household-members',
        '村长是不是收了钱才给他小舅子办的低保？ → near-relative-filing',
        '你说俺邻居那样的，两口子都能干活，够不够格吃低保？ → dibao-conditions',
      ].sort(),
    );
    expect(f.medianReplyChars).toBeLessThanOrEqual(300);
  });

  it('never takes a passage’s own question for one it does not cover', () => {
    for (const p of kb.passages)
      expect({ id: p.id, out: outOfScope(p.question) }).toEqual({
        id: p.id,
        out: { programs: [], neverStated: false },
      });
    // Similar questions may ask a fact no passage states (they find the topic for “did you mean”):
    // a phone number, copies, photo size, the day of the month, a share, a house number, the bot.
    // A new out-of-scope rule that catches anything else has caught a real question.
    const flagged = kb.passages.flatMap((p) => p.similar.filter((q) => outOfScope(q).neverStated));
    for (const q of flagged)
      expect({ q, kind: /电话|几份|几寸|几号|啥时候|比例|门牌|机器人|比农村高/.test(q) }).toEqual({
        q,
        kind: true,
      });
  });

  it('offers the main questions on a program named alone, rather than guessing one', () => {
    for (const q of ['低保', '临时救助', '特困', '咨询低保', '低保的事儿', '救助'])
      expect({ q, reply: kb.answer(q).kind }).toEqual({ q, reply: 'suggest' });
    expect(answered('低保标准是咋定的')).toBe('dibao-amount');
  });

  it('answers a question naming a neighbour only as the reporter of a general question', () => {
    expect(answered('邻居说低保一个月能给多少')).toBe('dibao-amount');
    expect(answered('俺在哈尔滨打工 户口在舒兰 低保在哪申请')).toBe('residence-split');
    expect(answered('听说现在低保不用市里批了 乡里就能批 真的假的')).toBe('who-decides');
    expect(answered('特困老人的高龄补贴算他收入不')).toBe('income-not-counted');
    // 医保 as what paid part of the bill: the question is about the rest.
    expect(answered('看病自己掏了七八万 医保报完还剩老多 能申请哪种救助')).toBe('linshi-expense-type');
  });

  it('states the rules the sources give on income, orphans and pupils over 18 (no longer “not stated”)', () => {
    expect(bodyOf('前夫每个月给孩子的抚养费 算不算收入')).toContain('抚养费');
    expect(bodyOf('孩子是孤儿 已经领孤儿那份钱了 还能再认定特困不')).toContain('不再认定特困');
  });

  it('asked whether something counts as income, answers with the list that names it', () => {
    expect(answered('前夫每个月给孩子的抚养费 算不算收入')).toBe('income-what-counts');
    expect(answered('领的失业保险金算不算收入')).toBe('income-what-counts');
    expect(answered('奖学金算收入吗')).toBe('income-not-counted');
    expect(answered('基础养老金算收入不')).toBe('income-not-counted');
    expect(answered('俺爸有退休金跟俺们一起过 俺家申低保他那退休金算不算进去')).toBe('income-what-counts');
  });

  it('never answers directly what it does not cover (at most it asks “did you mean”)', () => {
    for (const q of [
      '公积金能取出来不',
      '医保一年交多少钱',
      '舒兰市民政局电话多少',
      '种粮补贴啥时候发',
      '长春低保一个月多少钱',
      '私人养老院一个月收多少',
      '重残补贴每个月能给多少',
      '困难学生补助一年多少钱',
      '赵玉兰家那低保咋批下来的',
      '老孙家的低保批了没',
      '前院王婶家有车有楼 她家咋吃上的低保',
      '离婚了房子咋分',
      '舒兰到吉林市的大客几点有',
      '老妹儿你今年多大了',
      '长春低保一个月给多钱',
      '五常那边低保标准多少',
      '哈尔滨申请特困要啥材料',
      '舒兰大米现在多钱一斤',
      '隔壁李大哥一个月领多少低保',
      '王婶家一个月拿多少低保',
      '张会计家低保一个月领多少钱',
      '老孙头在敬老院住着 他那份特困钱是谁给领着呢',
      '俺们屯老李家开着小轿车还吃低保 他家这低保合法不',
      '俺是哈尔滨户口住哈尔滨 在那边申请低保去哪',
      '门诊统筹一年最多能报多少钱',
      '今年煤多少钱一吨',
      '户口迁移要啥材料',
      '医院大夫态度太差了 投诉上哪投诉',
      '俺跟老伴天天吵 你说俺该不该离婚',
      '吃了没',
      '老人高龄津贴多少钱',
      '三级残疾有生活补贴不',
      '北京的低保是不是比咱这高老多了',
      '网格员问：村里刘大娘领的城乡居民养老金，一个月能有多少钱？',
      '听说明年农村低保要取消了 真的假的',
      '明年db能涨到多少',
      '你是人还是机器啊',
      '俺要跟儿子打官司把房子要回来 找谁',
      '房子着火了 保险公司理赔咋弄',
      '借人钱不还 能上法院起诉不',
      '隔壁老李家那个临时救助批了多少钱',
      '人没了火化能补多少钱',
    ])
      expect({ q, reply: kb.answer(q).kind }).toEqual({
        q,
        reply: expect.stringMatching(/^(suggest|no_match)$/),
      });
  });
});

describe('the four kinds of miss residents met (issue 18), in our own words', () => {
  it('1. a known topic in other words is answered, not “I do not know”', () => {
    expect(answered('公示那几天街坊们对俺家有看法 这可咋整')).toBe('publicity-objection');
    expect(answered('村里能不能替俺把申请交到乡里去')).toBe('entrusted-submission');
    expect(answered('觉得乡里办事不公道 我该上哪说理去')).toBe('complaint-where');
    expect(answered('俺表哥在村委会当主任 俺家还能申请低保不')).toBe('near-relative-filing');
    expect(answered('我想知道用手机能不能查到我的申请办到哪一步了')).toBe('cmd-status');
  });

  it('2. the fact asked for is in the first sentence of the answer', () => {
    expect(firstSentence('房子着火了 乡里最多能给多少钱')).toContain('1000元');
    expect(firstSentence('支出型的最多按几个月的标准给')).toContain('6个月');
    expect(firstSentence('批下来以后从哪个月开始发钱')).toMatch(/下一个月|下个月/);
  });

  it('3. a question one passage clearly answers is answered, not “did you mean”', () => {
    expect(answered('镇上开会定低保 最少得有几个人')).toBe('review-meeting-size');
    expect(firstSentence('镇上开会定低保 最少得有几个人')).toContain('5人');
    expect(answered('民主评议是不是必须得搞')).toBe('appraisal-optional');
    expect(answered('去乡里申请都得带些啥东西')).toBe('materials-general');
    expect(answered('住院的花销能算支出型吗')).toBe('linshi-expense-type');
  });

  it('4. neighbouring passages are told apart', () => {
    expect(answered('吃着低保家里多了收入 用不用主动去说')).toBe('report-changes');
    expect(answered('要停我低保的话 会不会事先通知我')).toBe('stop-notice');
  });
});

describe('what kind of fact a question asks', () => {
  it.each([
    ['临时救助能给多少钱', 'amount'],
    ['特困供养金一个月多少', 'amount'],
    ['存款超过多少就不让办了', 'amount'],
    ['公示要几天', 'duration'],
    ['合议会得几个人', 'people'],
    ['一年查几回', 'times'],
    ['啥时候能批下来', 'when'],
    ['从哪个月开始发', 'month'],
    ['低保上哪办', 'place'],
    ['这事找谁', 'person'],
    ['能在手机上查吗', 'yesno'],
  ] as const)('%s asks %s', (q, kind) => {
    expect(askedFacts(q)).toContain(kind);
  });

  it('takes 多久一次 for how often, not for how long', () => {
    expect(askedFacts('自理能力多长时间评一回')).toContain('times');
    expect(askedFacts('自理能力多长时间评一回')).not.toContain('duration');
    expect(askedFacts('复查一次要多长时间')).toContain('duration');
  });

  it('never answers a figure no passage states (day of the month, copies, phone number)', () => {
    for (const q of [
      '低保钱每月几号打过来',
      '低保钱每个月啥时候打卡上',
      '身份证复印件得交几份',
      '举报得打哪个电话',
      '照片要几寸的',
      '低保证丢了上哪补',
      '临时救助一年最多能申请几次',
    ])
      expect({ q, reply: kb.answer(q).kind }).toEqual({
        q,
        reply: expect.stringMatching(/^(suggest|no_match)$/),
      });
  });

  it('does not take 好几回 or 到哪一步 for a count or a place', () => {
    expect(askedFacts('补了好几回了')).not.toContain('times');
    expect(askedFacts('办到哪一步了')).not.toContain('place');
  });

  it('does not take 花了好多钱 or a sum that gets checked for a question about an amount', () => {
    expect(askedFacts('看病花了好多钱想申请救助，要带发票吗')).not.toContain('amount');
    expect(askedFacts('他们会不会查俺银行卡里有多少钱 咋查的')).not.toContain('amount');
    expect(askedFacts('镇上是咋知道俺存了多少钱的')).not.toContain('amount');
    expect(askedFacts('低保一个月给多钱')).toContain('amount');
    expect(askedFacts('查一下低保能给多少钱')).toContain('amount');
  });

  it('prefers the passage that states the kind of fact asked', () => {
    expect(answered('急难型的临时救助 乡镇最多给多少')).toBe('linshi-urgent-amount');
    expect(answered('受理以后几天来人调查')).toBe('home-visit-start');
    expect(answered('入户调查来几个人')).toBe('home-visit-staff');
  });
});

describe('canonical spelling of questions and passages', () => {
  it('writes variants, typos and Northeastern words the standard way', () => {
    expect(canonicalize('底保咋审请')).toBe('低保怎么审请');
    expect(canonicalize('俺家吃低保')).toBe('家里低保');
    expect(canonicalize('户籍不在这里能申请最低生活保障吗')).toBe('户口不在这里能申请低保吗');
    expect(canonicalize('公式几天')).toBe('公示多久');
  });

  it('rewrites the longest variant first and never re-reads what it wrote', () => {
    expect(canonicalize('去哪个地方报名')).toBe('去哪里报名');
    expect(canonicalize('找村委会还是找村里')).toBe('找村委会还是找村委会');
  });
});
