import type http from 'node:http';
import type { Route } from './api-route';
import type { FakeState } from './fake-state';
import { writeText } from './http-io';
import type { OAuthCodes, OAuthIdentity } from './oauth-codes';

export const AUTHORIZE_PATH = '/connect/oauth2/authorize';

/** GET /cgi-bin/auth/getuserinfo?access_token&code (docs/wecom.md §10). */
export function oauthRoutes(codes: OAuthCodes): Route[] {
  return [
    {
      method: 'GET',
      path: '/cgi-bin/auth/getuserinfo',
      auth: true,
      handle: (req) => codes.take(req.url.searchParams.get('code'), req.app.agentId),
    },
  ];
}

/**
 * The browser side of WeCom's OAuth (`open.weixin.qq.com/connect/oauth2/authorize`): checks the
 * parameters as WeCom does, then sends the browser back to `redirect_uri?code=…&state=…`. Real WeCom
 * knows who is looking; the fake is told, either by `fake_userid` (sandbox sign-in links) or by
 * `fake_openid` (a visitor from outside the corp), or else asks with a small form.
 */
export function handleAuthorize(
  state: FakeState,
  codes: OAuthCodes,
  url: URL,
  res: http.ServerResponse,
): void {
  const q = url.searchParams;
  const redirect = parseRedirect(q.get('redirect_uri'));
  const agentId = q.get('agentid') ?? '';
  const problem =
    q.get('appid') !== state.corpId
      ? 'appid is not the CorpID of this corp'
      : q.get('response_type') !== 'code'
        ? 'response_type must be code'
        : !['snsapi_base', 'snsapi_privateinfo'].includes(q.get('scope') ?? '')
          ? 'scope must be snsapi_base or snsapi_privateinfo'
          : !redirect
            ? 'redirect_uri must be an absolute http(s) URL'
            : !state.apps.some((app) => app.agentId === agentId)
              ? 'agentid is not an app of this corp'
              : !/^[A-Za-z0-9]{0,128}$/.test(q.get('state') ?? '')
                ? 'state must be at most 128 letters or digits'
                : undefined;
  if (problem || !redirect) {
    writeText(res, 400, page('OAuth error', `<p>${escapeHtml(problem ?? '')}</p>`), HTML);
    return;
  }
  const identity = identityOf(state, q);
  if (!identity) {
    writeText(res, 200, chooser(url), HTML);
    return;
  }
  redirect.searchParams.set('code', codes.issue(identity, agentId));
  redirect.searchParams.set('state', q.get('state') ?? '');
  res.writeHead(302, { Location: redirect.toString() });
  res.end();
}

const HTML = 'text/html; charset=utf-8';

function identityOf(state: FakeState, q: URLSearchParams): OAuthIdentity | undefined {
  const userId = q.get('fake_userid')?.trim();
  const openId = q.get('fake_openid')?.trim();
  if (userId) {
    // A member outside the fake's directory is, to WeCom, not a member of the corp at all.
    return state.isMember(userId) ? { kind: 'member', userId } : { kind: 'outsider', openId: `o${userId}` };
  }
  if (openId) return { kind: 'outsider', openId };
  return undefined;
}

function parseRedirect(value: string | null): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** "Who is looking?": the fake stands in for the WeCom client, which would know. */
function chooser(url: URL): string {
  const hidden = [...url.searchParams]
    .filter(([name]) => !name.startsWith('fake_'))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    'Fake WeCom sign-in',
    `<form method="get" action="${AUTHORIZE_PATH}">${hidden}
<p><label>WeCom userid <input name="fake_userid" id="fake_userid" autocomplete="off"></label>
<button type="submit" id="sign-in">Continue as member</button></p></form>
<form method="get" action="${AUTHORIZE_PATH}">${hidden}
<p><input type="hidden" name="fake_openid" value="oOutsider0001">
<button type="submit" id="outsider">Continue as a WeChat user outside the corp</button></p></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
