import { meaningfulWords, normalize, type Tokenizer } from './bm25-index';
import type { Passage } from './passage';
import { synonymGroupKey } from './synonyms';

/**
 * Naive Bayes over the ways residents ask each passage's question: every phrasing (标准问, 相似问,
 * topic) is a labelled example, its features the runs of one to three characters of the question
 * written canonically (synonyms one way, dialect in standard words) and its meaningful words.
 * Where the nearest phrasing needs one phrasing to share most of the question's words, this adds up
 * the evidence of all of a passage's phrasings: 咋整 from one, 着火 from another, 乡里给钱 from a
 * third. Trained at construction (milliseconds; nothing is stored).
 */
export class PhrasingClassifier {
  /** Log-probability of each feature for each passage, sparse: absent means `floor[passage]`. */
  private readonly logProb = new Map<string, Float64Array>();
  private readonly floor: Float64Array;
  private readonly ids: readonly string[];

  constructor(
    passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
    /** Additive smoothing: how much an unseen feature still counts. */
    smoothing = 0.1,
  ) {
    this.ids = passages.map((p) => p.id);
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(passages.length);
    passages.forEach((passage, k) => {
      for (const text of [passage.question, passage.topic, ...passage.similar])
        for (const f of this.features(text)) {
          let row = counts.get(f);
          if (!row) counts.set(f, (row = new Float64Array(passages.length)));
          row[k]! += 1;
          totals[k]! += 1;
        }
    });
    const size = counts.size;
    this.floor = totals.map((t) => Math.log(smoothing / (t + smoothing * size)));
    for (const [f, row] of counts)
      this.logProb.set(
        f,
        row.map((c, k) => Math.log((c + smoothing) / (totals[k]! + smoothing * size))),
      );
  }

  /**
   * How likely each passage is to be the one asked about (0–1, summing to 1), by id. Features no
   * phrasing has tell nothing and are left out; a question with none gets an empty map.
   */
  probabilities(question: string): Map<string, number> {
    const rows = this.features(question).flatMap((f) => this.logProb.get(f) ?? []);
    if (rows.length === 0) return new Map();
    const logits = this.floor.map(() => 0);
    for (const row of rows) for (let k = 0; k < row.length; k++) logits[k]! += row[k]!;
    const top = Math.max(...logits);
    const exp = logits.map((l) => Math.exp(l - top));
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
