import Router from '@koa/router';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { inboundMessages, outbox } from '../db/schema';

/**
 * `/healthz`: the process is up. `/readyz`: the database answers with every migration applied
 * and we are not shutting down — what a load balancer should route on. `/healthz/queues`: how
 * many stored messages wait for a turn and how many replies wait to be sent (for monitoring: a
 * growing number means the instances do not keep up).
 */
export function healthRoutes(database: Database, isDraining: () => boolean): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/healthz/queues', async (ctx) => {
    const pending = async (table: typeof inboundMessages | typeof outbox) =>
      (await database.db.select({ n: count() }).from(table).where(eq(table.status, 'pending')))[0]?.n ?? 0;
    ctx.body = { inboundPending: await pending(inboundMessages), outboxPending: await pending(outbox) };
  });
  router.get('/readyz', async (ctx) => {
    const ready = !isDraining() && (await database.isReady());
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : isDraining() ? 'draining' : 'database unavailable' };
  });
  return router;
}
