import type { Route } from './api-route';
import type { FakeState } from './fake-state';

/** GET /cgi-bin/gettoken (docs/wecom.md §2.1); the only endpoint without an access_token. */
export function tokenRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'GET',
      path: '/cgi-bin/gettoken',
      auth: false,
      handle: (req) =>
        state.tokens.issue(req.url.searchParams.get('corpid'), req.url.searchParams.get('corpsecret')),
    },
  ];
}
