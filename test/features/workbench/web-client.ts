import type { TestService } from '../../support/test-service';

/** A tiny browser for route tests: keeps cookies, never follows redirects by itself. */
export class WebClient {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(private readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' });
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  async send(path: string, init: RequestInit): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) },
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The CSRF token of the page (every form carries it). */
  static csrfOf(html: string): string {
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }
}

/**
 * Signs in through the real flow: /workbench/login → the fake WeCom's authorize page (told who is
 * looking, as the WeCom client would know) → the callback with code and state → session cookie.
 * Answers the callback's response.
 */
export async function signIn(
  svc: TestService,
  client: WebClient,
  who: { userId: string } | { openId: string },
): Promise<Response> {
  const login = await client.get('/workbench/login');
  const authorize = new URL(login.headers.get('location')!.replace(/#wechat_redirect$/, ''));
  if ('userId' in who) authorize.searchParams.set('fake_userid', who.userId);
  else authorize.searchParams.set('fake_openid', who.openId);
  const back = await fetch(authorize, { redirect: 'manual' });
  const callback = back.headers.get('location')!;
  return client.get(callback.replace(svc.url, ''));
}
