import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../log/logger';

/** Per-request state every middleware may use. */
export interface RequestState {
  requestId: string;
  log: Logger;
  /** Short reason code for the access log line (e.g. a rejection code, or `duplicate`). */
  outcome?: string;
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (a proxy's `X-Request-Id` if sane), a child logger, and one access
 * log line when it ends. The error boundary: a thrown error becomes a status, never a crash.
 */
export function requestContext(log: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const incoming = ctx.get('x-request-id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const state: RequestState = { requestId, log: log.child({ requestId }) };
    ctx.state = state;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } catch (error) {
      const status = statusOf(error);
      ctx.status = status;
      ctx.type = 'text/plain';
      ctx.body = status >= 500 ? 'unavailable' : 'error';
      if (status === 503) ctx.set('Retry-After', '5');
      state.outcome ??= 'internal_error';
      state.log.error({ err: error }, 'request failed');
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms, outcome: state.outcome };
      if (ctx.status >= 400) state.log.warn(line, 'request refused');
      else state.log.info(line, 'request');
    }
  };
}

function statusOf(error: unknown): number {
  if (error instanceof Error && error.name === 'StorageUnavailable') return 503;
  return 500;
}
