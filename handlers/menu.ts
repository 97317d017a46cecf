import type { BotRouter } from '../src/bot/bot-router';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base';

/** The most asked questions, shown by `菜单` (passage ids of knowledge/). */
const COMMON_QUESTIONS = [
  'dibao-where-to-apply',
  'materials-general',
  'processing-deadline',
  'linshi-township-limits',
  'appeal-remedies',
];

const MENU_WORDS = /^(菜单|帮助|目录|功能|menu|help)$/i;

/**
 * `菜单` from anywhere: what the bot can do now, with the common questions as choices. It does not
 * touch a flow in progress (the conversation state is left as it is).
 */
export function registerMenu(router: BotRouter, knowledge: KnowledgeBase): void {
  const choices = COMMON_QUESTIONS.flatMap((id) => {
    const found = knowledge.passage(id);
    return found ? [{ key: `kb:${id}`, label: found.passage.topic }] : [];
  });
  router.on(
    'menu',
    (ctx) =>
      ctx.inbound.message.MsgType === 'text' &&
      MENU_WORDS.test(
        String(ctx.inbound.message.Content ?? '')
          .trim()
          .replace(/[\s。.!！]/g, ''),
      ),
    (ctx) => ctx.reply('chat.menu', {}, choices),
  );
}
