import type { BotRouter } from '../src/bot/bot-router';
import type { TurnContext } from '../src/bot/turn-context';
import type { Passage } from '../src/domain/knowledge/passage';
import { maskText } from '../src/privacy/mask';
import type { HandlerDeps } from './handler-deps';
import { MENU_KEYS } from './intents';

const CHOICE_PREFIX = 'kb:';

/**
 * Policy consultation: a question in free text gets the best-matching passage with its source and
 * up to three related questions as choices; a middling match is offered as “did you mean” choices;
 * a weak one gets an honest “I don't know” instead of a guess. Picking a related question (card button or 微信客服 menu) answers that passage.
 */
export function registerPolicyConsultation(router: BotRouter, deps: HandlerDeps): void {
  const { knowledge, templates } = deps;
  const handoff = { key: MENU_KEYS.handoff, label: templates.phrase('chat.menu-actions', 'handoff') };
  router.on(
    'policy.choice',
    (ctx) => chosenPassageId(ctx) !== undefined,
    (ctx) => {
      const found = knowledge.passage(chosenPassageId(ctx)!);
      if (found) reply(ctx, found.passage, found.related);
      else ctx.reply('chat.policy-no-match', {}, [handoff]);
    },
  );
  router.on(
    'policy.question',
    (ctx) => ctx.inbound.message.MsgType === 'text',
    (ctx) => {
      const question = String(ctx.inbound.message.Content ?? '').slice(0, 500);
      const answer = knowledge.answer(question);
      if (answer.kind === 'answer') {
        reply(ctx, answer.passage, answer.related);
        return;
      }
      // Kept so that 转人工 can hand this very question to a caseworker; identifiers masked (state is stored in clear).
      ctx.state.lastQuestion = maskText(question);
      if (answer.kind === 'suggest') {
        const choices = answer.candidates.map((p) => ({ key: `${CHOICE_PREFIX}${p.id}`, label: p.topic }));
        ctx.reply('chat.policy-suggest', {}, [...choices, handoff]);
      } else ctx.reply('chat.policy-no-match', {}, [handoff]);
    },
  );
}

function reply(ctx: TurnContext, passage: Passage, related: Passage[]): void {
  ctx.reply(
    'chat.policy-answer',
    { body: passage.body, source: passage.source, clause: passage.clause, hasRelated: related.length > 0 },
    related.map((r) => ({ key: `${CHOICE_PREFIX}${r.id}`, label: r.topic })),
  );
}

/** The passage a resident picked (button, 微信客服 menu, or the number of a numbered line). */
function chosenPassageId(ctx: TurnContext): string | undefined {
  return ctx.choice?.startsWith(CHOICE_PREFIX) ? ctx.choice.slice(CHOICE_PREFIX.length) : undefined;
}
