import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { findStaff } from '../../core/staff/staff-directory';
import { WecomApiError } from '../../core/wecom/api/api-error';
import { oauthCode } from '../../core/wecom/api/oauth-schemas';
import { clearCookie, readForm, sendHtml, setCookie } from './http-helpers';
import { homeOf } from './page-frame';
import { sameSecret, signInStateSchema, signValue, verifyValue } from './signed-cookie';
import type { WorkbenchDeps } from './workbench-deps';
import { csrfHolds, endSession, secureCookies, signedIn, startSession } from './workbench-session';
import { SIGN_IN_LIFETIME_MS } from './workbench-settings';

const SIGN_IN_COOKIE = 'wb_signin';
const CALLBACK_PATH = '/workbench/oauth/callback';
const ALNUM = /^[A-Za-z0-9]+$/;

/**
 * Sign-in by WeCom identity (docs/wecom.md §10): `/workbench/login` sends the browser to WeCom's
 * OAuth2 (snsapi_base) with a fresh `state` kept in a signed cookie; the callback checks the
 * state, exchanges the single-use code through auth/getuserinfo and opens a session for active
 * staff only. Residents, visitors outside the corp and unknown users get a polite page.
 */
export function signInRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (who) return ctx.redirect(homeOf(who.staff));
    const demo = deps.config.sandboxStaff;
    if (!demo) return ctx.redirect('/workbench/login');
    const labels = deps.templates.phrases('workbench.labels');
    sendHtml(
      ctx,
      deps.pages.render('sign-in', {
        staff: demo.map((s) => ({
          ...s,
          role: labels[`role.${s.role}`] ?? s.role,
          href: `/workbench/login?as=${encodeURIComponent(s.userId)}`,
        })),
      }),
    );
  });

  router.get('/workbench/login', (ctx) => {
    const state = randomBytes(24).toString('hex');
    setCookie(
      ctx,
      SIGN_IN_COOKIE,
      signValue(deps.config.sessionKey, 'sign-in', {
        s: state,
        exp: deps.now().getTime() + SIGN_IN_LIFETIME_MS,
      }),
      { maxAgeSeconds: SIGN_IN_LIFETIME_MS / 1000, secure: secureCookies(ctx, deps) },
    );
    ctx.redirect(authorizeUrl(ctx, deps, state));
  });

  router.get(CALLBACK_PATH, async (ctx) => {
    const expected = verifyValue(
      deps.config.sessionKey,
      'sign-in',
      ctx.cookies.get(SIGN_IN_COOKIE),
      signInStateSchema,
      deps.now(),
    );
    clearCookie(ctx, SIGN_IN_COOKIE, secureCookies(ctx, deps));
    const state = String(ctx.query.state ?? '');
    const code = oauthCode.safeParse(ctx.query.code);
    if (!expected || !ALNUM.test(state) || !sameSecret(state, expected.s) || !code.success) {
      return refuse(ctx, deps, 'sign-in-again', 400, 'oauth_state');
    }
    let visitor: Awaited<ReturnType<WorkbenchDeps['identify']>>;
    try {
      visitor = await deps.identify(code.data);
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === 40029) {
        return refuse(ctx, deps, 'sign-in-again', 400, 'oauth_code');
      }
      ctx.state.log?.warn({ err: error }, 'workbench sign-in: getuserinfo failed');
      return refuse(ctx, deps, 'wecom-unavailable', 502, 'oauth_unavailable');
    }
    if (visitor.kind === 'outsider') return refuse(ctx, deps, 'not-staff', 403, 'not_member');
    const staff = await findStaff(deps.db, visitor.userId);
    if (!staff) return refuse(ctx, deps, 'not-staff', 403, 'not_staff');
    startSession(ctx, deps, staff.userId);
    ctx.state.outcome = 'signed_in';
    ctx.status = 303;
    ctx.redirect(homeOf(staff));
  });

  router.post('/workbench/logout', async (ctx) => {
    const who = await signedIn(ctx, deps);
    const form = await readForm(ctx);
    if (who && !csrfHolds(who, form)) return refuse(ctx, deps, 'csrf', 403, 'csrf');
    endSession(ctx, deps);
    sendHtml(ctx, deps.pages.render('notice', { kind: 'signed-out' }));
  });
}

/** A page saying, politely, why there is nothing here; `outcome` goes to the access log. */
export function refuse(
  ctx: Context,
  deps: WorkbenchDeps,
  kind: string,
  status: number,
  outcome: string,
): void {
  ctx.state.outcome = outcome;
  sendHtml(ctx, deps.pages.render('notice', { kind }), status);
}

/** WeCom's authorize URL, parameters in the documented order, `#wechat_redirect` last. */
function authorizeUrl(ctx: Context, deps: WorkbenchDeps, state: string): string {
  const { config } = deps;
  const root = config.publicUrl ?? `${ctx.protocol}://${ctx.host}`;
  const params = new URLSearchParams({
    appid: config.corpId,
    redirect_uri: `${root}${CALLBACK_PATH}`,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
    agentid: config.agentId,
  });
  // Sandbox sign-in page: tell the fake WeCom who is looking (real WeCom knows).
  const as = String(ctx.query.as ?? '');
  if (config.sandboxStaff?.some((s) => s.userId === as)) params.set('fake_userid', as);
  return `${config.oauthBase}/connect/oauth2/authorize?${params}#wechat_redirect`;
}
