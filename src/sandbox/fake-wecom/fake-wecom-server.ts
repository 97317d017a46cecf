import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appchatRoutes } from './appchat-routes';
import { wecomError } from './errcodes';
import { FakeCallbackDriver } from './fake-callback-driver';
import { FakeState } from './fake-state';
import type { FakeWecomOptions, RecordedCall, RecordedCardUpdate, RecordedSend } from './fake-types';
import { FaultInjector } from './fault-injector';
import { writeResult } from './http-io';
import { FakeKfConsole } from './kf-console';
import { kfRoutes } from './kf-routes';
import { mediaRoutes } from './media-routes';
import type { MediaType } from './media-store';
import { messageRoutes } from './message-routes';
import { OAuthCodes, type OAuthIdentity } from './oauth-codes';
import { AUTHORIZE_PATH, handleAuthorize, oauthRoutes } from './oauth-routes';
import { createRequestHandler } from './request-handler';
import { sandboxRoutes } from './sandbox-routes';
import { tokenRoutes } from './token-routes';

/**
 * A loopback stand-in for the WeCom API (docs/wecom.md §8) so the product, its tests and the sandbox
 * run without a WeCom account: real JSON shapes and errcodes, expiries on an injectable clock,
 * WeCom's limits (silent per-member drops, 5 KF messages per 48 h), fault switches for retry
 * tests, a record of everything sent, and signed, encrypted callbacks to the product.
 */
export class FakeWecomServer {
  /** 微信客服 helpers: queue resident messages and events, hand out Tokens and codes. */
  readonly kf: FakeKfConsole;
  /** Delivers signed, encrypted callbacks (text, card clicks, kf_msg_or_event) to the product. */
  readonly callbacks: FakeCallbackDriver;
  /** Web-page OAuth codes (connect/oauth2/authorize → auth/getuserinfo). */
  readonly oauth: OAuthCodes;
  private readonly state: FakeState;
  private readonly faults = new FaultInjector();
  private server: http.Server | undefined;
  private port: number | undefined;

  constructor(options: FakeWecomOptions) {
    this.state = new FakeState(options);
    this.kf = new FakeKfConsole(this.state);
    this.callbacks = new FakeCallbackDriver(this.state, options.callback);
    this.oauth = new OAuthCodes(this.state.now);
  }

  /** Listens on 127.0.0.1 (`port` 0 picks a free one) and answers the base URL. */
  async listen(port = 0): Promise<string> {
    const handle = createRequestHandler(
      this.state,
      this.faults,
      [
        ...[tokenRoutes, messageRoutes, mediaRoutes, appchatRoutes, kfRoutes].flatMap((routes) =>
          routes(this.state),
        ),
        ...oauthRoutes(this.oauth),
      ],
      sandboxRoutes(this.state),
    );
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method === 'GET' && url.pathname === AUTHORIZE_PATH) {
        handleAuthorize(this.state, this.oauth, url, res);
        return;
      }
      handle(req, res).catch(() => {
        if (!res.headersSent) writeResult(res, wecomError(-1));
      });
    });
    server.on('connection', (socket) => {
      if (this.faults.isDown) socket.destroy();
    });
    this.server = server;
    await listenOn(server, port);
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    if (this.port === undefined) throw new Error('fake WeCom: not listening');
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every accepted send (message/send, appchat/send, kf/send_msg, kf/send_msg_on_event), in order. */
  get sent(): RecordedSend[] {
    return this.state.sent;
  }

  /** What `userId` actually received through message/send (dropped copies excluded). */
  sentTo(userId: string): RecordedSend[] {
    const id = userId.toLowerCase();
    const has = (ids: string[]) => ids.some((candidate) => candidate.toLowerCase() === id);
    return this.state.sent.filter((send) => has(send.recipients) && !has(send.droppedFor));
  }

  get cardUpdates(): RecordedCardUpdate[] {
    return this.state.cardUpdates;
  }

  /** Every API request received (not /sandbox/*), with its outcome. */
  get calls(): RecordedCall[] {
    return this.state.calls;
  }

  /** Requests to gettoken received, successful or not. */
  get gettokenCount(): number {
    return this.state.tokens.calls;
  }

  /** Token rotation: all tokens issued so far answer `errcode` (40014 or 42001) from now on. */
  invalidateTokens(errcode: 40014 | 42001 = 40014): void {
    this.state.tokens.invalidateAll(errcode);
  }

  /** Lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void {
    this.state.tokens.setLifetime(seconds);
  }

  /** Replaces the directory; undefined makes every id a member again. */
  setMembers(ids: readonly string[] | undefined): void {
    this.state.setMembers(ids);
  }

  /** The next `times` calls to `path` (or `*`) answer `errcode`; `extra` is merged into the JSON. */
  failNext(path: string, errcode: number, times = 1, extra?: Record<string, unknown>): void {
    this.faults.scriptErrcode(path, errcode, times, extra);
  }

  /** The next `times` calls to `path` answer HTTP `status` with an HTML body (e.g. 500, 502). */
  httpErrorNext(path: string, status: number, times = 1): void {
    this.faults.script(path, { kind: 'http', status }, times);
  }

  /** The next `times` calls to `path` answer truncated JSON (the request is not processed). */
  malformedNext(path: string, times = 1): void {
    this.faults.script(path, { kind: 'malformed' }, times);
  }

  /** The next `times` calls to `path` get their connection destroyed without an answer. */
  resetNext(path: string, times = 1): void {
    this.faults.script(path, { kind: 'reset' }, times);
  }

  /** Delays every answer on `path` (or `*`) by `ms` of real time; 0 removes the delay. */
  latency(path: string, ms: number): void {
    this.faults.setLatency(path, ms);
  }

  /** More than `perMinute` API calls in 60 s (fake clock) answer 45009; undefined lifts it. */
  rateLimit(perMinute: number | undefined): void {
    this.faults.setRateLimit(perMinute);
  }

  /**
   * Outage. `reset` (default) destroys every connection and request; `refuse` also stops
   * listening, so connects fail with ECONNREFUSED until `down(false)` listens again on the same port.
   */
  async down(on: boolean, mode: 'reset' | 'refuse' = 'reset'): Promise<void> {
    const server = this.server;
    this.faults.isDown = on && mode === 'reset';
    if (!server) return;
    if (on) server.closeAllConnections();
    if (on && mode === 'refuse' && server.listening) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (!on && !server.listening && this.port !== undefined) await listenOn(server, this.port);
  }

  /** Removes every scripted fault, latency, rate limit and outage flag. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** appchat/create without HTTP; answers the chatid. */
  createChat(chat: {
    userlist: string[];
    chatid?: string;
    name?: string;
    owner?: string;
    agentId?: string;
  }): string {
    const reply = this.state.chats.create(chat.agentId ?? this.state.primaryApp.agentId, chat);
    if (reply.errcode !== 0 || typeof reply.chatid !== 'string')
      throw new Error(`createChat: ${reply.errmsg}`);
    return reply.chatid;
  }

  /** Stores media as if uploaded (e.g. an image a member sent); answers the media_id. */
  addMedia(media: { type: MediaType; filename: string; data: Buffer; contentType?: string }): string {
    return this.state.media.add(media).mediaId;
  }

  /** Mints the OAuth code WeCom would hand a page opened by `identity` in the primary app. */
  issueOAuthCode(identity: OAuthIdentity): string {
    return this.oauth.issue(identity, this.state.primaryApp.agentId);
  }

  /** Mints the response code a click on the card sent with `taskId` would carry. */
  issueResponseCode(taskId: string): string {
    const task = this.state.cards.findTask(taskId);
    return this.state.cards.issueResponseCode(task?.agentId ?? this.state.primaryApp.agentId, taskId);
  }
}

function listenOn(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
