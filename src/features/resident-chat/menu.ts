import type { BotRouter } from '../../core/bot/bot-router';
import { typedWord } from '../../core/bot/typed-text';
import { MENU_KEYS } from './intents';
import type { ResidentChatDeps } from './resident-chat-deps';

/** The most asked questions, shown by `菜单` (passage ids of knowledge/). */
const COMMON_QUESTIONS = [
  'dibao-where-to-apply',
  'materials-general',
  'processing-deadline',
  'appeal-remedies',
];

const MENU_WORDS = /^(菜单|帮助|目录|功能|menu|help)$/i;

/**
 * `菜单` from anywhere: what the bot can do (apply, pre-screen, status, a person) and the common
 * questions, as choices; for staff, the commands of their role. It does not touch a flow in
 * progress: the user can look, then go on.
 */
export function registerMenu(router: BotRouter, deps: ResidentChatDeps): void {
  const { knowledge, templates } = deps;
  const actions = (['apply', 'prescreen', 'status', 'handoff'] as const).map((action) => ({
    key: MENU_KEYS[action],
    label: templates.phrase('chat.menu-actions', action),
  }));
  const questions = COMMON_QUESTIONS.flatMap((id) => {
    const found = knowledge.passage(id);
    return found ? [{ key: `kb:${id}`, label: found.passage.topic }] : [];
  });
  router.on(
    'menu',
    (ctx) => ctx.inbound.message.MsgType === 'text' && MENU_WORDS.test(typedWord(ctx)),
    (ctx) => {
      const inFlow = ctx.state.flow !== null;
      // Staff get the commands of their role (D12: they were shown the resident menu).
      if (ctx.staff) ctx.reply('staff.menu', { inFlow, [ctx.staff.role]: true });
      else ctx.reply('chat.menu', { inFlow }, [...actions, ...questions]);
    },
  );
}
