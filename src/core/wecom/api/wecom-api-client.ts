import type { z } from 'zod';
import type { Clock } from '../../clock/clock';
import type { Db } from '../../db/database';
import type { Logger } from '../../log/logger';
import { AccessTokenCache } from './access-token-cache';
import { WecomApiError } from './api-error';
import {
  type AppMessage,
  type KfMessageBody,
  kfSendReply,
  kfSyncReply,
  mediaId,
  type SendReply,
  sendReply,
  type TemplateCard,
  templateCard,
  tokenReply,
  updateCardReply,
  uploadReply,
} from './api-schemas';
import { type OAuthVisitor, userInfoReply, visitorOf } from './oauth-schemas';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-policy';
import { type Download, type RequestBody, wecomDownload, wecomRequest } from './wecom-http';

export interface WecomApiClientOptions {
  baseUrl: string;
  corpId: string;
  agentId: string;
  secret: string;
  db: Db;
  log: Logger;
  now: Clock;
  /** Share the token refresh across instances (PostgreSQL); see AccessTokenCache. */
  lockAcrossInstances?: boolean;
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * The typed WeCom server-API client (docs/wecom.md §2–3). Every call: a cached access token, one
 * replay after a token error, retries with jittered backoff for transient failures, and typed
 * errors naming the errcode and its meaning for the rest. Requests and answers go through zod.
 */
export class WecomApiClient {
  private readonly tokens: AccessTokenCache;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly http: { baseUrl: string; timeoutMs: number };

  constructor(private readonly options: WecomApiClientOptions) {
    this.http = { baseUrl: options.baseUrl.replace(/\/+$/, ''), timeoutMs: options.timeoutMs ?? 10_000 };
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.tokens = new AccessTokenCache(
      options.db,
      `${options.corpId}:${options.agentId}`,
      () => this.fetchToken(),
      options.now,
      options.lockAcrossInstances ?? false,
    );
  }

  get agentId(): number {
    return Number(this.options.agentId);
  }

  /** message/send to users (`touser` ids joined by `|`). Partial failures come back in `invaliduser`. */
  sendMessage(touser: string[], message: AppMessage): Promise<SendReply> {
    if (message.msgtype === 'template_card') templateCard.parse(message.template_card);
    return this.call(
      '/cgi-bin/message/send',
      { json: { touser: touser.join('|'), agentid: this.agentId, ...message } },
      sendReply,
    );
  }

  /** Replaces a card for the users who clicked it (`response_code` is single-use). */
  updateTemplateCard(
    userids: string[],
    responseCode: string,
    update: { button: { replace_name: string } } | { template_card: TemplateCard },
  ) {
    return this.call(
      '/cgi-bin/message/update_template_card',
      { json: { userids, agentid: this.agentId, response_code: responseCode, ...update } },
      updateCardReply,
    );
  }

  /** media/upload of a file (multipart part `media`); the media_id is valid for 3 days. */
  uploadMedia(
    type: 'file' | 'image' | 'voice' | 'video',
    filename: string,
    bytes: Uint8Array,
    contentType: string,
  ) {
    const form = () => {
      const data = new FormData();
      data.append('media', new Blob([bytes], { type: contentType }), filename);
      return data;
    };
    return this.call('/cgi-bin/media/upload', () => ({ form: form() }), uploadReply, { type });
  }

  /**
   * media/get: the bytes of a temporary media file (a resident's photo or file), with its
   * Content-Type and file name. The media_id lives 3 days, so callers fetch at once. A JSON error
   * answer (40007 unknown or expired id, …) and a body over 20 MB raise `WecomApiError`.
   */
  async getMedia(mediaIdValue: string): Promise<Download> {
    const path = '/cgi-bin/media/get';
    const id = mediaId.safeParse(mediaIdValue);
    // No request could succeed with it, so it fails like WeCom's own 40007 would: permanently.
    if (!id.success) throw new WecomApiError(path, undefined, 'media_id is empty or too long', 'permanent');
    return this.authorized(path, (token) =>
      wecomDownload(this.http, path, { access_token: token, media_id: id.data }),
    );
  }

  /**
   * auth/getuserinfo: who a web page's OAuth `code` belongs to (docs/wecom.md §10). The code is
   * single-use and lives 5 minutes; a bad, used or expired one raises 40029 (not retried).
   */
  async getUserInfo(code: string): Promise<OAuthVisitor> {
    return visitorOf(await this.call('/cgi-bin/auth/getuserinfo', undefined, userInfoReply, { code }));
  }

  /** appchat/send to a group chat the app created. */
  sendToAppChat(chatid: string, message: Exclude<AppMessage, { msgtype: 'template_card' }>) {
    return this.call('/cgi-bin/appchat/send', { json: { chatid, safe: 0, ...message } }, sendReply);
  }

  /** kf/sync_msg: one page of 微信客服 messages after `cursor`, using the callback's Token. */
  kfSyncMsg(request: { openKfId: string; cursor?: string; token?: string; limit?: number }) {
    return this.call(
      '/cgi-bin/kf/sync_msg',
      {
        json: {
          open_kfid: request.openKfId,
          cursor: request.cursor || undefined,
          token: request.token || undefined,
          limit: request.limit ?? 1000,
        },
      },
      kfSyncReply,
    );
  }

  /** kf/send_msg; `msgid` is our idempotency key (unique per account). */
  kfSendMsg(request: { openKfId: string; externalUserId: string; msgid: string; message: KfMessageBody }) {
    return this.call(
      '/cgi-bin/kf/send_msg',
      {
        json: {
          touser: request.externalUserId,
          open_kfid: request.openKfId,
          msgid: request.msgid,
          ...request.message,
        },
      },
      kfSendReply,
    );
  }

  /** kf/send_msg_on_event: the welcome message with an enter_session welcome_code (valid 20 s). */
  kfSendMsgOnEvent(request: { code: string; msgid: string; message: KfMessageBody }) {
    return this.call(
      '/cgi-bin/kf/send_msg_on_event',
      { json: { code: request.code, msgid: request.msgid, ...request.message } },
      kfSendReply,
    );
  }

  private async fetchToken(): Promise<{ token: string; expiresInSeconds: number }> {
    const reply = await this.withRetries('/cgi-bin/gettoken', () =>
      wecomRequest(
        this.http,
        '/cgi-bin/gettoken',
        { corpid: this.options.corpId, corpsecret: this.options.secret },
        undefined,
        tokenReply,
      ),
    );
    return { token: reply.access_token, expiresInSeconds: reply.expires_in };
  }

  private call<T extends z.ZodType>(
    path: string,
    body: RequestBody | (() => RequestBody),
    schema: T,
    query: Record<string, string> = {},
  ): Promise<z.infer<T>> {
    const makeBody = typeof body === 'function' ? body : () => body;
    return this.authorized(path, (token) =>
      wecomRequest(this.http, path, { ...query, access_token: token }, makeBody(), schema),
    );
  }

  /** One request with the cached token, replayed once after a token error, inside the retries. */
  private authorized<T>(path: string, request: (token: string) => Promise<T>): Promise<T> {
    return this.withRetries(path, async () => {
      const token = await this.tokens.get();
      try {
        return await request(token);
      } catch (error) {
        if (!(error instanceof WecomApiError) || error.kind !== 'token') throw error;
        // Expired or revoked early: drop it and replay once with a fresh one.
        this.options.log.info({ path, errcode: error.errcode }, 'access token refused; refreshing once');
        await this.tokens.invalidate(token);
        const fresh = await this.tokens.get();
        return request(fresh);
      }
    });
  }

  private async withRetries<T>(path: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        const retryable = error instanceof WecomApiError && error.kind === 'transient';
        if (!retryable || n + 1 >= this.retry.maxAttempts) throw error;
        const delay = backoffDelay(this.retry, n, this.random);
        this.options.log.warn(
          { path, errcode: error.errcode, attempt: n + 1, delay },
          'WeCom call failed; retrying',
        );
        await this.sleep(delay);
      }
    }
  }
}
