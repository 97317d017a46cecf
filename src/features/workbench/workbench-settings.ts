import { hkdfSync } from 'node:crypto';

/** The official web-login host of WeCom (docs/wecom.md §10). */
export const OFFICIAL_OAUTH_BASE = 'https://open.weixin.qq.com';
const OFFICIAL_API_BASE = 'https://qyapi.weixin.qq.com';

/** How long a workbench session lasts: a working day. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** How long a sign-in may take between the redirect to WeCom and the way back. */
export const SIGN_IN_LIFETIME_MS = 10 * 60 * 1000;

export interface WorkbenchConfig {
  corpId: string;
  agentId: string;
  /** Where the browser is sent to sign in (WeCom's web-login host, or the fake). */
  oauthBase: string;
  /** The public root of the service as WeCom reaches it; undefined: the request's own origin. */
  publicUrl: string | undefined;
  /** HMAC key of session cookies and sign-in states. */
  sessionKey: Buffer;
  /** Sandbox mode: the demo staff listed on the sign-in page, told to the fake WeCom by id. */
  sandboxStaff: readonly { userId: string; name: string; role: string }[] | undefined;
}

/**
 * The workbench's settings with their fallbacks: the session key is WORKBENCH_SESSION_SECRET, else
 * derived from the PII key (HKDF, its own label), so sandbox mode and several instances agree on it
 * without another secret; the web-login host is WeCom's own unless the API is the fake, which
 * serves both.
 */
export function workbenchConfig(input: {
  corpId: string;
  agentId: string;
  apiBase: string;
  piiKey: Buffer;
  oauthBase?: string | undefined;
  publicUrl?: string | undefined;
  sessionSecret?: string | undefined;
  sandboxStaff?: WorkbenchConfig['sandboxStaff'];
}): WorkbenchConfig {
  const apiBase = input.apiBase.replace(/\/+$/, '');
  const sessionKey = input.sessionSecret
    ? Buffer.from(input.sessionSecret, 'utf8')
    : Buffer.from(hkdfSync('sha256', input.piiKey, Buffer.alloc(0), 'shulan workbench session v1', 32));
  return {
    corpId: input.corpId,
    agentId: input.agentId,
    oauthBase: (input.oauthBase ?? (apiBase === OFFICIAL_API_BASE ? OFFICIAL_OAUTH_BASE : apiBase)).replace(
      /\/+$/,
      '',
    ),
    publicUrl: input.publicUrl?.replace(/\/+$/, ''),
    sessionKey,
    sandboxStaff: input.sandboxStaff,
  };
}
