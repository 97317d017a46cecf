import type { BotRouter } from '../../core/bot/bot-router';
import type { TurnContext } from '../../core/bot/turn-context';
import type { ReplyChoice } from '../../core/outbox/reply-model';
import { maskText } from '../../core/privacy/mask';
import { shanghaiDate } from '../../domain/calendar';
import type { Command, Passage } from '../knowledge/passage';
import { figuresInForce, type PassageFigure } from '../knowledge/passage-figures';
import { replyCaseStatus } from './case-status';
import { startHandoff } from './handoff';
import { MENU_KEYS } from './intents';
import type { ResidentChatDeps } from './resident-chat-deps';

const CHOICE_PREFIX = 'kb:';

/**
 * Policy consultation: a question in free text gets the best-matching passage with its source and
 * up to three related questions as choices; a middling match is offered as “did you mean” choices;
 * a weak one gets an honest “I don't know” instead of a guess. Picking a related question (card button or 微信客服 menu) answers that passage.
 */
export function registerPolicyConsultation(router: BotRouter, deps: ResidentChatDeps): void {
  const { knowledge, templates } = deps;
  const handoff = { key: MENU_KEYS.handoff, label: templates.phrase('chat.menu-actions', 'handoff') };
  router.on(
    'policy.choice',
    (ctx) => chosenPassageId(ctx) !== undefined,
    async (ctx) => {
      const found = knowledge.passage(chosenPassageId(ctx)!);
      if (found?.passage.command) await runCommand(ctx, deps, found.passage.command);
      else if (found) reply(ctx, deps, found.passage, found.related);
      else ctx.reply('chat.policy-no-match', {}, [handoff]);
    },
  );
  router.on(
    'policy.question',
    (ctx) => ctx.inbound.message.MsgType === 'text',
    async (ctx) => {
      const question = String(ctx.inbound.message.Content ?? '').slice(0, 500);
      const answer = await knowledge.answerWith(deps.selector, question);
      // A command asked as a question (能在手机上查进度吗, 能找工作人员问问吗) runs the command; it is
      // not the question 转人工 would hand over.
      if (answer.kind === 'command') {
        await runCommand(ctx, deps, answer.command);
        return;
      }
      // The latest question, answered or not, is the one 转人工 hands to a caseworker (an answer
      // may not have helped); identifiers masked, since the state is stored in clear.
      ctx.state.lastQuestion = maskText(question);
      ctx.state.lastQuestionAt = ctx.now.toISOString();
      if (answer.kind === 'answer') {
        reply(ctx, deps, answer.passage, answer.related);
        return;
      }
      if (answer.kind === 'suggest') {
        const choices = answer.candidates.map((p) => ({
          key: p.command ? MENU_KEYS[p.command] : `${CHOICE_PREFIX}${p.id}`,
          label: p.topic,
        }));
        ctx.reply('chat.policy-suggest', {}, [...choices, handoff]);
      } else ctx.reply('chat.policy-no-match', {}, [handoff]);
    },
  );
}

function runCommand(ctx: TurnContext, deps: ResidentChatDeps, command: Command): Promise<void> {
  switch (command) {
    case 'status':
      return replyCaseStatus(ctx, deps);
    case 'handoff':
      return startHandoff(ctx, deps);
  }
}

function reply(ctx: TurnContext, deps: ResidentChatDeps, passage: Passage, related: Passage[]): void {
  const figures = figuresInForce(passage, deps.parameters, shanghaiDate(ctx.now)).map((f) => ({
    ...f,
    label: deps.templates.phrase('chat.standards', f.name),
  }));
  const answer = policyAnswer(passage, related, figures);
  ctx.reply(answer.templateId, answer.vars, answer.choices);
}

/**
 * The reply that answers with a passage: its text, the bureau's standards it names that are in
 * force (labelled), its source, and related questions as choices.
 */
export function policyAnswer(
  passage: Passage,
  related: readonly Passage[],
  figures: readonly (PassageFigure & { label: string })[] = [],
): { templateId: string; vars: Record<string, unknown>; choices: ReplyChoice[] } {
  return {
    templateId: 'chat.policy-answer',
    vars: {
      body: passage.body,
      figures,
      figuresPending: passage.figures.length > 0 && figures.length === 0,
      source: passage.source,
      clause: passage.clause,
      hasRelated: related.length > 0,
    },
    choices: related.map((r) => ({ key: `${CHOICE_PREFIX}${r.id}`, label: r.topic })),
  };
}

/** The passage a resident picked (button, 微信客服 menu, or the number of a numbered line). */
function chosenPassageId(ctx: TurnContext): string | undefined {
  return ctx.choice?.startsWith(CHOICE_PREFIX) ? ctx.choice.slice(CHOICE_PREFIX.length) : undefined;
}
