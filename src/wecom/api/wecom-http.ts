import type { z } from 'zod';
import { WecomApiError } from './api-error';
import { baseReply } from './api-schemas';

export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
}

export type RequestBody = { json: unknown } | { form: FormData } | undefined;

/**
 * One HTTP exchange with the WeCom API, validated by `schema`. Network failures, timeouts,
 * HTTP 5xx and unreadable JSON become transient `WecomApiError`s; a non-zero errcode becomes a
 * `WecomApiError` classified by its code. WeCom reports errors in the body with HTTP 200.
 */
export async function wecomRequest<T extends z.ZodType>(
  options: HttpOptions,
  path: string,
  query: Record<string, string>,
  body: RequestBody,
  schema: T,
): Promise<z.infer<T>> {
  const url = `${options.baseUrl}${path}?${new URLSearchParams(query)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body && 'json' in body ? { 'Content-Type': 'application/json; charset=utf-8' } : undefined,
      body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : body.form,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'connection failed';
    throw new WecomApiError(
      path,
      undefined,
      `${reason}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // 5xx, 429 (too many requests) and 408 (request timeout) are worth another try; other statuses are not.
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new WecomApiError(path, undefined, `HTTP ${response.status}`);
  }
  if (response.status !== 200)
    throw new WecomApiError(path, undefined, `HTTP ${response.status}`, 'permanent');
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new WecomApiError(path, undefined, 'answer is not JSON');
  }
  const base = baseReply.safeParse(json);
  if (!base.success) throw new WecomApiError(path, undefined, 'answer has no errcode', 'permanent');
  if (base.data.errcode !== 0) throw new WecomApiError(path, base.data.errcode, base.data.errmsg);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new WecomApiError(
      path,
      0,
      `unexpected answer shape: ${parsed.error.issues[0]?.message ?? ''}`,
      'permanent',
    );
  }
  return parsed.data;
}
