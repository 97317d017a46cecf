import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { typedAnswer } from '../../core/bot/typed-text';
import { shanghaiDate } from '../../domain/calendar';
import { answerHandoff } from './handoff-answers';

/** Input vocabulary: `回复 <编号> <答复>` (the number from the 居民咨询 notice). */
const ANSWER_COMMAND = /^回复\s*[#Qq]?(\d{1,12})(?:\s+([\s\S]*))?$/;
/** `回复` then something that is not a number: the command, mistyped. */
const ANSWER_MISTYPED = /^回复\s+\S/;
const MAX_ANSWER_CHARS = 1_000;

/**
 * A caseworker answers a resident's 转人工 question: `回复 <编号> <答复>` sends the answer to the
 * resident on their own channel (app or 微信客服), records who answered and when, and tells the
 * caseworker it is on its way; the outbox reports later whether it was delivered or held.
 * Registered before the step flows, so the command works in the middle of one.
 */
export function registerHandoffAnswer(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'staff.handoff.answer',
    (ctx) =>
      ctx.staff !== undefined &&
      (ANSWER_COMMAND.test(typedAnswer(ctx)) || ANSWER_MISTYPED.test(typedAnswer(ctx))),
    async (ctx) => {
      const parsed = ANSWER_COMMAND.exec(typedAnswer(ctx));
      if (!parsed) {
        ctx.reply('staff.handoff.mistyped');
        return;
      }
      const [, id = '', rest = ''] = parsed;
      const text = rest.trim().slice(0, MAX_ANSWER_CHARS);
      if (!text) {
        ctx.reply('staff.handoff.usage', { id });
        return;
      }
      const result = await answerHandoff(ctx.db, deps, ctx.staff!, { handoffId: Number(id), text }, ctx.now);
      if (!result.ok) {
        ctx.reply('staff.handoff.not-found', { id });
        return;
      }
      ctx.log.info({ handoff: result.handoffId, answer: result.answerId }, 'hand-off answered');
      ctx.reply('staff.handoff.answer-queued', {
        id: result.handoffId,
        name: result.reference.name ?? '',
        caseId: result.reference.caseId ?? '',
        channel: deps.templates.phrase('chat.channels', result.channel),
        earlier: result.earlier
          ? { staffId: result.earlier.staffId, at: shanghaiDate(result.earlier.at) }
          : false,
      });
    },
  );
}
