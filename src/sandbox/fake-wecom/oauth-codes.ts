import { randomBytes } from 'node:crypto';
import { wecomError, wecomOk } from './errcodes';
import type { WecomReply } from './fake-types';

/** Who a code stands for: a member of the corp, or a WeChat user outside it. */
export type OAuthIdentity = { kind: 'member'; userId: string } | { kind: 'outsider'; openId: string };

interface IssuedCode {
  identity: OAuthIdentity;
  agentId: string;
  issuedAt: number;
}

/** docs/wecom.md §10: a code is single-use and expires 5 minutes after issue. */
export const OAUTH_CODE_LIFETIME_MS = 5 * 60 * 1000;

/**
 * The web-page OAuth codes of the fake corp (`connect/oauth2/authorize` → `auth/getuserinfo`):
 * issued for an identity, taken once, refused with 40029 when unknown, used or expired.
 */
export class OAuthCodes {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly now: () => Date) {}

  issue(identity: OAuthIdentity, agentId: string): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { identity, agentId, issuedAt: this.now().getTime() });
    return code;
  }

  /** The getuserinfo answer for `code`, consuming it. */
  take(code: string | null, agentId: string): WecomReply {
    // 41008 "missing oauth code" when the parameter is absent or empty.
    if (!code) return wecomError(41008);
    const issued = this.codes.get(code);
    if (!issued) return wecomError(40029);
    this.codes.delete(code);
    if (this.now().getTime() - issued.issuedAt > OAUTH_CODE_LIFETIME_MS) return wecomError(40029);
    // A code is bound to the app whose agentid the authorize URL named.
    if (issued.agentId !== agentId) return wecomError(40029);
    return issued.identity.kind === 'member'
      ? wecomOk({ userid: issued.identity.userId })
      : wecomOk({ openid: issued.identity.openId, external_userid: `wm${issued.identity.openId}` });
  }
}
