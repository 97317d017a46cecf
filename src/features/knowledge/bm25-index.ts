import type { Passage } from './passage';
import { canonicalize, synonymsOf } from './synonyms';

/**
 * Splits text into searchable terms (e.g. jieba); injected so the domain stays free of I/O. A
 * segmenter that can tag parts of speech lets the index see what a question is about.
 */
export type Tokenizer = ((text: string) => string[]) & {
  /** The words of a text with their part of speech, tagged as jieba does (ICTCLAS: n, v, m …). */
  tag?: (text: string) => { word: string; tag: string }[];
};

/**
 * Parts of speech of a thing a question can be about: a noun (common n, person nr, organisation nt,
 * other nz) or a verbal noun (vn). Place names (ns: 长春, 黑龙江) are not: a question about a place
 * is still about what it asks.
 */
const CONTENT = /^(n[rtz]?|vn)$/;
/** Parts of speech that can name a benefit: a noun (种粮补贴), a verb or a count (三项补贴). */
const NAMING = /^(n[rstz]?|vn|v|m)$/;

/**
 * Words that carry no meaning for retrieval: particles, pronouns and the frame of a question
 * (“能不能”, “是不是”, “怎么整”), in standard Mandarin and in the Northeastern speech of Shulan.
 */
const STOPWORDS = new Set(
  [
    '的 了 吗 呢 啊 吧 呀 嘛 么 哈 呗 咧 嘞 啦 哦 噢 嗯 哎 唉 我 你 他 她 它 您 们 我们 你们 他们 自己 人家',
    '是 在 有 和 与 或 就 都 也 还 又 再 要 能 会 可以 可 得 着 过 被 把 对 从 到 去 来 给 让 跟 向 往 用 于 为 找 看',
    '哪些 怎么 怎样 怎么样 什么样 怎么办 怎么整 怎么弄 什么 一下 请问 这个 那个 这 那 个 这样 那样 这种 那种 这些 那些',
    '想 问 一 不 没 没有 请 谢谢 您好 你好 一个 如果 需要 应该 多少 一点 一些 有点 点 些',
    '能不能 是不是 有没有 可不可以 会不会 要不要 用不用 行不行 行不 行吗 可以吗 好不好 对不对',
    '就是 还是 或者 然后 因为 所以 但是 已经 现在 知道 觉得 情况 事 事儿 大家 的话 一般 到底 究竟 真的 其实 之前 之后 以前 以后 最后 回事 意思 什么意思 下来 起来 出去 回来 才行 一回 好几回',
    '政策 干什么 嘎哈 咋地 寻思 上 里 才 该 总得 这里 那里 这儿 那儿 帮 具体 一声 以内 整个 别的 这次 上次 叫 怎么回事 合理 合法 合规 正常 咋样 怎么着 一下子 得了 行了 问问 说说',
  ]
    .join(' ')
    .split(' '),
);

export interface SearchHit {
  passage: Passage;
  score: number;
  /** Share of the query's meaningful words the passage contains (0–1): how well it answers. */
  coverage: number;
}

/** Words that name a program; a question naming one is about that program's passages. */
const PROGRAM_WORDS: Record<Exclude<Passage['program'], 'general'>, RegExp> = {
  dibao: /低保|最低生活保障|停保|底保|低宝|吃保/,
  tekun: /特困|特捆|五保|供养|孤儿/,
  linshi: /临时救助|急难|救急|支出型|临时/,
};

export function programsNamedIn(query: string): Passage['program'][] {
  return (Object.keys(PROGRAM_WORDS) as (keyof typeof PROGRAM_WORDS)[]).filter((p) =>
    PROGRAM_WORDS[p].test(query),
  );
}

/** Words that end the name of a benefit: 种粮补贴, 高龄津贴, 养老保险, 助学贷款. */
const BENEFIT_HEADS = new Set(['补贴', '补助', '津贴', '补助金', '保险', '贷款']);

/**
 * When a question names a program, its passages and the general ones (which apply to every
 * program) count more, those of another program less.
 */
function programFactor(passage: Passage, named: Passage['program'][]): number {
  if (named.length === 0) return 1;
  return passage.program === 'general' || named.includes(passage.program) ? 1.5 : 0.6;
}

/** How much each part of a passage counts, and how much the looser signals add. */
export interface RankingWeights {
  /** Term frequency multiplier for the topic line. */
  topic: number;
  /** Term frequency multiplier for the residents' keywords. */
  keywords: number;
  /** Term frequency multiplier for the body text. */
  body: number;
  /** Weight of a matching pair of characters relative to a matching word. */
  pairs: number;
  /** Score added when the question contains one of the passage's keywords (scaled by its rarity). */
  phrase: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = { topic: 3, keywords: 3, body: 1, pairs: 0.3, phrase: 1.5 };

const K1 = 1.2;
const B = 0.75;

interface Doc {
  passage: Passage;
  words: Map<string, number>;
  pairs: Map<string, number>;
  length: number;
  /** The residents' keywords and the topic, canonical, each with the weight of saying it. */
  phrases: { text: string; weight: number }[];
}

/**
 * BM25 over the passages, topic and keywords weighted above the body, with query words expanded by
 * their synonyms: each query word scores by the best of its synonyms, so saying “户口” or “户籍”
 * finds the same passage. Pairs of Chinese characters add a weaker signal for words the segmenter
 * splits differently in the question and in the passage, and a question that contains one of a
 * passage's keywords (how residents say it) earns a bonus.
 */
export class Bm25Index {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly pairDf = new Map<string, number>();
  private readonly avgLength: number;
  /** Every passage's topic, keywords and body, canonical: where a benefit's name is looked up. */
  private readonly corpus: string;

  constructor(
    passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
    private readonly weights: RankingWeights = DEFAULT_WEIGHTS,
  ) {
    const phrasesOf = (p: Passage) => [
      ...new Set([p.topic, ...p.keywords].map((k) => normalize(k)).filter((k) => k.length >= 2)),
    ];
    const phraseCount = new Map<string, number>();
    for (const p of passages) for (const k of phrasesOf(p)) phraseCount.set(k, (phraseCount.get(k) ?? 0) + 1);
    this.docs = passages.map((passage) => {
      const words = new Map<string, number>();
      const pairs = new Map<string, number>();
      let length = 0;
      const add = (text: string, weight: number) => {
        const terms = this.words(text);
        for (const t of terms) words.set(t, (words.get(t) ?? 0) + weight);
        for (const t of hanPairs(normalize(text))) pairs.set(t, (pairs.get(t) ?? 0) + weight);
        length += weight * terms.length;
      };
      add(passage.topic, weights.topic);
      add([...passage.keywords, passage.question, ...passage.similar].join('，'), weights.keywords);
      add(passage.body, weights.body);
      for (const t of words.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      for (const t of pairs.keys()) this.pairDf.set(t, (this.pairDf.get(t) ?? 0) + 1);
      return { passage, words, pairs, length, phrases: [] };
    });
    // A keyword weighs what its words tell apart (their idf), shared among the passages that list it.
    for (const doc of this.docs) {
      doc.phrases = phrasesOf(doc.passage).map((text) => ({
        text,
        weight:
          this.words(text).reduce((sum, w) => sum + this.idf(this.df, w), 0) / (phraseCount.get(text) ?? 1),
      }));
    }
    this.corpus = passages
      .map((p) => normalize([p.topic, ...p.keywords, p.question, ...p.similar, p.body].join(' ')))
      .join('\n');
    this.avgLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, limit = 3): SearchHit[] {
    const queryWords = [...new Set(this.words(query))];
    const text = normalize(query);
    const queryPairs = [...new Set(hanPairs(text))];
    if (queryWords.length === 0 && queryPairs.length === 0) return [];
    const programs = programsNamedIn(text);
    const hits = this.docs.map((doc) => {
      let score = 0;
      let covered = 0;
      const matched = new Set<string>();
      for (const term of queryWords) {
        const best = Math.max(...synonymsOf(term).map((t) => this.bm25(doc.words, this.df, doc.length, t)));
        if (best > 0) {
          covered += 1;
          matched.add(term);
        }
        score += best;
      }
      // Pairs inside a word that already matched would count that word twice.
      for (const pair of queryPairs) {
        if (!queryWords.some((w) => matched.has(w) && w.includes(pair)))
          score += this.weights.pairs * this.bm25(doc.pairs, this.pairDf, doc.length, pair);
      }
      score += this.weights.phrase * this.phraseMatch(doc, text);
      return {
        passage: doc.passage,
        score: score * programFactor(doc.passage, programs),
        coverage: queryWords.length === 0 ? 0 : covered / queryWords.length,
      };
    });
    return hits
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /**
   * What a question asks about that the knowledge base does not cover, however well its other
   * words match: nouns and verbs no passage and no similar question mentions, not even through a
   * synonym (公积金, 廉租房, 补办, 送礼), and
   * benefits named by something other than a program that no passage names either (种粮补贴,
   * 独生子女补贴). Empty when the segmenter cannot tag parts of speech.
   */
  unknownNouns(query: string): string[] {
    const tagged = this.tokenize.tag?.(normalize(query)) ?? [];
    const unknown = new Set<string>();
    tagged.forEach(({ word, tag }, i) => {
      if (
        CONTENT.test(tag) &&
        word.length >= 2 &&
        !STOPWORDS.has(word) &&
        ![...word].every((c) => STOPWORDS.has(c)) &&
        !this.isKnown(word) &&
        !this.corpus.includes(word)
      )
        unknown.add(word);
      const named = tagged[i - 1];
      if (
        BENEFIT_HEADS.has(word) &&
        named !== undefined &&
        NAMING.test(named.tag) &&
        named.word.length >= 2 &&
        !STOPWORDS.has(named.word) &&
        programsNamedIn(named.word).length === 0 &&
        !this.corpus.includes(named.word + word)
      )
        unknown.add(named.word + word);
    });
    return [...unknown];
  }

  private isKnown(word: string): boolean {
    return synonymsOf(word).some((w) => this.df.has(w));
  }

  /**
   * The passage's keywords the question says word for word, each counting by what its words tell
   * apart (see the constructor); at most twice the best one, so a long list does not win alone.
   */
  private phraseMatch(doc: Doc, text: string): number {
    let total = 0;
    let best = 0;
    for (const phrase of doc.phrases) {
      if (!text.includes(phrase.text)) continue;
      total += phrase.weight;
      best = Math.max(best, phrase.weight);
    }
    return Math.min(total, 2 * best);
  }

  private bm25(tf: Map<string, number>, df: Map<string, number>, length: number, term: string): number {
    const f = tf.get(term) ?? 0;
    if (f === 0) return 0;
    return (this.idf(df, term) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / this.avgLength));
  }

  private idf(df: Map<string, number>, term: string): number {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - d + 0.5) / (d + 0.5));
  }

  private words(text: string): string[] {
    return meaningfulWords(this.tokenize, text);
  }
}

/**
 * The meaningful words of a text, canonical (see `normalize`). A word made of particles only
 * (还会, 能不) carries no more meaning than they do.
 */
export function meaningfulWords(tokenize: Tokenizer, text: string): string[] {
  return tokenize(normalize(text))
    .map((t) => t.trim())
    .filter(
      (t) =>
        t.length > 0 &&
        !STOPWORDS.has(t) &&
        ![...t].every((c) => STOPWORDS.has(c)) &&
        !/^[\p{P}\p{S}\s\d]+$/u.test(t),
    );
}

/** True for a character that carries no meaning alone (的, 吗, 能 …). */
export function isStopChar(c: string): boolean {
  return STOPWORDS.has(c);
}

/** Lower case, synonyms written one way (see `canonicalize`). */
export function normalize(text: string): string {
  let out = normalized.get(text);
  if (out === undefined) {
    // Each phrasing is normalised by every index built over it: remembered, within a bound.
    if (normalized.size >= NORMALIZED_LIMIT) normalized.clear();
    out = canonicalize(text.toLowerCase());
    normalized.set(text, out);
  }
  return out;
}

const normalized = new Map<string, string>();
const NORMALIZED_LIMIT = 50_000;

/**
 * Overlapping pairs of Chinese characters within each run of them: they match colloquial spellings
 * the segmenter splits differently in a question and in a passage.
 */
export function hanPairs(text: string): string[] {
  const out: string[] = [];
  for (const run of text.split(/[^\p{Script=Han}]+/u)) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
