/**
 * Policy retrieval against the held-out colloquial questions (test/fixtures/questions.json): top-1
 * and top-3 accuracy, honest refusals on questions the knowledge base cannot answer, and the p95
 * latency of the retrieval step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createJiebaTokenizer } from '../../src/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledge } from '../../src/knowledge/load-knowledge';
import { projectRoot } from '../../src/project-root';

const questionsSchema = z.array(z.object({ q: z.string(), expect: z.string() }));
const unanswerableSchema = z.array(z.union([z.string(), z.looseObject({ q: z.string() })]));

export function loadQuestionFixtures() {
  const dir = path.join(projectRoot(), 'test', 'fixtures');
  const questions = questionsSchema.parse(
    JSON.parse(fs.readFileSync(path.join(dir, 'questions.json'), 'utf8')),
  );
  const unanswerable = unanswerableSchema
    .parse(JSON.parse(fs.readFileSync(path.join(dir, 'questions-unanswerable.json'), 'utf8')))
    .map((u) => (typeof u === 'string' ? u : u.q));
  return { questions, unanswerable };
}

export async function benchKnowledgeRetrieval(): Promise<string[]> {
  const passages = loadKnowledge();
  if (!fs.existsSync(path.join(projectRoot(), 'test', 'fixtures', 'questions.json'))) {
    return ['policy retrieval — test/fixtures/questions.json missing: nothing to measure'];
  }
  const kb = new KnowledgeBase(passages, createJiebaTokenizer());
  const { questions, unanswerable } = loadQuestionFixtures();
  let top1 = 0;
  let top3 = 0;
  let answered = 0;
  let suggestedWithExpected = 0;
  const misses: string[] = [];
  const latencies: number[] = [];
  for (const { q, expect } of questions) {
    const t = performance.now();
    const hits = kb.search(q, 3);
    latencies.push(performance.now() - t);
    if (hits[0]?.passage.id === expect) top1++;
    else misses.push(`${q} → ${hits[0]?.passage.id ?? 'none'} (expected ${expect})`);
    if (hits.some((h) => h.passage.id === expect)) top3++;
    const reply = kb.answer(q);
    if (reply.kind === 'answer') answered++;
    if (reply.kind === 'suggest' && reply.candidates.some((c) => c.id === expect)) suggestedWithExpected++;
  }
  const refused = unanswerable.filter((q) => kb.answer(q).kind === 'no_match').length;
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  return [
    `policy retrieval — ${passages.length} passages, ${questions.length} held-out colloquial questions`,
    `top-1 ${pct(top1, questions.length)} (goal ≥ 90%), top-3 ${pct(top3, questions.length)} (goal ≥ 98%)`,
    `replies: answered directly ${pct(answered, questions.length)}; offered as “did you mean” choices including the right one ${pct(suggestedWithExpected, questions.length)}`,
    `unanswerable questions never answered directly: ${unanswerable.length - unanswerable.filter((q) => kb.answer(q).kind === 'answer').length}/${unanswerable.length} (said “I don't know”: ${refused})`,
    `retrieval latency p95 ${p95.toFixed(2)} ms (goal < 20 ms)`,
    ...misses.slice(0, 10).map((m) => `  miss: ${m}`),
  ];
}
