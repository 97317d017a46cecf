import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the product sent, as the fake received it. */
export interface RecordedSend {
  path: string;
  body: unknown;
  at: Date;
}

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: string;
  /** Token lifetime in seconds (WeCom: 7200). */
  tokenLifetimeSeconds?: number;
  now?: () => Date;
}

/**
 * A loopback stand-in for the WeCom API with the real JSON shapes and errcodes: gettoken
 * (40013/40001), token checks (41001/40014/42001) and message/send. The WeCom-client issue
 * extends it to every endpoint the product uses.
 */
export class FakeWecomServer {
  readonly sent: RecordedSend[] = [];
  private readonly tokens = new Map<string, number>();
  private server: http.Server | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: FakeWecomOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async listen(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => json(res, { errcode: -1, errmsg: 'system busy' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/cgi-bin/gettoken') return this.getToken(url, res);
    if (url.pathname === '/sandbox/sent') return this.sentFeed(url, res);
    const tokenError = this.checkToken(url.searchParams.get('access_token'));
    if (tokenError) return json(res, tokenError);
    if (url.pathname === '/cgi-bin/message/send' && req.method === 'POST') {
      const body: unknown = JSON.parse(await readAll(req));
      this.sent.push({ path: url.pathname, body, at: this.now() });
      return json(res, { errcode: 0, errmsg: 'ok', msgid: randomBytes(12).toString('base64url') });
    }
    json(res, { errcode: 404, errmsg: `fake WeCom: ${url.pathname} not emulated` });
  }

  /** Not a WeCom endpoint: lets `npm run chat` show what the product sent (`?after=N`). */
  private sentFeed(url: URL, res: http.ServerResponse): void {
    const after = Number(url.searchParams.get('after') ?? 0) || 0;
    json(res, { next: this.sent.length, sent: this.sent.slice(after) });
  }

  private getToken(url: URL, res: http.ServerResponse): void {
    if (url.searchParams.get('corpid') !== this.options.corpId) {
      json(res, { errcode: 40013, errmsg: 'invalid corpid' });
      return;
    }
    if (url.searchParams.get('corpsecret') !== this.options.secret) {
      json(res, { errcode: 40001, errmsg: 'invalid credential' });
      return;
    }
    const lifetime = this.options.tokenLifetimeSeconds ?? 7200;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, this.now().getTime() + lifetime * 1000);
    json(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: lifetime });
  }

  private checkToken(token: string | null): { errcode: number; errmsg: string } | undefined {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (expiresAt <= this.now().getTime()) return { errcode: 42001, errmsg: 'access_token expired' };
    return undefined;
  }
}

function json(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readAll(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
