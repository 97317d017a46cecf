import { randomBytes } from 'node:crypto';
import { wecomError, wecomOk } from './errcodes';
import type { FakeApp, WecomReply } from './fake-types';

interface IssuedToken {
  app: FakeApp;
  expiresAt: number;
  /** Set when the fake invalidated the token early (rotation): the errcode it now answers. */
  revokedWith?: number;
}

export type TokenCheck = { ok: true; app: FakeApp } | { ok: false; reply: WecomReply };

/**
 * Issues and checks access tokens like WeCom (docs/wecom.md §2.1): one token per app, the same one
 * while it is valid, 41001/40014/42001 on use, and early invalidation to exercise refresh paths.
 */
export class TokenRegistry {
  /** Requests to gettoken, valid or not: single-flight refresh is asserted against it. */
  calls = 0;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly current = new Map<string, string>();

  constructor(
    private readonly corpId: string,
    private readonly apps: readonly FakeApp[],
    private lifetimeSeconds: number,
    private readonly expiredErrcode: 40014 | 42001,
    private readonly now: () => Date,
  ) {}

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  /** GET /cgi-bin/gettoken?corpid&corpsecret */
  issue(corpId: string | null, secret: string | null): WecomReply {
    if (corpId !== this.corpId) return wecomError(40013);
    const app = this.apps.find((candidate) => candidate.secret === secret);
    if (!app) return wecomError(40001);
    const nowMs = this.now().getTime();
    const existing = this.current.get(app.agentId);
    const issued = existing === undefined ? undefined : this.tokens.get(existing);
    if (existing && issued && issued.revokedWith === undefined && issued.expiresAt > nowMs) {
      const remaining = Math.max(1, Math.ceil((issued.expiresAt - nowMs) / 1000));
      return wecomOk({ access_token: existing, expires_in: remaining });
    }
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { app, expiresAt: nowMs + this.lifetimeSeconds * 1000 });
    this.current.set(app.agentId, token);
    return wecomOk({ access_token: token, expires_in: this.lifetimeSeconds });
  }

  check(token: string | null): TokenCheck {
    if (!token) return { ok: false, reply: wecomError(41001) };
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, reply: wecomError(40014) };
    if (issued.revokedWith !== undefined) return { ok: false, reply: wecomError(issued.revokedWith) };
    if (issued.expiresAt <= this.now().getTime())
      return { ok: false, reply: wecomError(this.expiredErrcode) };
    return { ok: true, app: issued.app };
  }

  /** Rotation: every token issued so far now answers `errcode`; the next gettoken issues a new one. */
  invalidateAll(errcode: 40014 | 42001 = 40014): void {
    for (const issued of this.tokens.values()) issued.revokedWith ??= errcode;
  }
}
