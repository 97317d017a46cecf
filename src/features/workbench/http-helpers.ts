import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { PAGE_BUDGET_BYTES } from './page-renderer';

/** Forms of the workbench are a few short fields; anything larger is not one of ours. */
const MAX_FORM_BYTES = 8 * 1024;

/**
 * Headers of every workbench answer: nothing cached (case data), no referrer (case numbers in
 * URLs), no framing, no script at all, and only our own images, styles inline.
 */
export function pageHeaders(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set(
    'Content-Security-Policy',
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
}

export function sendHtml(ctx: Context, html: string, status = 200): void {
  pageHeaders(ctx);
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = html;
  if (Buffer.byteLength(html) > PAGE_BUDGET_BYTES)
    ctx.state.log?.warn({ path: ctx.path }, 'page over budget');
}

/** A url-encoded form body (the only kind our pages send); undefined when it is anything else. */
export async function readForm(ctx: Context): Promise<URLSearchParams | undefined> {
  if (!ctx.is('application/x-www-form-urlencoded')) return undefined;
  try {
    const text = await getRawBody(ctx.req, { limit: MAX_FORM_BYTES, encoding: 'utf8' });
    return new URLSearchParams(text);
  } catch {
    return undefined;
  }
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

/** Sets an HttpOnly, SameSite=Lax cookie scoped to the workbench. */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions): void {
  const parts = [
    `${name}=${value}`,
    'Path=/workbench',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ];
  ctx.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(ctx: Context, name: string, secure: boolean): void {
  setCookie(ctx, name, '', { maxAgeSeconds: 0, secure });
}
