import { meaningfulWords, normalize, type Tokenizer } from './bm25-index';
import type { Passage } from './passage';
import { synonymGroupKey } from './synonyms';

/**
 * Naive Bayes over the ways residents ask each passage's question: every phrasing (标准问, 相似问,
 * topic) is a labelled example, its features the runs of one to three characters of the question
 * written canonically (synonyms one way, dialect in standard words) and its meaningful words.
 * Where the nearest phrasing needs one phrasing to share most of the question's words, this adds up
 * the evidence of all of a passage's phrasings: 咋整 from one, 着火 from another, 乡里给钱 from a
 * third. Trained when the base is prepared (about half a second for ~6,000 phrasings; nothing is
 * stored).
 */
export class PhrasingClassifier {
  /**
   * For each feature, the passages whose phrasings have it and how much more likely it is in them
   * than a feature they never use (sparse: most features belong to a few passages).
   */
  private readonly lift = new Map<string, { passages: Int32Array; gain: Float64Array }>();
  /** Each passage's log-probability of a feature its phrasings never use. */
  private readonly floor: Float64Array;
  private readonly ids: readonly string[];

  constructor(
    passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
    /** Additive smoothing: how much an unseen feature still counts. */
    smoothing = 0.1,
    /**
     * Overlapping runs of characters are not independent evidence: the log-likelihoods are divided
     * by this before they become probabilities, or one passage would always take nearly all of it.
     */
    private readonly temperature = 8,
  ) {
    this.ids = passages.map((p) => p.id);
    const counts = new Map<string, Map<number, number>>();
    const totals = new Float64Array(passages.length);
    passages.forEach((passage, k) => {
      for (const text of [passage.question, passage.topic, ...passage.similar])
        for (const f of this.features(text)) {
          const row = counts.get(f) ?? new Map<number, number>();
          counts.set(f, row.set(k, (row.get(k) ?? 0) + 1));
          totals[k]! += 1;
        }
    });
    const size = counts.size;
    this.floor = totals.map((t) => Math.log(smoothing / (t + smoothing * size)));
    for (const [f, row] of counts) {
      const ks = Int32Array.from(row.keys());
      this.lift.set(f, {
        passages: ks,
        gain: Float64Array.from(ks, (k) => Math.log((row.get(k)! + smoothing) / smoothing)),
      });
    }
  }

  /**
   * How likely each passage is to be the one asked about (0–1, summing to 1), by id. Features no
   * phrasing has tell nothing and are left out; a question with none gets an empty map.
   */
  probabilities(question: string): Map<string, number> {
    const known = this.features(question).flatMap((f) => this.lift.get(f) ?? []);
    if (known.length === 0) return new Map();
    const logits = this.floor.map((floor) => floor * known.length);
    for (const { passages, gain } of known)
      for (let i = 0; i < passages.length; i++) logits[passages[i]!]! += gain[i]!;
    const top = Math.max(...logits);
    const exp = logits.map((l) => Math.exp((l - top) / this.temperature));
    const sum = exp.reduce((a, b) => a + b, 0);
    return new Map(this.ids.map((id, k) => [id, exp[k]! / sum]));
  }

  private features(text: string): string[] {
    const chars = normalize(text).replace(/[^\p{Script=Han}a-z0-9]/gu, '');
    const out = new Set<string>();
    for (let i = 0; i < chars.length; i++)
      for (let n = 1; n <= 3 && i + n <= chars.length; n++) out.add(`${n}${chars.slice(i, i + n)}`);
    for (const w of meaningfulWords(this.tokenize, text)) out.add(`w${synonymGroupKey(w)}`);
    return [...out];
  }
}
