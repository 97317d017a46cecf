import { BotRouter } from '../src/bot/bot-router';
import { registerApplication } from './application';
import { registerCaseStatus } from './case-status';
import type { HandlerDeps } from './handler-deps';
import { registerHandoff } from './handoff';
import { registerMaterialsUpload } from './materials-upload';
import { registerMenu } from './menu';
import { registerPolicyConsultation } from './policy-consultation';
import { registerPrescreen } from './prescreen';
import { registerCaseMaterials } from './staff/case-materials';
import { registerCaseWork } from './staff/case-work';
import { registerHandoffAnswer } from './staff/handoff-answer';
import { registerMeeting } from './staff/meeting';
import { registerWelcome } from './welcome';

export type { HandlerDeps } from './handler-deps';

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
