import {
  loadDevQuestionFixtures,
  loadQuestionFixtures,
  measureRetrieval,
} from '../../scripts/bench/knowledge-retrieval';
import { canonicalize } from '../../src/domain/knowledge/synonyms';
import { createJiebaTokenizer } from '../../src/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';

const kb = new KnowledgeBase(loadKnowledge(), createJiebaTokenizer());
const { questions, unanswerable } = loadQuestionFixtures();
const dev = loadDevQuestionFixtures();

describe('the shipped knowledge base', () => {
  it('cites a source and clause for every passage and links only to existing ones', () => {
    expect(kb.passages.length).toBeGreaterThanOrEqual(40);
    for (const p of kb.passages) {
      expect(p.source).not.toBe('');
      expect(p.clause).not.toBe('');
      expect(kb.passage(p.id)?.related.length).toBe(p.related.length);
    }
  });

  it('never answers directly what it does not cover (at most it asks “did you mean”)', () => {
    for (const q of unanswerable) expect(kb.answer(q).kind).not.toBe('answer');
  });

  it('answers a plain question directly with its passage', () => {
    expect(kb.answer('办低保要带啥材料')).toMatchObject({ kind: 'answer' });
  });

  it('treats colloquial and formal words alike (户口/户籍, 低保/最低生活保障)', () => {
    const top = (q: string) => kb.search(q, 1)[0]?.passage.id;
    expect(top('户口不在这里能申请低保吗')).toBe(top('户籍不在这里能申请最低生活保障吗'));
  });

  it('keeps retrieval above its floor on the held-out questions (goals and figures: npm run bench)', () => {
    const top3 = questions.filter(({ q, expect }) =>
      kb.search(q, 3).some((h) => h.passage.id === expect),
    ).length;
    expect(top3 / questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps retrieval on the development questions it is tuned against, refusing their unanswerable ones', () => {
    const figures = measureRetrieval(kb, dev);
    expect(dev.questions.length).toBeGreaterThanOrEqual(80);
    expect(new Set(dev.questions.map((d) => d.expect))).toEqual(new Set(kb.passages.map((p) => p.id)));
    expect(figures.top1 / figures.total).toBeGreaterThanOrEqual(0.9);
    expect(figures.top3 / figures.total).toBeGreaterThanOrEqual(0.95);
    expect(figures.notAnswered).toBe(dev.unanswerable.length);
  });

  it('does not answer directly a question about a benefit none of its passages covers', () => {
    for (const q of ['种粮补贴啥时候发', '独生子女补贴什么时候发', '耕地地力补贴每亩多少'])
      expect(kb.answer(q).kind).not.toBe('answer');
    // A program's own money is covered.
    expect(kb.answer('低保每个月补贴多少').kind).toBe('answer');
  });
});

describe('canonical spelling of questions and passages', () => {
  it('writes variants, typos and Northeastern words the standard way', () => {
    expect(canonicalize('底保咋审请')).toBe('低保怎么审请');
    expect(canonicalize('俺家吃低保')).toBe('家里低保');
    expect(canonicalize('户籍不在这里能申请最低生活保障吗')).toBe('户口不在这里能申请低保吗');
  });

  it('rewrites the longest variant first and never re-reads what it wrote', () => {
    expect(canonicalize('去哪个地方报名')).toBe('去哪里报名');
    expect(canonicalize('找村委会还是找村里')).toBe('找村委会还是找村委会');
  });
});
