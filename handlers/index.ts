import { BotRouter } from '../src/bot/bot-router';
import { registerWelcome } from './welcome';

/** The product's conversation routes, in priority order (first match handles the turn). */
export function createBotRouter(): BotRouter {
  const router = new BotRouter();
  registerWelcome(router);
  // Events no flow claims (e.g. contact changes) are recorded and need no answer.
  router.otherwise(() => {});
  return router;
}
