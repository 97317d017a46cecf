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
  const response = await send(options, path, query, body);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new WecomApiError(path, undefined, 'answer is not JSON');
  }
  throwOnErrcode(path, json);
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

/** Largest download we accept: WeCom's own cap on temporary media (file ≤ 20 MB, docs/wecom.md §2.8). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Bytes WeCom answered (media/get), with what its headers said about them. */
export interface Download {
  data: Buffer;
  /** The Content-Type header as sent (e.g. `image/jpeg`); `application/octet-stream` when absent. */
  contentType: string;
  /** From Content-disposition, decoded; undefined when WeCom named none. */
  filename: string | undefined;
}

/**
 * A GET answering bytes (media/get). On success WeCom sends the bytes with Content-Type and
 * `Content-disposition: attachment; filename="…"`; on error it answers JSON `{errcode, errmsg}`
 * with HTTP 200 (content type application/json or text/plain), which is raised as a
 * `WecomApiError` classified exactly like `wecomRequest`'s. Bodies over `maxBytes` are refused as
 * a permanent error: no retry would make them smaller, and holding them would cost memory.
 */
export async function wecomDownload(
  options: HttpOptions,
  path: string,
  query: Record<string, string>,
  maxBytes = MAX_DOWNLOAD_BYTES,
): Promise<Download> {
  const response = await send(options, path, query, undefined);
  const contentType = response.headers.get('content-type')?.trim() || 'application/octet-stream';
  const disposition = response.headers.get('content-disposition');
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(path, maxBytes);
  }
  const data = await readCapped(response, path, maxBytes);
  // Success always carries an attachment disposition; without one, a JSON-looking body is an error.
  if (!disposition && looksLikeJson(contentType, data)) {
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      throw new WecomApiError(path, undefined, 'answer is not JSON');
    }
    throwOnErrcode(path, json);
    throw new WecomApiError(path, 0, 'JSON answer without media', 'permanent');
  }
  return { data, contentType, filename: dispositionFilename(disposition) };
}

/**
 * The file name in a Content-disposition header. WeCom sends ASCII names as `filename="…"` and
 * others twice: RFC 5987 `filename*=utf-8''<percent-encoded>` and a raw UTF-8 `filename="…"`
 * (WxJava issues 3146 and 3348), which fetch hands over decoded as Latin-1. The RFC 5987 form
 * wins; the raw one is re-read as UTF-8.
 */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      const name = decodeURIComponent(extended[2].trim().replace(/^"(.*)"$/, '$1'));
      if (name) return name;
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
  const raw = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return raw ? latin1AsUtf8(raw) : undefined;
}

/** fetch decodes header bytes as Latin-1; UTF-8 bytes read that way are put back together. */
function latin1AsUtf8(text: string): string {
  const codes = Array.from(text, (char) => char.codePointAt(0) ?? 0);
  if (!codes.some((code) => code > 0x7f) || codes.some((code) => code > 0xff)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

function looksLikeJson(contentType: string, data: Buffer): boolean {
  if (/json|text\/plain/i.test(contentType)) return true;
  // Some proxies relabel the error answer; a body opening like WeCom's error JSON is one too.
  return data.length < 4096 && /^\s*\{\s*"errcode"/.test(data.subarray(0, 64).toString('utf8'));
}

/** Reads the body, giving up (and closing the connection) as soon as it passes `maxBytes`. */
async function readCapped(response: Response, path: string, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(path, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof WecomApiError) throw error;
    throw networkError(path, error);
  }
  return Buffer.concat(chunks, size);
}

const tooLarge = (path: string, maxBytes: number) =>
  new WecomApiError(path, undefined, `answer larger than ${maxBytes} bytes`, 'permanent');

/**
 * Sends the request and classifies what cannot be an answer: connection failures, timeouts and
 * 5xx/429/408 are transient, other non-200 statuses permanent.
 */
async function send(
  options: HttpOptions,
  path: string,
  query: Record<string, string>,
  body: RequestBody,
): Promise<Response> {
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
    throw networkError(path, error);
  }
  // 5xx, 429 (too many requests) and 408 (request timeout) are worth another try; other statuses are not.
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    await response.body?.cancel().catch(() => {});
    throw new WecomApiError(path, undefined, `HTTP ${response.status}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw new WecomApiError(path, undefined, `HTTP ${response.status}`, 'permanent');
  }
  return response;
}

function networkError(path: string, error: unknown): WecomApiError {
  const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'connection failed';
  return new WecomApiError(
    path,
    undefined,
    `${reason}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Every answer carries errcode; a missing one is a permanent oddity, a non-zero one an error. */
function throwOnErrcode(path: string, json: unknown): void {
  const base = baseReply.safeParse(json);
  if (!base.success) throw new WecomApiError(path, undefined, 'answer has no errcode', 'permanent');
  if (base.data.errcode !== 0) throw new WecomApiError(path, base.data.errcode, base.data.errmsg);
}
