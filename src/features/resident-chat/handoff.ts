import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import { type HandoffDraft, handoffFlow } from './handoff-flow';
import { recordHandoff } from './handoffs';
import { wants } from './intents';
import { openCaseOfResident, townshipOfResident } from './resident-cases';

/** Starts 转人工 (also reached by a question: 能找工作人员问问吗). */
export async function startHandoff(
  ctx: TurnContext,
  deps: HandlerDeps,
  flow = new SlotFlow(handoffFlow(deps.townships), deps.templates),
): Promise<void> {
  const open = await openCaseOfResident(ctx.db, {
    userId: ctx.inbound.fromUser,
    channel: ctx.inbound.channel,
  });
  const question = recentQuestion(ctx);
  // A resident with a case (in progress, paid or closed) is not asked their township again.
  const townshipId =
    open?.townshipId ??
    (await townshipOfResident(ctx.db, { userId: ctx.inbound.fromUser, channel: ctx.inbound.channel }));
  const draft: HandoffDraft = {
    ...(townshipId ? { townshipId } : {}),
    ...(question ? { question } : {}),
  };
  const outcome = flow.begin(ctx, draft);
  if (outcome.kind === 'complete') await handOver(ctx, deps, outcome.draft);
}

/**
 * 转人工: the resident's question — the latest they asked, if within half an hour, else the one
 * they type now — goes to the caseworkers of their township (the township of their case, or the one
 * they name), who are notified with it, the resident's name and case when known, and the command
 * to answer (`回复 <编号> …`, src/features/casework/handoff-answer.ts). The question is kept until answered.
 */
export function registerHandoff(router: BotRouter, deps: HandlerDeps): void {
  const flow = new SlotFlow(handoffFlow(deps.townships), deps.templates);
  router.on(
    'handoff.start',
    (ctx) => wants(ctx, 'handoff'),
    (ctx) => startHandoff(ctx, deps, flow),
  );
  router.on(
    'handoff.step',
    (ctx) => flow.isActive(ctx),
    async (ctx) => {
      const outcome = flow.continue(ctx);
      if (outcome.kind === 'complete') await handOver(ctx, deps, outcome.draft);
    },
  );
}

async function handOver(ctx: TurnContext, deps: HandlerDeps, draft: HandoffDraft): Promise<void> {
  const { inbound } = ctx;
  const townshipId = draft.townshipId!;
  const question = draft.question!;
  const { id, caseworkers, reference } = await recordHandoff(
    ctx.db,
    { channel: inbound.channel, userId: inbound.fromUser, openKfId: inbound.openKfId, townshipId, question },
    ctx.now,
  );
  ctx.state.flow = null;
  ctx.state.lastQuestion = null;
  ctx.state.lastQuestionAt = null;
  const township = deps.townships.find((t) => t.id === townshipId)?.name ?? '';
  for (const worker of caseworkers) {
    ctx.notify({ channel: 'app', userId: worker.userId }, 'staff.handoff', {
      id,
      township,
      question,
      name: reference.name ?? '',
      caseId: reference.caseId ?? '',
      channel: deps.templates.phrase('chat.channels', inbound.channel),
    });
  }
  if (caseworkers.length === 0)
    ctx.log.warn({ handoff: id, township: townshipId }, 'hand-off with no caseworker to notify');
  ctx.reply('chat.handoff.sent', { township, notified: caseworkers.length > 0 });
}

/** A question asked this long ago is still the one 转人工 is about; an older one is asked again. */
const QUESTION_FRESH_MS = 30 * 60 * 1000;

/** The resident's latest policy question, if they asked it recently. */
function recentQuestion(ctx: TurnContext): string | undefined {
  const { lastQuestion, lastQuestionAt } = ctx.state;
  if (!lastQuestion || !lastQuestionAt) return undefined;
  return ctx.now.getTime() - Date.parse(lastQuestionAt) <= QUESTION_FRESH_MS ? lastQuestion : undefined;
}
