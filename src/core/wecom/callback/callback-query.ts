import { z } from 'zod';
import { CallbackRejection } from './callback-rejection';

const base = {
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(128),
};
const postQuery = z.object(base);
const getQuery = z.object({ ...base, echostr: z.string().min(1).max(4096) });

export type CallbackQuery = z.infer<typeof postQuery>;
export type VerificationQuery = z.infer<typeof getQuery>;

/** Query string of a callback (Koa has already URL-decoded it); missing or malformed → 400. */
export function parseCallbackQuery(query: unknown): CallbackQuery {
  return parseWith(postQuery, query);
}

/** Query string of the URL verification GET, which adds `echostr`. */
export function parseVerificationQuery(query: unknown): VerificationQuery {
  return parseWith(getQuery, query);
}

function parseWith<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw new CallbackRejection('missing_query', `missing or malformed query parameter(s): ${fields}`);
  }
  return parsed.data;
}
