import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJiebaTokenizer } from '../../src/features/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../../src/features/knowledge/knowledge-base';
import { LlmPassageSelector } from '../../src/features/knowledge/llm-selector';
import { loadKnowledge } from '../../src/features/knowledge/load-knowledge';

/** A fake OpenAI-compatible endpoint: each request is answered by `respond` (or never). */
let respond: (
  body: { model: string; messages: { role: string; content: string }[] },
  res: http.ServerResponse,
) => void;
const requests: { authorization: string | undefined; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    requests.push({ authorization: req.headers.authorization, body });
    respond(JSON.parse(body), res);
  });
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const completion = (content: string) =>
  JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] });
const reply = (status: number, text: string) => (_b: unknown, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
};

const kb = new KnowledgeBase(loadKnowledge(), createJiebaTokenizer());
const selector = (timeoutMs = 2000) =>
  new LlmPassageSelector({ baseUrl, apiKey: 'test-key', model: 'fake-model', timeoutMs });
/** A question retrieval only offers as “did you mean” choices (two passages match it about as well). */
const MIDDLING = '临时救助的事';

describe('the passage selector behind an OpenAI-compatible endpoint', () => {
  it('asks with the question and the candidates, and answers with the passage it picks', async () => {
    expect(kb.answer(MIDDLING).kind).toBe('suggest');
    respond = reply(200, completion('{"choice": "linshi-where-to-apply"}'));
    const answer = await kb.answerWith(selector(), MIDDLING);
    expect(answer).toMatchObject({ kind: 'answer', passage: { id: 'linshi-where-to-apply' } });
    const sent = JSON.parse(requests.at(-1)!.body);
    expect(requests.at(-1)!.authorization).toBe('Bearer test-key');
    expect(sent.model).toBe('fake-model');
    expect(sent.messages[1].content).toContain(MIDDLING);
    expect(sent.messages[1].content).toContain('linshi-where-to-apply');
  });

  it('says it does not know when the model says none of them', async () => {
    respond = reply(200, completion('```json\n{"choice":"none"}\n```'));
    expect((await kb.answerWith(selector(), MIDDLING)).kind).toBe('no_match');
  });

  it.each([
    ['prose instead of JSON', reply(200, completion('I think the second passage answers it.'))],
    ['JSON without a choice', reply(200, completion('{"answer": "一般按月发放"}'))],
    ['a passage it was not offered', reply(200, completion('{"choice": "fraud-penalty"}'))],
    ['not a chat completion', reply(200, '{"error": "bad"}')],
    ['an HTTP error', reply(500, '{"error": "overloaded"}')],
  ])('keeps the lexical result on %s', async (_label, handler) => {
    respond = handler;
    expect(await kb.answerWith(selector(), MIDDLING)).toEqual(kb.answer(MIDDLING));
  });

  it('keeps the lexical result when the endpoint does not answer in time (within 2 s)', async () => {
    respond = () => {};
    const started = performance.now();
    expect(await kb.answerWith(selector(300), MIDDLING)).toEqual(kb.answer(MIDDLING));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('never waits longer than 2 s, whatever the configured limit', async () => {
    respond = () => {};
    const started = performance.now();
    expect(await kb.answerWith(selector(60_000), MIDDLING)).toEqual(kb.answer(MIDDLING));
    expect(performance.now() - started).toBeLessThan(2600);
  });

  it('is not asked when retrieval found nothing, and cannot pick a passage the question is out of scope for', async () => {
    const before = requests.length;
    respond = reply(200, completion('{"choice": "dibao-amount"}'));
    expect((await kb.answerWith(selector(), '今天天气怎么样')).kind).toBe('no_match');
    expect(requests.length).toBe(before);
    expect((await kb.answerWith(selector(), '医保一年交多少钱')).kind).not.toBe('answer');
  });
});
