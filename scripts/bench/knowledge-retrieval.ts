/**
 * Policy answers measured on sets of colloquial questions, each reported on its own (protocol:
 * docs/knowledge.md):
 * - development sets (test/fixtures/questions-dev*.json): what passages, similar questions and
 *   matching are tuned against;
 * - held-out sets (test/fixtures/questions-heldout-*.json): written by someone who had not read
 *   the passages, frozen, measured once per change and never tuned against.
 * For each: how often the reply is a direct answer, a direct answer with the fact asked for, a
 * “did you mean”, an “I don't know”; unanswerable questions answered (must be 0); the median
 * length of an answer as sent (text with its citation); the p95 latency of retrieval.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../src/core/project-root';
import { TemplateStore } from '../../src/core/templates/template-store';
import type { Tokenizer } from '../../src/features/knowledge/bm25-index';
import { createJiebaTokenizer } from '../../src/features/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../../src/features/knowledge/knowledge-base';
import { loadKnowledge } from '../../src/features/knowledge/load-knowledge';
import type { Passage } from '../../src/features/knowledge/passage';
import { policyAnswer } from '../../src/features/resident-chat/policy-consultation';

/**
 * One question: the passages that answer it (`cmd-…` for a command), and a regular expression for
 * the fact asked for (empty: the right passage is the fact, as for a command). `expect: null` marks
 * a question the knowledge base cannot answer.
 */
const questionSchema = z.looseObject({
  q: z.string().min(1),
  expect: z.array(z.string().min(1)).min(1).nullable(),
  fact: z.string().default(''),
});
const unanswerableSchema = z.looseObject({ q: z.string().min(1) });

export interface LabelledQuestion {
  q: string;
  expect: string[];
  fact: string;
}
export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
  unanswerable: string[];
}

const FIXTURES_DIR = () => path.join(projectRoot(), 'test', 'fixtures');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR(), file), 'utf8'));
}

/** A set from one file (unanswerable ones marked `expect: null`) and, optionally, a file of unanswerable questions. */
export function loadQuestionSet(name: string, file: string, unanswerableFile?: string): QuestionSet {
  const items = z.array(questionSchema).parse(readJson(file));
  const extra = unanswerableFile ? z.array(unanswerableSchema).parse(readJson(unanswerableFile)) : [];
  return {
    name,
    questions: items.flatMap((i) => (i.expect ? [{ q: i.q, expect: i.expect, fact: i.fact }] : [])),
    unanswerable: [...items.filter((i) => !i.expect).map((i) => i.q), ...extra.map((u) => u.q)],
  };
}

/** The development questions: what retrieval is tuned against. */
export function loadDevQuestions(): QuestionSet {
  return loadQuestionSet('development', 'questions-dev.json', 'questions-dev-unanswerable.json');
}

/**
 * Every frozen held-out set (test/fixtures/questions-heldout-*.json), oldest first. A set not yet
 * labelled is kept as `*.reserved.json` and is not measured.
 */
export function loadHeldOutSets(): QuestionSet[] {
  return fs
    .readdirSync(FIXTURES_DIR())
    .filter((f) => /^questions-heldout-.*\.json$/.test(f) && !f.endsWith('.reserved.json'))
    .sort()
    .map((f) => loadQuestionSet(`held-out ${f.replace(/^questions-heldout-|\.json$/g, '')}`, f));
}

export interface AnswerFigures {
  total: number;
  /** Answered directly (a passage or a command), right or wrong. */
  direct: number;
  /** Answered directly with one of the expected passages (or the expected command). */
  directRight: number;
  /** Answered directly and the reply contains the fact asked for. */
  withFact: number;
  /** Offered “did you mean” choices. */
  suggested: number;
  /** …of which the choices include an expected passage. */
  suggestedRight: number;
  /** Said “I don't know”. */
  unknown: number;
  unanswerable: number;
  /** Unanswerable questions answered directly: must stay 0. */
  unanswerableAnswered: number;
  /** Median characters of a direct answer's text (body, citation, “related” line). */
  medianReplyChars: number;
  /** The same with the related questions as numbered lines (how a group chat shows them). */
  medianReplyWithChoicesChars: number;
  p95Ms: number;
  misses: string[];
  unanswerableMisses: string[];
}

/** What a measurement asks of the knowledge base: an answer to one question. */
export type Answerer = Pick<KnowledgeBase, 'answer'>;

/** A question written the way it is compared with similar questions: no spaces or punctuation. */
export const questionKey = (q: string): string => q.replace(/[\s\p{P}]+/gu, '');

/**
 * Development questions are also similar questions of their passages (the ones answered by one
 * passage), so a plain measurement would ask the base what it was given. Cross-validation keeps it
 * honest: the questions are split into `folds`, and each fold is answered by a base built without
 * that fold's questions among the similar ones.
 */
export function crossValidated(
  passages: readonly Passage[],
  build: (passages: Passage[]) => KnowledgeBase,
  set: QuestionSet,
  folds = 5,
): Answerer {
  const foldOf = new Map(
    [...set.questions.map((q) => q.q), ...set.unanswerable].map((q, i) => [questionKey(q), i % folds]),
  );
  const bases = Array.from({ length: folds }, (_, fold) =>
    build(
      passages.map((p) => ({
        ...p,
        similar: p.similar.filter((s) => foldOf.get(questionKey(s)) !== fold),
      })),
    ),
  );
  return { answer: (q) => bases[foldOf.get(questionKey(q)) ?? 0]!.answer(q) };
}

/** Replies the bot would send for every question of a set, and what they add up to. */
export function measureAnswers(kb: Answerer, templates: TemplateStore, set: QuestionSet): AnswerFigures {
  const f: AnswerFigures = {
    total: set.questions.length,
    direct: 0,
    directRight: 0,
    withFact: 0,
    suggested: 0,
    suggestedRight: 0,
    unknown: 0,
    unanswerable: set.unanswerable.length,
    unanswerableAnswered: 0,
    medianReplyChars: 0,
    medianReplyWithChoicesChars: 0,
    p95Ms: 0,
    misses: [],
    unanswerableMisses: [],
  };
  const latencies: number[] = [];
  const lengths: number[] = [];
  const withChoices: number[] = [];
  for (const { q, expect, fact } of set.questions) {
    const t = performance.now();
    const reply = kb.answer(q);
    latencies.push(performance.now() - t);
    if (reply.kind === 'answer' || reply.kind === 'command') {
      f.direct++;
      const right = expect.includes(reply.passage.id);
      if (right) f.directRight++;
      let text = '';
      if (reply.kind === 'answer') {
        const model = policyAnswer(reply.passage, reply.related);
        text = templates.render(model.templateId, model.vars).text;
        lengths.push([...text].length);
        const lines = model.choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
        withChoices.push([...text].length + (lines ? [...lines].length + 2 : 0));
      }
      const hasFact = fact === '' ? right : new RegExp(fact, 'u').test(text);
      if (hasFact) f.withFact++;
      else
        f.misses.push(
          `${q} → ${reply.passage.id} (expected ${expect.join('/')}${fact ? `, fact /${fact}/` : ''})`,
        );
    } else if (reply.kind === 'suggest') {
      f.suggested++;
      if (reply.candidates.some((c) => expect.includes(c.id))) f.suggestedRight++;
      f.misses.push(
        `${q} → did you mean ${reply.candidates.map((c) => c.id).join(', ')} (expected ${expect.join('/')})`,
      );
    } else {
      f.unknown++;
      f.misses.push(
        `${q} → I don't know (best ${reply.best?.passage.id ?? 'none'}; expected ${expect.join('/')})`,
      );
    }
  }
  for (const q of set.unanswerable) {
    const reply = kb.answer(q);
    if (reply.kind === 'answer' || reply.kind === 'command') {
      f.unanswerableAnswered++;
      f.unanswerableMisses.push(`${q} → ${reply.passage.id}`);
    }
  }
  f.medianReplyChars = median(lengths);
  f.medianReplyWithChoicesChars = median(withChoices);
  latencies.sort((a, b) => a - b);
  f.p95Ms = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
  return f;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

export function report(label: string, f: AnswerFigures, showMisses: number): string[] {
  return [
    `${label}: ${f.total} answerable + ${f.unanswerable} unanswerable questions`,
    `  direct answer ${pct(f.direct, f.total)} (right passage ${pct(f.directRight, f.total)}); with the asked fact ${pct(f.withFact, f.total)} (goal ≥ 90%)`,
    `  “did you mean” ${pct(f.suggested, f.total)} (right one among the choices ${pct(f.suggestedRight, f.total)}); “I don't know” ${pct(f.unknown, f.total)}`,
    `  unanswerable questions answered: ${f.unanswerableAnswered}/${f.unanswerable} (must be 0)`,
    `  median answer ${f.medianReplyChars} characters with its citation (goal ≤ 300), ${f.medianReplyWithChoicesChars} with related questions as lines; retrieval p95 ${f.p95Ms.toFixed(2)} ms (goal < 20 ms)`,
    ...f.unanswerableMisses.map((m) => `  unanswerable answered: ${m}`),
    ...f.misses.slice(0, showMisses).map((m) => `  miss: ${m}`),
  ];
}

/** The development figures, cross-validated (see `crossValidated`). */
export function measureDevelopment(
  passages: readonly Passage[],
  tokenize: Tokenizer,
  templates: TemplateStore,
): AnswerFigures {
  const dev = loadDevQuestions();
  const kb = crossValidated(passages, (p) => new KnowledgeBase(p, tokenize), dev);
  return measureAnswers(kb, templates, dev);
}

export async function benchKnowledgeRetrieval(): Promise<string[]> {
  const passages = loadKnowledge();
  const tokenize = createJiebaTokenizer();
  const kb = new KnowledgeBase(passages, tokenize);
  const templates = new TemplateStore();
  const phrasings = passages.reduce((n, p) => n + p.similar.length, 0);
  const lines = [`policy answers — ${passages.length} passages, ${phrasings} similar questions`];
  const showMisses = Number(process.env.BENCH_SHOW_MISSES ?? 15);
  lines.push(
    ...report(
      'development set (tuned against; 5-fold cross-validated: each question answered by a base without it)',
      measureDevelopment(passages, tokenize, templates),
      showMisses,
    ),
  );
  const heldOut = loadHeldOutSets();
  if (heldOut.length === 0)
    lines.push('held-out set — none frozen in test/fixtures/questions-heldout-*.json yet');
  // Short questions are often written the same way twice: say how many a held-out set shares,
  // word for word, with the similar questions written independently of it.
  const similarKeys = new Set(passages.flatMap((p) => [p.question, ...p.similar].map(questionKey)));
  for (const set of heldOut) {
    const shared = [...set.questions.map((q) => q.q), ...set.unanswerable].filter((q) =>
      similarKeys.has(questionKey(q)),
    ).length;
    const label = `${set.name} (never tuned on; ${shared} of its questions are word for word similar questions written independently)`;
    // Figures only: a held-out set's questions and misses are not shown, so measuring it does not
    // amount to reading it (BENCH_SHOW_HELDOUT=1 shows them, and the set then becomes development data).
    const f = measureAnswers(kb, templates, set);
    if (process.env.BENCH_SHOW_HELDOUT !== '1') {
      f.unanswerableMisses = [];
      f.misses = [];
    }
    lines.push(...report(label, f, showMisses));
  }
  return lines;
}
