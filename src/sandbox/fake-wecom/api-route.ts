import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { wecomError } from './errcodes';
import type { BinaryReply, FakeApp, WecomReply } from './fake-types';

/** A request as handlers see it: the body already read, the clock already read. */
export interface ApiRequest {
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  now: Date;
}

/** A request whose access_token checked out, with the app it belongs to. */
export interface AuthedRequest extends ApiRequest {
  app: FakeApp;
}

export type ApiResult = WecomReply | BinaryReply;

/** Bytes rather than JSON (media/get). */
export function isBinaryReply(result: ApiResult): result is BinaryReply {
  return Buffer.isBuffer(result.binary);
}

type Method = 'GET' | 'POST';

/** One emulated endpoint. `auth` routes get the token checked (41001/40014/42001) first. */
export type Route =
  | { method: Method; path: string; auth: false; handle(req: ApiRequest): ApiResult | Promise<ApiResult> }
  | { method: Method; path: string; auth: true; handle(req: AuthedRequest): ApiResult | Promise<ApiResult> };

/** `raw` is the JSON exactly as sent, for the assertion logs; `value` is what the schema made of it. */
export type Parsed<T> = { ok: true; value: T; raw: unknown } | { ok: false; reply: WecomReply };

/** JSON body through a zod schema: unreadable JSON is 47001, a wrongly typed field 40058. */
export function parseJsonBody<T extends z.ZodType>(body: Buffer, schema: T): Parsed<z.output<T>> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reply: wecomError(47001) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reply: wecomError(40058, issue ? `${issue.path.join('.')}: ${issue.message}` : '') };
  }
  return { ok: true, value: parsed.data, raw: json };
}

/** agentid must be present (41011) and be the token's app (301002). */
export function checkAgentId(app: FakeApp, agentid: string | undefined): WecomReply | undefined {
  if (agentid === undefined) return wecomError(41011);
  if (agentid !== app.agentId) return wecomError(301002, `token belongs to agent ${app.agentId}`);
  return undefined;
}

/** Narrows an unknown JSON value to a plain object. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
