import Router from '@koa/router';
import type { Database } from '../db/database';

/**
 * `/healthz`: the process is up. `/readyz`: the database answers with every migration applied
 * and we are not shutting down — what a load balancer should route on.
 */
export function healthRoutes(database: Database, isDraining: () => boolean): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = !isDraining() && (await database.isReady());
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : isDraining() ? 'draining' : 'database unavailable' };
  });
  return router;
}
