import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import type { ApplicationDraft } from '../../domain/application/application-draft';
import { shanghaiDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import { applicationFlow } from './application-flow';
import { type Submitter, submitApplication } from './application-intake';
import { programNamed, wants } from './intents';

/**
 * Starting an application (六(一)): the guided exchange, then the case in the township's queue,
 * the personalised materials checklist to the resident and a note to the township's caseworkers.
 */
export function registerApplication(router: BotRouter, deps: HandlerDeps): void {
  const flow = new SlotFlow(applicationFlow(deps.templates, deps.cipher, deps.townships), deps.templates);
  router.on(
    'apply.start',
    (ctx) => wants(ctx, 'apply'),
    (ctx) => {
      if (flow.isActive(ctx)) {
        // Already under way: carry on where it stopped rather than starting over.
        ctx.reply('chat.apply.resume');
        return finish(ctx, flow.resume(ctx), deps);
      }
      const program = programNamed(ctx);
      // 六(一) 代为提交: a village committee member fills it in for the applicant.
      ctx.reply(ctx.staff?.role === 'village_committee' ? 'chat.apply.intro-on-behalf' : 'chat.apply.intro');
      return finish(ctx, flow.begin(ctx, program ? { program } : {}), deps);
    },
  );
  router.on(
    'apply.step',
    (ctx) => flow.isActive(ctx),
    (ctx) => finish(ctx, flow.continue(ctx), deps),
  );
}

async function finish(
  ctx: TurnContext,
  outcome: ReturnType<SlotFlow<ApplicationDraft>['continue']>,
  deps: HandlerDeps,
): Promise<void> {
  if (outcome.kind !== 'complete') return;
  const { inbound } = ctx;
  const onBehalf = ctx.staff?.role === 'village_committee';
  const submitter: Submitter = onBehalf
    ? { kind: 'village_committee', userId: inbound.fromUser, townshipId: ctx.staff?.townshipId ?? undefined }
    : {
        kind: 'self',
        contact: {
          userId: inbound.fromUser,
          channel: inbound.channel,
          ...(inbound.openKfId ? { openKfId: inbound.openKfId } : {}),
        },
      };
  // Derived from the inbound message: unique, and the same if this turn is retried.
  const caseId = `SQ${shanghaiDate(ctx.now).replaceAll('-', '')}${String(inbound.id).padStart(6, '0')}`;
  const result = await submitApplication(ctx.db, deps.cipher, outcome.draft, submitter, caseId, ctx.now);
  if (!result.ok) {
    if (result.code === 'other_township') {
      // The draft is kept: the cadre can correct the township (修改 户籍乡镇) or cancel.
      ctx.reply('chat.apply.on-behalf-other-township', {
        township: deps.townships.find((t) => t.id === ctx.staff?.townshipId)?.name ?? '',
      });
      return;
    }
    if (result.code === 'already_in_progress') {
      ctx.state.flow = null;
      ctx.reply('chat.apply.already-in-progress', { caseId: result.caseId });
      return;
    }
    // Not expected after the checks of each step; keep the draft and say what to do.
    ctx.log.error({ code: result.code }, 'finished application draft refused');
    ctx.reply('chat.apply.not-submitted');
    return;
  }
  ctx.state.flow = null;
  const township = deps.townships.find((t) => t.id === outcome.draft.townshipId)?.name ?? '';
  ctx.reply(onBehalf ? 'chat.apply.submitted-on-behalf' : 'chat.apply.submitted', {
    caseId,
    township,
    name: outcome.draft.name,
    materials: result.checklist.map((m, i) => ({ n: i + 1, name: m.name, purpose: m.purpose })),
  });
  for (const worker of result.caseworkers) {
    ctx.notify({ channel: 'app', userId: worker.userId }, 'staff.new-application', {
      caseId,
      program: deps.templates.phrase('chat.programs', outcome.draft.program ?? 'dibao'),
      name: outcome.draft.name,
      township,
      village: outcome.draft.village,
      reason: outcome.draft.reason ?? '',
      requested:
        outcome.draft.program === 'linshi' && outcome.draft.requestedFen
          ? formatYuan(outcome.draft.requestedFen)
          : '',
      channel: deps.templates.phrase('chat.channels', inbound.channel),
      onBehalf,
      // 急难型: the caseworker may pay first (先行救助); the alert says so at once.
      emergency: outcome.draft.temporaryAidKind === 'emergency',
    });
  }
  if (result.caseworkers.length === 0) {
    ctx.log.warn({ caseId, township: outcome.draft.townshipId }, 'no caseworker registered for the township');
  }
}
