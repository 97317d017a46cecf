import { type FakeWecomOptions, FakeWecomServer } from '../../../src/sandbox/fake-wecom';

export const CORP = { corpId: 'wwfake0000000001', secret: 'fake-secret-0001', agentId: '1000002' };

/** A settable clock: every expiry in the fake reads it. */
export class TestClock {
  private ms = Date.parse('2025-03-01T09:00:00Z');
  readonly now = () => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

type Json = Record<string, unknown>;

/** The fake on 127.0.0.1:0 with an injected clock, and small fetch helpers that speak its API. */
export async function startFake(options: Partial<FakeWecomOptions> = {}) {
  const clock = new TestClock();
  const fake = new FakeWecomServer({ ...CORP, now: clock.now, ...options });
  const url = await fake.listen(0);

  async function getJson(path: string, query: Record<string, string> = {}): Promise<Json> {
    const res = await fetch(`${url}${path}?${new URLSearchParams(query)}`);
    return (await res.json()) as Json;
  }

  async function token(secret = CORP.secret): Promise<string> {
    const reply = await getJson('/cgi-bin/gettoken', { corpid: CORP.corpId, corpsecret: secret });
    if (typeof reply.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(reply)}`);
    return reply.access_token;
  }

  /** POSTs JSON with a valid token (or the one given) and answers the parsed reply. */
  async function post(path: string, body: unknown, accessToken?: string): Promise<Json> {
    const query = new URLSearchParams({ access_token: accessToken ?? (await token()) });
    const res = await fetch(`${url}${path}?${query}`, { method: 'POST', body: JSON.stringify(body) });
    return (await res.json()) as Json;
  }

  return { fake, url, clock, getJson, token, post };
}

export type Fixture = Awaited<ReturnType<typeof startFake>>;

/** A message/send body of text to `touser`. */
export const textTo = (touser: string, content = '你好') => ({
  touser,
  msgtype: 'text',
  agentid: Number(CORP.agentId),
  text: { content },
});
