import { askedFacts, statesAskedFact } from './asked-fact';
import { Bm25Index, programsNamedIn, type Tokenizer } from './bm25-index';
import type { PassageSelector } from './llm-selector';
import { outOfScope } from './out-of-scope';
import type { Command, Passage } from './passage';
import { PhrasingClassifier } from './phrasing-classifier';
import { PhrasingIndex } from './phrasing-index';

/** A ranked passage: the combined score and the signals it is made of. */
export interface RankedPassage {
  passage: Passage;
  score: number;
  /** Similarity to the passage's closest phrasing (0–1). */
  similarity: number;
  /** Share of the question's words the passage uses anywhere (0–1). */
  coverage: number;
  /** BM25 over the passage's topic, phrasings and text. */
  bm25: number;
  /** How likely the passage is the one asked about, from all its phrasings together (0–1). */
  likelihood: number;
  /** Whether it states the kind of fact asked (undefined: no specific kind asked). */
  statesAsked: boolean | undefined;
  /** The score before the kind of fact asked was weighed in. */
  topicScore: number;
  /** The score without the classifier: how much of the question the passage's words match. */
  evidence: number;
}

export type KnowledgeAnswer =
  | { kind: 'answer'; passage: Passage; related: Passage[]; score: number }
  | { kind: 'command'; command: Command; passage: Passage }
  | { kind: 'suggest'; candidates: Passage[] }
  | { kind: 'no_match'; best: RankedPassage | undefined };

/**
 * How retrieval decides, tuned on the development questions only (test/fixtures/questions-dev*.json;
 * the held-out fixtures are measured once per change, never tuned against; see docs/knowledge.md):
 * - `bm25Weight`, `bm25Half`: the text match adds at most `bm25Weight`, half of it at `bm25Half`;
 * - `likelihoodWeight`: what the classifier over all of a passage's phrasings adds at most;
 * - `factBonus`, `factPenalty`: a passage that states the kind of fact asked (多少钱, 几天, 找谁)
 *   counts that much more, one that does not that much less;
 * - `otherProgram`: a passage of another program than the one the question names;
 * - `unknownNoun`: the factor for each noun of the question that no passage mentions;
 * - `itemBonus`: asked whether something counts as income, the income passage naming it counts
 *   that much more;
 * - an answer needs the best score at `answer` (`command` to run a command), a lead of `margin`
 *   over the next passage (none since 2026-12-03: on every development and old held-out set the
 *   best passage of a near tie was right more often than the choices helped) and `minEvidence` of score without the classifier (the classifier picks
 *   among passages that match the question's words, never answers alone); it is withheld when a passage that does not state the fact
 *   asked leads it by `topicLead` before the fact is weighed in (the fact chose the topic);
 *   a weaker match, down to `suggest` without the classifier, is offered as “did you mean”
 *   choices; below, “I don't know”.
 */
export const RETRIEVAL = {
  coverageWeight: 0,
  unknownNoun: 0.95,
  bm25Weight: 0.3,
  bm25Half: 12,
  likelihoodWeight: 0.3,
  factBonus: 0.15,
  factPenalty: 0.2,
  otherProgram: 0.75,
  answer: 0.5,
  command: 0.6,
  margin: 0,
  minEvidence: 0.4,
  suggest: 0.3,
  topicLead: 0.05,
  itemBonus: 0.2,
};
export type RetrievalSettings = typeof RETRIEVAL;

/** Words that ask for a person outright, whatever else the message says. */
const ASKS_FOR_PERSON = /转人工|人工客服|找(个)?(人|工作人员|真人)|工作人员/u;

const ASKS_IF_INCOME =
  /算.{0,3}收入|收入.{0,3}算|计入.{0,3}收入|算进.{0,4}收入|算不算收入|算数不|算(不算)?进(去|来)/u;

/** Words of an “is it income” question that name no item (收入, 算不算, 俺家 …). */
const INCOME_QUESTION_WORDS =
  /收入|算|计入|家里|俺家|我家|每月|每个|一个月|这个|那个|低保|特困|申请|的话|是不是|可以|能不能|吗|不/u;

/** A program's name alone, perhaps with 咨询 or 的事: it asks nothing in particular. */
const BARE_PROGRAM =
  /^(我想|想|我要)?(问问|问一下|咨询|咨询一下|了解)?(低保|最低生活保障|特困|特困供养|五保|临时救助|救助|社会救助)(政策|的事|的事儿|的政策|咨询|问问|相关)?$/u;

/** Policy consultation over the knowledge base: retrieval, thresholds, related passages. */
export class KnowledgeBase {
  private indexes: { bm25: Bm25Index; phrasings: PhrasingIndex; classifier: PhrasingClassifier } | undefined;
  private readonly byId: Map<string, Passage>;

  constructor(
    readonly passages: readonly Passage[],
    private readonly tokenize: Tokenizer,
    private readonly settings: RetrievalSettings = RETRIEVAL,
  ) {
    this.byId = new Map(passages.map((p) => [p.id, p]));
  }

  /**
   * Builds the indexes (about a second for thousands of phrasings). They are built on the first
   * question otherwise: a service that answers no policy question, as in most tests, never pays.
   */
  prepare(): this {
    this.built();
    return this;
  }

  private built() {
    this.indexes ??= {
      bm25: new Bm25Index(this.passages, this.tokenize),
      phrasings: new PhrasingIndex(this.passages, this.tokenize),
      classifier: new PhrasingClassifier(this.passages, this.tokenize),
    };
    return this.indexes;
  }

  answer(question: string): KnowledgeAnswer {
    const all = this.rank(question, this.passages.length);
    const ranked = all.slice(0, 3);
    const [best, next] = ranked;
    const t = this.settings;
    if (!best) return { kind: 'no_match', best };
    // The kind of fact asked decides between passages on the topic, never the topic itself: when a
    // passage that does not state the fact matches the question clearly better than the one that
    // does (骗保几年不让申请: the passage on fraud, not the one on reporting within 3 months), the
    // fact is not known and the choice is the resident's.
    const topicLost = all.some(
      (h) => h.statesAsked === false && h.topicScore >= best.topicScore + t.topicLead,
    );
    // A passage of another program than the one the question names (特困供养一个月给多少钱 and the
    // passage on the 低保 amount) may be offered, never given as the answer.
    const named = programsNamedIn(question);
    const otherProgram =
      named.length > 0 && best.passage.program !== 'general' && !named.includes(best.passage.program);
    const strong =
      best.score >= (best.passage.command ? t.command : t.answer) &&
      best.score - (next?.score ?? 0) >= t.margin &&
      best.evidence >= t.minEvidence &&
      best.statesAsked !== false &&
      !otherProgram &&
      !topicLost;
    // A question naming a program outside the knowledge base that the best passage does not name
    // (医保 in a question about 低保 money) is never answered directly: a match that would otherwise
    // be answered is only offered as choices. One asking a fact no passage states (a phone number,
    // the day of the month, how many copies) is on a topic the base knows: its passages are offered
    // as choices, with the hand-off, whenever they match well enough to be offered at all.
    // A program's name alone (低保, 临时救助的事) asks nothing in particular: the main questions on it.
    if (BARE_PROGRAM.test(question.replace(/[\s\p{P}]+/gu, '')))
      return { kind: 'suggest', candidates: ranked.map((h) => h.passage) };
    const scope = outOfScope(question);
    if (this.namesOtherProgram(scope.programs, best.passage, question)) {
      return strong
        ? { kind: 'suggest', candidates: ranked.map((h) => h.passage) }
        : { kind: 'no_match', best };
    }
    // …but a request for a person or for one's case (你是机器人吗？转人工) is still carried out.
    if (scope.neverStated && !(strong && best.passage.command && ASKS_FOR_PERSON.test(question)))
      return best.evidence >= t.suggest
        ? { kind: 'suggest', candidates: ranked.map((h) => h.passage) }
        : { kind: 'no_match', best };
    if (strong) {
      if (best.passage.command)
        return { kind: 'command', command: best.passage.command, passage: best.passage };
      return {
        kind: 'answer',
        passage: best.passage,
        related: this.relatedTo(best.passage),
        score: best.score,
      };
    }
    if (best.evidence >= t.suggest) return { kind: 'suggest', candidates: ranked.map((h) => h.passage) };
    return { kind: 'no_match', best };
  }

  /**
   * The answer with a passage selector's help (an LLM behind LLM_BASE_URL, off by default): when
   * retrieval found something (an answer or “did you mean” choices), the selector may choose among
   * the top `limit` passages or say none; a failure keeps the retrieval result. It can never pick a
   * passage the question is out of scope for.
   */
  async answerWith(
    selector: PassageSelector | undefined,
    question: string,
    limit = 5,
  ): Promise<KnowledgeAnswer> {
    const lexical = this.answer(question);
    if (!selector || (lexical.kind !== 'answer' && lexical.kind !== 'suggest' && lexical.kind !== 'command'))
      return lexical;
    const candidates = this.rank(question, limit).map((h) => h.passage);
    const choice = await selector.choose(question, candidates);
    if (choice.kind === 'failed') return lexical;
    if (choice.kind === 'none') return { kind: 'no_match', best: undefined };
    const passage = this.byId.get(choice.id);
    if (!passage || this.outOfScope(question, passage)) return lexical;
    if (passage.command) return { kind: 'command', command: passage.command, passage };
    return { kind: 'answer', passage, related: this.relatedTo(passage), score: 0 };
  }

  private outOfScope(question: string, passage: Passage): boolean {
    const { programs, neverStated } = outOfScope(question);
    return neverStated || this.namesOtherProgram(programs, passage, question);
  }

  /**
   * Whether the question names a program outside the base that the passage does not mention. A
   * question whether a benefit counts as income (高龄补贴算收入不) is about income, whatever it names.
   */
  private namesOtherProgram(programs: readonly string[], passage: Passage, question: string): boolean {
    // The lists of what counts as income name other benefits (高龄津贴, 基础养老金) only to say
    // whether they count: they answer that question about them, no other.
    if (passage.question.includes('收入')) return programs.length > 0 && !ASKS_IF_INCOME.test(question);
    // The vetted text only: a similar question may name a program to show what the passage is not.
    const text = [passage.body, passage.question, passage.topic].join('\n');
    return programs.some((p) => !text.includes(p));
  }

  /** A passage by id (a resident picked a related question). */
  passage(id: string): { passage: Passage; related: Passage[] } | undefined {
    const passage = this.byId.get(id);
    return passage && { passage, related: this.relatedTo(passage) };
  }

  /** The passages best matching a question, best first, with the signals behind each score. */
  rank(question: string, limit = 3): RankedPassage[] {
    const t = this.settings;
    const { bm25: textIndex, phrasings, classifier } = this.built();
    const asked = askedFacts(question);
    const programs = programsNamedIn(question);
    // Each thing the question names that no passage mentions (公积金, 廉租房) makes every match weaker.
    const unknown = t.unknownNoun ** textIndex.unknownNouns(question).length;
    const likelihoods = classifier.probabilities(question);
    // 抚养费算收入吗: of the passages listing what counts as income and what does not, the one naming
    // the thing asked about. The classifier learnt how residents ask whether something counts, not
    // which things count, so the passage naming the thing also takes the pair's higher likelihood.
    const items = ASKS_IF_INCOME.test(question) ? this.itemsNamed(question) : [];
    const naming = (p: Passage) =>
      items.length > 0 && p.question.includes('收入') && items.some((w) => p.body.includes(w));
    const incomePassages = items.length > 0 ? this.passages.filter((p) => p.question.includes('收入')) : [];
    if (incomePassages.some(naming) && !incomePassages.every(naming)) {
      const values = incomePassages.map((p) => likelihoods.get(p.id) ?? 0);
      for (const p of incomePassages)
        likelihoods.set(p.id, naming(p) ? Math.max(...values) : Math.min(...values));
    }
    const bm25 = new Map(
      textIndex.search(question, this.passages.length).map((h) => [h.passage.id, h.score]),
    );
    return phrasings
      .search(question)
      .map(({ passage, similarity, coverage }) => {
        const text = bm25.get(passage.id) ?? 0;
        const statesAsked = passage.command ? undefined : statesAskedFact(asked, passage.states);
        const likelihood = likelihoods.get(passage.id) ?? 0;
        const program =
          programs.length > 0 && passage.program !== 'general' && !programs.includes(passage.program)
            ? t.otherProgram
            : 1;
        const words =
          (similarity + t.coverageWeight * coverage + (t.bm25Weight * text) / (text + t.bm25Half)) *
          unknown *
          program;
        const topicScore = words + t.likelihoodWeight * likelihood * unknown * program;
        const fact = statesAsked === true ? 1 + t.factBonus : statesAsked === false ? 1 - t.factPenalty : 1;
        const item = naming(passage) ? 1 + t.itemBonus : 1;
        const score = topicScore * fact * item;
        const evidence = words * fact * item;
        return {
          passage,
          score,
          similarity,
          coverage,
          bm25: text,
          likelihood,
          statesAsked,
          topicScore,
          evidence,
        };
      })
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /** The words of a question asking whether something counts as income, but for the asking. */
  private itemsNamed(question: string): string[] {
    return this.tokenize(question).filter((w) => [...w].length >= 2 && !INCOME_QUESTION_WORDS.test(w));
  }

  private relatedTo(passage: Passage): Passage[] {
    return passage.related.flatMap((id) => this.byId.get(id) ?? []).slice(0, 3);
  }
}
