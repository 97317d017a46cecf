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
      'Content-Disposition': `attachment; filename="${encodeURIComponent(result.filename)}"`,
    });
    res.end(result.binary);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(result));
}

export function writeText(res: http.ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(text);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
