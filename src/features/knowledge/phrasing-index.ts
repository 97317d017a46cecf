import { hanPairs, isStopChar, meaningfulWords, normalize, type Tokenizer } from './bm25-index';
import type { Passage } from './passage';
import { synonymGroupKey } from './synonyms';

/** A text as weighted features: its meaningful words (by synonym group) and its pairs of characters. */
type Features = Map<string, number>;

/** How much a matching pair of characters counts against a matching word. */
const PAIR_WEIGHT = 0.2;

export interface PhrasingHit {
  passage: Passage;
  /** Weighted overlap (Dice) with the passage's closest phrasing, 0–1. */
  similarity: number;
  /** The phrasing it came from (标准问, 相似问 or topic). */
  phrasing: string;
  /**
   * Share of the question's words (by weight) that the passage uses anywhere, in a phrasing or in
   * its text (0–1): what the question asks about that the passage never mentions lowers it.
   */
  coverage: number;
}

/**
 * Nearest phrasing: a question is compared with every way residents ask each passage's question
 * (its 标准问 and 相似问, and its topic) as whole sentences, by the words and pairs of characters
 * they share, each weighted by how well it tells the passages apart. A paraphrase that shares its
 * meaningful words with one phrasing finds the passage, even when the passage's own text says it
 * another way.
 */
export class PhrasingIndex {
  private readonly phrasings: { passage: Passage; text: string; features: Features; mass: number }[] = [];
  /** For each feature, the phrasings that have it and its weight there (only those are compared). */
  private readonly postings = new Map<string, { at: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();
  /** Each passage's words (by synonym group): its phrasings, topic and text. */
  private readonly vocabulary = new Map<string, Set<string>>();
  /** The weight of a word no phrasing uses: as rare as a word can be. */
  private readonly unseen: number;

  constructor(
    passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
  ) {
    const raw = passages.flatMap((passage) =>
      [passage.question, passage.topic, ...passage.similar].map((text) => ({
        passage,
        text,
        keys: this.keys(text),
      })),
    );
    // Rarity across passages (not phrasings): a word every passage's phrasings use tells nothing.
    const df = new Map<string, number>();
    for (const p of passages) {
      const seen = new Set(raw.filter((r) => r.passage === p).flatMap((r) => r.keys));
      for (const k of seen) df.set(k, (df.get(k) ?? 0) + 1);
    }
    this.unseen = Math.log(1 + (passages.length + 0.5) / 0.5);
    for (const [k, d] of df) this.idf.set(k, Math.log(1 + (passages.length - d + 0.5) / (d + 0.5)));
    for (const p of passages) {
      const words = [...raw.filter((r) => r.passage === p).flatMap((r) => r.keys), ...this.keys(p.body)];
      this.vocabulary.set(p.id, new Set(words.filter((k) => k.startsWith('w:'))));
    }
    for (const r of raw) {
      const features = this.weigh(r.keys);
      const at =
        this.phrasings.push({ passage: r.passage, text: r.text, features, mass: total(features) }) - 1;
      for (const [k, weight] of features) {
        const list = this.postings.get(k) ?? [];
        list.push({ at, weight });
        this.postings.set(k, list);
      }
    }
  }

  /** Every passage with the similarity of its closest phrasing, best first. */
  search(question: string): PhrasingHit[] {
    const q = this.weigh(this.keys(question));
    const qMass = total(q);
    if (qMass === 0) return [];
    const query = [...q];
    // Shared weight with every phrasing that has any of the question's features (the others share
    // nothing), then the closest phrasing of each passage: its index in `phrasings` and similarity.
    const shared = new Map<number, number>();
    for (const [k, w] of query)
      for (const { at, weight } of this.postings.get(k) ?? [])
        shared.set(at, (shared.get(at) ?? 0) + w + weight);
    const best = new Map<string, { at: number; similarity: number }>();
    for (let i = 0; i < this.phrasings.length; i++) {
      const p = this.phrasings[i]!;
      const similarity = (shared.get(i) ?? 0) / (qMass + p.mass);
      const prior = best.get(p.passage.id);
      if (!prior || similarity > prior.similarity) best.set(p.passage.id, { at: i, similarity });
    }
    const qWords = query.filter(([k]) => k.startsWith('w:'));
    const qWordMass = qWords.reduce((sum, [, w]) => sum + w, 0);
    const hits: PhrasingHit[] = [];
    for (const [id, { at, similarity }] of best) {
      const vocabulary = this.vocabulary.get(id);
      const known = qWords.reduce((sum, [k, w]) => sum + (vocabulary?.has(k) ? w : 0), 0);
      const p = this.phrasings[at]!;
      hits.push({
        passage: p.passage,
        similarity,
        phrasing: p.text,
        coverage: qWordMass === 0 ? 0 : known / qWordMass,
      });
    }
    return hits.sort((a, b) => b.similarity - a.similarity);
  }

  /** Word keys (`w:` + synonym group) and pair keys (`p:` + two characters) of a text. */
  private keys(text: string): string[] {
    const words = meaningfulWords(this.tokenize, text).map((w) => `w:${synonymGroupKey(w)}`);
    const pairs = hanPairs(normalize(text))
      .filter((p) => ![...p].every(isStopChar))
      .map((p) => `p:${p}`);
    return [...new Set([...words, ...pairs])];
  }

  private weigh(keys: readonly string[]): Features {
    const features: Features = new Map();
    for (const k of keys) {
      // A word no phrasing uses still counts against the match (it is something the question asks).
      const weight = this.idf.get(k) ?? this.unseen;
      features.set(k, k.startsWith('p:') ? PAIR_WEIGHT * weight : weight);
    }
    return features;
  }
}

function total(features: Features): number {
  let sum = 0;
  for (const w of features.values()) sum += w;
  return sum;
}
