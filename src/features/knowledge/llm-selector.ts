import { z } from 'zod';
import type { Passage } from './passage';

/** What a passage selector decided: one of the candidates, none of them, or nothing usable. */
export type SelectorChoice =
  | { kind: 'passage'; id: string }
  | { kind: 'none' }
  | { kind: 'failed'; reason: string };

/**
 * Chooses which of the retrieved passages answers a question, or none. It never writes the
 * answer: what residents see is always a vetted passage.
 */
export interface PassageSelector {
  choose(question: string, candidates: readonly Passage[]): Promise<SelectorChoice>;
}

export interface LlmSelectorOptions {
  /** An OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (`/chat/completions` is added). */
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  /** Longest wait for an answer; after it the lexical result stands (at most 2000 ms). */
  timeoutMs: number;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** The model's reply: the id of a candidate, or `none`. */
const replySchema = z.object({ choice: z.string().min(1) });

/** The instructions: pick by id or say none; never write text. Not shown to residents. */
const INSTRUCTIONS = [
  'You route a resident question to one vetted answer passage of a social-assistance knowledge base.',
  'Choose the single passage whose text directly answers the question, including the specific fact asked',
  '(amount, duration, count, month, place, person). If none of them answers it, choose "none".',
  'Reply with JSON only: {"choice": "<passage id>"} or {"choice": "none"}. Do not write any other text.',
].join(' ');

/**
 * A passage selector behind an OpenAI-compatible chat endpoint (LLM_BASE_URL, LLM_API_KEY,
 * LLM_MODEL). Anything but a well-formed choice among the candidates within the time limit (a
 * timeout, an HTTP error, prose, an id it was not offered) is a failure, and the caller keeps the
 * lexical result.
 */
export class LlmPassageSelector implements PassageSelector {
  private readonly url: string;

  constructor(private readonly options: LlmSelectorOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  async choose(question: string, candidates: readonly Passage[]): Promise<SelectorChoice> {
    const offered = candidates.map((p) => ({ id: p.id, question: p.question, text: p.body }));
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: this.options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            { role: 'user', content: JSON.stringify({ question, passages: offered }) },
          ],
        }),
        signal: AbortSignal.timeout(Math.min(this.options.timeoutMs, 2000)),
      });
      if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}` };
      const completion = completionSchema.safeParse(await response.json());
      if (!completion.success) return { kind: 'failed', reason: 'not a chat completion' };
      const content = completion.data.choices[0]!.message.content.trim().replace(
        /^```(?:json)?\s*|\s*```$/g,
        '',
      );
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        return { kind: 'failed', reason: 'reply is not JSON' };
      }
      const reply = replySchema.safeParse(parsed);
      if (!reply.success) return { kind: 'failed', reason: 'reply has no choice' };
      if (reply.data.choice === 'none') return { kind: 'none' };
      if (!candidates.some((p) => p.id === reply.data.choice))
        return { kind: 'failed', reason: 'chose a passage it was not offered' };
      return { kind: 'passage', id: reply.data.choice };
    } catch (error) {
      return { kind: 'failed', reason: error instanceof Error ? error.name : 'request failed' };
    }
  }
}
