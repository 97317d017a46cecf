import { loadQuestionFixtures } from '../../scripts/bench/knowledge-retrieval';
import { createJiebaTokenizer } from '../../src/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';

const kb = new KnowledgeBase(loadKnowledge(), createJiebaTokenizer());
const { questions, unanswerable } = loadQuestionFixtures();

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
    expect(top3 / questions.length).toBeGreaterThanOrEqual(0.75);
  });
});
