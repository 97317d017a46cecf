import type http from 'node:http';
import { type ApiResult, isBinaryReply } from './api-route';

/**
 * Reads the whole body; past `limit` bytes it keeps draining (so the client sees an answer,
 * not a reset) but returns undefined.
 */
export async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size <= limit ? Buffer.concat(chunks) : undefined;
}

/** JSON answers like WeCom's (HTTP 200 unless told otherwise); media as bytes with a filename. */
export function writeResult(res: http.ServerResponse, result: ApiResult, status = 200): void {
  if (isBinaryReply(result)) {
    res.writeHead(200, {
      'Content-Type': result.contentType,
      'Content-Length': result.binary.length,
      'Content-disposition': contentDisposition(result.filename),
    });
    res.end(result.binary);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(result));
}

/**
 * The disposition of media/get: `attachment; filename="a.jpg"` for ASCII names, as the docs show.
 * For other names real WeCom sends RFC 5987 `filename*=utf-8''<percent-encoded>` plus the raw
 * UTF-8 bytes in `filename="…"` (WxJava issues 3146 and 3348). Node's http cannot send raw
 * non-ASCII header bytes reliably (it throws or garbles the body depending on the header order),
 * so the fake's plain `filename` is the percent-encoded name instead; clients read `filename*`.
 */
export function contentDisposition(filename: string): string {
  const name = filename.replace(/[\r\n"\\]/g, '_');
  if (/^[\x20-\x7e]*$/.test(name)) return `attachment; filename="${name}"`;
  // RFC 5987 attr-chars exclude ' ( ) *, which encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=utf-8''${encoded}; filename="${encoded}"`;
}

export function writeText(res: http.ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(text);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
