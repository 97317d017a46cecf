import { BotRouter } from '../core/bot/bot-router';
import { registerBureauChat } from '../features/bureau/bureau-chat';
import { registerSpotCheckChat } from '../features/bureau/spot-check-chat';
import { registerWarningImportChat } from '../features/bureau/warning-import-chat';
import { registerCaseDocuments } from '../features/casework/case-documents-chat';
import { registerCaseMaterials } from '../features/casework/case-materials';
import { registerCaseWork } from '../features/casework/case-work';
import { registerHandoffAnswer } from '../features/casework/handoff-answer';
import { registerMeeting } from '../features/meetings/meeting';
import { registerApplication } from '../features/resident-chat/application';
import { registerCaseStatus } from '../features/resident-chat/case-status';
import { registerHandoff } from '../features/resident-chat/handoff';
import { registerMaterialsUpload } from '../features/resident-chat/materials-upload';
import { registerMenu } from '../features/resident-chat/menu';
import { registerPolicyConsultation } from '../features/resident-chat/policy-consultation';
import { registerPrescreen } from '../features/resident-chat/prescreen';
import type { ResidentChatDeps } from '../features/resident-chat/resident-chat-deps';
import { registerWelcome } from '../features/resident-chat/welcome';

/**
 * The product's conversation routes, in priority order (first match handles the turn): the menu
 * and the resident's explicit requests from anywhere, then photos and files, then the flow in
 * progress, then greetings, then policy questions.
 */
export function createBotRouter(deps: ResidentChatDeps): BotRouter {
  const router = new BotRouter();
  registerMenu(router, deps);
  // Staff commands first: they are recognised only for users in the staff directory. Meeting
  // cards before any flow, so a click during another exchange is not taken as its answer.
  registerMeeting(router, deps);
  registerHandoffAnswer(router, deps);
  registerCaseMaterials(router, deps);
  registerCaseDocuments(router, deps);
  registerBureauChat(router, deps);
  registerSpotCheckChat(router, deps);
  registerWarningImportChat(router, deps);
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
