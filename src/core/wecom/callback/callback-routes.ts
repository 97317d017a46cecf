import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { RequestState } from '../../http/request-context';
import { openCallbackCiphertext } from './callback-cipher';
import { parseCallbackEnvelope } from './callback-envelope';
import { parseCallbackQuery, parseVerificationQuery } from './callback-query';
import { CallbackRejection } from './callback-rejection';
import { checkCallbackTimestamp, verifyCallbackSignature } from './callback-signature';
import { parseWecomXml } from './callback-xml';
import { type InboundMessage, validateInboundMessage } from './inbound-message-schema';

/** Largest callback body we read; WeCom's are a few KB. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

export interface CallbackReceiverDeps {
  corpId: string;
  token: string;
  encodingAesKey: string;
  timestampWindowSeconds: number;
  now: () => Date;
  /** Persists a verified message; resolves once it is committed (it may be a duplicate). */
  accept: (message: InboundMessage, state: RequestState) => Promise<void>;
}

/**
 * `GET/POST /wecom/callback`. The receiver owns transport only: verify, decrypt, parse, hand
 * the message to `accept` (which stores it), answer. It never runs conversation logic.
 */
export function callbackRoutes(path: string, deps: CallbackReceiverDeps): Router {
  const router = new Router();

  router.get(path, async (ctx) => {
    await guarded(ctx, async () => {
      const query = parseVerificationQuery(ctx.query);
      verifyCallbackSignature(deps.token, query, query.echostr);
      checkCallbackTimestamp(query.timestamp, deps.now(), deps.timestampWindowSeconds);
      const plaintext = openCallbackCiphertext(deps.encodingAesKey, query.echostr, deps.corpId);
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = plaintext;
      state(ctx).outcome = 'verified';
    });
  });

  router.post(path, async (ctx) => {
    const verified = await guarded(ctx, async () => {
      const query = parseCallbackQuery(ctx.query);
      const body = await readBody(ctx);
      // Before the signature only <Encrypt> is read, by one linear pass: an unsigned body costs
      // microseconds whatever it holds. Everything else is parsed once it is known to be WeCom's.
      const { Encrypt } = parseCallbackEnvelope(body);
      verifyCallbackSignature(deps.token, query, Encrypt);
      checkCallbackTimestamp(query.timestamp, deps.now(), deps.timestampWindowSeconds);
      const plaintext = openCallbackCiphertext(deps.encodingAesKey, Encrypt, deps.corpId);
      const message = validateInboundMessage(parseWecomXml(plaintext));
      if (message.ToUserName !== deps.corpId) {
        throw new CallbackRejection('foreign_receiver', 'ToUserName is not our CorpID');
      }
      await deps.accept(message, state(ctx));
      return true;
    });
    if (!verified) return;
    // Empty 200: "received, do not retry, no passive reply" (docs/wecom.md §1.9).
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = '';
  });

  return router;
}

function state(ctx: Context): RequestState {
  return ctx.state as RequestState;
}

async function readBody(ctx: Context): Promise<string> {
  try {
    return await getRawBody(ctx.req, {
      limit: MAX_CALLBACK_BYTES,
      encoding: 'utf8',
      length: ctx.get('content-length') || undefined,
    });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large')
      throw new CallbackRejection('body_too_large', `body over ${MAX_CALLBACK_BYTES} bytes`);
    throw new CallbackRejection('malformed_xml', `body unreadable (${type ?? 'unknown'})`);
  }
}

function refuse(ctx: Context, rejection: CallbackRejection): void {
  ctx.status = rejection.status;
  ctx.type = 'text/plain';
  ctx.body = rejection.code;
  state(ctx).outcome = rejection.code;
  state(ctx).log.warn({ code: rejection.code, detail: rejection.detail }, 'callback rejected');
  if (rejection.code === 'body_too_large') ctx.set('Connection', 'close');
}

async function guarded<T>(ctx: Context, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof CallbackRejection)) throw error;
    refuse(ctx, error);
    return undefined;
  }
}
