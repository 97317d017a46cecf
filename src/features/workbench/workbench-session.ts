import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { findStaff, type StaffMember } from '../../core/staff/staff-directory';
import { clearCookie, setCookie } from './http-helpers';
import { type Session, sameSecret, sessionSchema, signValue, verifyValue } from './signed-cookie';
import type { WorkbenchDeps } from './workbench-deps';
import { SESSION_LIFETIME_MS } from './workbench-settings';

export const SESSION_COOKIE = 'wb_session';
const PURPOSE = 'session';

/** Whether cookies should be Secure: the request came over TLS, or the public root is https. */
export function secureCookies(ctx: Context, deps: WorkbenchDeps): boolean {
  return ctx.secure || (deps.config.publicUrl?.startsWith('https://') ?? false);
}

/** Starts a session for a staff member: a signed, expiring cookie with its own CSRF token. */
export function startSession(ctx: Context, deps: WorkbenchDeps, userId: string): void {
  const now = deps.now().getTime();
  const session: Session = {
    u: userId,
    csrf: randomBytes(18).toString('base64url'),
    iat: now,
    exp: now + SESSION_LIFETIME_MS,
  };
  setCookie(ctx, SESSION_COOKIE, signValue(deps.config.sessionKey, PURPOSE, session), {
    maxAgeSeconds: SESSION_LIFETIME_MS / 1000,
    secure: secureCookies(ctx, deps),
  });
}

export function endSession(ctx: Context, deps: WorkbenchDeps): void {
  clearCookie(ctx, SESSION_COOKIE, secureCookies(ctx, deps));
}

export interface SignedIn {
  session: Session;
  staff: StaffMember;
}

/**
 * The staff member behind the request's session: the cookie must verify and be unexpired, and the
 * user must still be active staff (someone removed with `npm run admin -- staff remove` loses the
 * workbench at their next click, not when the cookie runs out).
 */
export async function signedIn(ctx: Context, deps: WorkbenchDeps): Promise<SignedIn | undefined> {
  const session = verifyValue(
    deps.config.sessionKey,
    PURPOSE,
    ctx.cookies.get(SESSION_COOKIE),
    sessionSchema,
    deps.now(),
  );
  if (!session) return undefined;
  const staff = await findStaff(deps.db, session.u);
  return staff ? { session, staff } : undefined;
}

/** A state-changing request must carry the session's CSRF token in its form. */
export function csrfHolds(who: SignedIn, form: URLSearchParams | undefined): boolean {
  return sameSecret(form?.get('_csrf') ?? '', who.session.csrf);
}
