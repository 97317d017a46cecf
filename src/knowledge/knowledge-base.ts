import { Bm25Index, type SearchHit, type Tokenizer } from '../domain/knowledge/bm25-index';
import type { Passage } from '../domain/knowledge/passage';

export type KnowledgeAnswer =
  | { kind: 'answer'; passage: Passage; related: Passage[]; score: number }
  | { kind: 'suggest'; candidates: Passage[] }
  | { kind: 'no_match'; best: SearchHit | undefined };

/**
 * Thresholds, tuned on the development questions only (test/fixtures/questions-dev*.json; the
 * held-out fixtures are measured, not tuned against): an answer needs the best passage to score at
 * least `minScore` and contain `minCoverage` of the question's meaningful words. A weaker match is
 * not answered but offered as “did you mean” choices (the resident picks, the bot does not guess);
 * below `suggestScore` or `suggestCoverage` the bot says it does not know.
 */
export const ANSWER_THRESHOLDS = { minScore: 10, minCoverage: 0.5, suggestScore: 8, suggestCoverage: 0.35 };

/** Policy consultation over the knowledge base: retrieval, thresholds, related passages. */
export class KnowledgeBase {
  private readonly index: Bm25Index;
  private readonly byId: Map<string, Passage>;

  constructor(
    readonly passages: readonly Passage[],
    tokenize: Tokenizer,
    private readonly thresholds = ANSWER_THRESHOLDS,
  ) {
    this.index = new Bm25Index(passages, tokenize);
    this.byId = new Map(passages.map((p) => [p.id, p]));
  }

  answer(question: string): KnowledgeAnswer {
    const hits = this.index.search(question, 3);
    const best = hits[0];
    const t = this.thresholds;
    const strong = best !== undefined && best.score >= t.minScore && best.coverage >= t.minCoverage;
    // A question naming something no passage mentions (公积金, 廉租房) is never answered directly:
    // a match that would otherwise be answered is only offered as choices.
    if (this.index.unknownNouns(question).length > 0) {
      return strong
        ? { kind: 'suggest', candidates: hits.map((h) => h.passage) }
        : { kind: 'no_match', best };
    }
    if (best && strong) {
      return {
        kind: 'answer',
        passage: best.passage,
        related: this.relatedTo(best.passage),
        score: best.score,
      };
    }
    if (best && best.score >= t.suggestScore && best.coverage >= t.suggestCoverage) {
      return { kind: 'suggest', candidates: hits.map((h) => h.passage) };
    }
    return { kind: 'no_match', best };
  }

  /** A passage by id (a resident picked a related question). */
  passage(id: string): { passage: Passage; related: Passage[] } | undefined {
    const passage = this.byId.get(id);
    return passage && { passage, related: this.relatedTo(passage) };
  }

  /** The top hits, for the retrieval benchmark (top-1 / top-3 accuracy). */
  search(question: string, limit = 3): SearchHit[] {
    return this.index.search(question, limit);
  }

  private relatedTo(passage: Passage): Passage[] {
    return passage.related.flatMap((id) => this.byId.get(id) ?? []).slice(0, 3);
  }
}
