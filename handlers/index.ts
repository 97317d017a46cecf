import { BotRouter } from '../src/bot/bot-router';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base';
import { registerMenu } from './menu';
import { registerPolicyConsultation } from './policy-consultation';
import { registerWelcome } from './welcome';

/** What the handlers need from the services. */
export interface HandlerDeps {
  knowledge: KnowledgeBase;
}

/** The product's conversation routes, in priority order (first match handles the turn). */
export function createBotRouter(deps: HandlerDeps): BotRouter {
  const router = new BotRouter();
  registerMenu(router, deps.knowledge);
  registerWelcome(router);
  registerPolicyConsultation(router, deps.knowledge);
  // Events no flow claims (e.g. contact changes) are recorded and need no answer.
  router.otherwise(() => {});
  return router;
}
