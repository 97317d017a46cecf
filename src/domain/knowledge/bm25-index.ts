import type { Passage } from './passage';
import { canonicalize, synonymsOf } from './synonyms';

/** Splits text into searchable terms (e.g. jieba); injected so the domain stays free of I/O. */
export type Tokenizer = (text: string) => string[];

/** Words that carry no meaning for retrieval. */
const STOPWORDS = new Set(
  '的 了 吗 呢 啊 吧 呀 嘛 我 你 他 她 们 是 在 有 和 就 都 也 还 要 能 会 可以 怎么 怎样 什么 么 一下 请问 这个 那个 这 那 个 想 问 一 不 没 给 让 被 把 对 从 到 去 来 说 请 谢谢 您好 你好 一个 如果 需要 应该 多少'.split(
    ' ',
  ),
);

export interface SearchHit {
  passage: Passage;
  score: number;
  /** Share of the query's meaningful terms the passage contains (0–1): how well it answers. */
  coverage: number;
}

/** Words that name a program; a question naming one is about that program's passages. */
const PROGRAM_WORDS: Record<Exclude<Passage['program'], 'general'>, RegExp> = {
  dibao: /低保|最低生活保障/,
  tekun: /特困|五保|供养/,
  linshi: /临时救助|急难|救急|支出型|临时/,
};

function programsNamedIn(query: string): Passage['program'][] {
  return (Object.keys(PROGRAM_WORDS) as (keyof typeof PROGRAM_WORDS)[]).filter((p) =>
    PROGRAM_WORDS[p].test(query),
  );
}

/** Passages of a named program count more, those of another program less; general ones as they are. */
function programFactor(passage: Passage, named: Passage['program'][]): number {
  if (named.length === 0 || passage.program === 'general') return 1;
  return named.includes(passage.program) ? 1.5 : 0.6;
}

const K1 = 1.2;
const B = 0.75;
const TOPIC_WEIGHT = 3;

/**
 * BM25 over the passages (topic counted three times: it says what the passage is about), with
 * query words expanded by their synonyms. Each query term scores by the best of its synonyms, so
 * saying “户口” or “户籍” finds the same passage.
 */
export class Bm25Index {
  private readonly docs: { passage: Passage; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
  ) {
    this.docs = passages.map((passage) => {
      const heading = `${passage.topic} ${passage.keywords.join(' ')}`;
      const terms = [
        ...Array.from({ length: TOPIC_WEIGHT }, () => this.terms(heading)).flat(),
        ...this.terms(passage.body),
      ];
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { passage, tf, length: terms.length };
    });
    this.avgLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, limit = 3): SearchHit[] {
    const queryTerms = [...new Set(this.terms(query))];
    if (queryTerms.length === 0) return [];
    const programs = programsNamedIn(query);
    const hits = this.docs.map((doc) => {
      let score = 0;
      let covered = 0;
      for (const term of queryTerms) {
        const best = Math.max(...synonymsOf(term).map((t) => this.termScore(doc, t)));
        if (best > 0) covered += 1;
        score += best;
      }
      return {
        passage: doc.passage,
        score: score * programFactor(doc.passage, programs),
        coverage: covered / queryTerms.length,
      };
    });
    return hits
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  private termScore(doc: { tf: Map<string, number>; length: number }, term: string): number {
    const f = doc.tf.get(term) ?? 0;
    if (f === 0) return 0;
    const n = this.docs.length;
    const idf = Math.log(1 + (n - (this.df.get(term) ?? 0) + 0.5) / ((this.df.get(term) ?? 0) + 0.5));
    return (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / this.avgLength));
  }

  private terms(text: string): string[] {
    return this.tokenize(canonicalize(text.toLowerCase()))
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && !STOPWORDS.has(t) && !/^[\p{P}\p{S}\s\d]+$/u.test(t));
  }
}
