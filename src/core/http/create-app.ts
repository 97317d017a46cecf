import Koa from 'koa';
import type { Database } from '../db/database';
import type { Logger } from '../log/logger';
import { type CallbackReceiverDeps, callbackRoutes } from '../wecom/callback/callback-routes';
import { healthRoutes } from './health-routes';
import { requestContext } from './request-context';

export interface AppDeps {
  log: Logger;
  database: Database;
  receiver: CallbackReceiverDeps;
  isDraining: () => boolean;
}

/** The HTTP surface: request context and error boundary, health checks, the WeCom callback. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  // Errors are handled by the request-context boundary; this only silences Koa's own printing.
  app.silent = true;
  const health = healthRoutes(deps.database, deps.isDraining);
  const callback = callbackRoutes('/wecom/callback', deps.receiver);
  app.use(requestContext(deps.log));
  app.use(health.routes()).use(health.allowedMethods());
  app.use(callback.routes()).use(callback.allowedMethods());
  return app;
}
