import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Values the workbench hands the browser and must get back unchanged: `payload.signature`, both
 * base64url, the signature an HMAC-SHA256 over the purpose and the payload, so a session cookie
 * cannot pass for a sign-in state or the other way round. Every value carries its own expiry.
 */
export function signValue(key: Buffer, purpose: string, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, purpose, body)}`;
}

/** The payload if the signature holds, it parses and it has not expired (`exp`, epoch ms). */
export function verifyValue<T extends z.ZodType<{ exp: number }>>(
  key: Buffer,
  purpose: string,
  value: string | undefined,
  schema: T,
  now: Date,
): z.infer<T> | undefined {
  if (!value || value.length > 4096) return undefined;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(key, purpose, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= now.getTime()) return undefined;
  return parsed.data;
}

/** Equal strings, compared in constant time (CSRF tokens, OAuth state). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function mac(key: Buffer, purpose: string, body: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${body}`).digest('base64url');
}

export const sessionSchema = z.object({
  /** The WeCom userid the session belongs to. */
  u: z.string().min(1).max(64),
  /** The CSRF token every state-changing request of this session must carry. */
  csrf: z.string().min(16).max(64),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export const signInStateSchema = z.object({
  /** The OAuth `state` sent to WeCom, which must come back with the code. */
  s: z.string().regex(/^[A-Za-z0-9]{16,128}$/),
  exp: z.number().int(),
});
