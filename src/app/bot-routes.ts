import { BotRouter } from '../core/bot/bot-router';
import type { HandlerDeps } from '../core/bot/handler-deps';
import { registerCaseMaterials } from '../features/casework/case-materials';
import { registerCaseWork } from '../features/casework/case-work';
import { registerHandoff } from '../features/handoff/handoff';
import { registerHandoffAnswer } from '../features/handoff/handoff-answer';
import { registerPolicyConsultation } from '../features/knowledge/policy-consultation';
import { registerMeeting } from '../features/meetings/meeting';
import { registerApplication } from '../features/resident-chat/application';
import { registerCaseStatus } from '../features/resident-chat/case-status';
import { registerMaterialsUpload } from '../features/resident-chat/materials-upload';
import { registerMenu } from '../features/resident-chat/menu';
import { registerPrescreen } from '../features/resident-chat/prescreen';
import { registerWelcome } from '../features/resident-chat/welcome';

export type { HandlerDeps } from '../core/bot/handler-deps';

/**
 * The product's conversation routes, in priority order (first match handles the turn): the menu
 * and the resident's explicit requests from anywhere, then photos and files, then the flow in
 * progress, then greetings, then policy questions.
 */
export function createBotRouter(deps: HandlerDeps): BotRouter {
  const router = new BotRouter();
  registerMenu(router, deps);
  // Staff commands first: they are recognised only for users in the staff directory. Meeting
  // cards before any flow, so a click during another exchange is not taken as its answer.
  registerMeeting(router, deps);
  registerHandoffAnswer(router, deps);
  registerCaseMaterials(router, deps);
  registerCaseWork(router, deps);
  registerCaseStatus(router, deps);
  registerMaterialsUpload(router, deps);
  // Each registers its start (explicit words or a menu item) before its steps.
  registerApplication(router, deps);
  registerPrescreen(router, deps);
  registerHandoff(router, deps);
  registerWelcome(router);
  registerPolicyConsultation(router, deps);
  // Events no flow claims (e.g. contact changes) are recorded and need no answer.
  router.otherwise(() => {});
  return router;
}
