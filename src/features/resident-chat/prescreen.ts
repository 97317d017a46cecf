import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import { type PrescreenAnswers, prescreen } from '../../domain/prescreen/prescreen';
import { MENU_KEYS, wants } from './intents';
import { type PrescreenDraft, prescreenFlow } from './prescreen-flow';

/** 初筛: a short exchange, then the programs the household may qualify for — guidance, never a decision. */
export function registerPrescreen(router: BotRouter, deps: HandlerDeps): void {
  const flow = new SlotFlow(prescreenFlow(deps.templates), deps.templates);
  const done = (ctx: TurnContext, outcome: ReturnType<typeof flow.continue>) => {
    if (outcome.kind === 'complete') result(ctx, deps, outcome.draft);
  };
  router.on(
    'prescreen.start',
    (ctx) => wants(ctx, 'prescreen'),
    (ctx) => {
      ctx.reply('chat.prescreen.intro');
      done(ctx, flow.begin(ctx, {}));
    },
  );
  router.on(
    'prescreen.step',
    (ctx) => flow.isActive(ctx),
    (ctx) => done(ctx, flow.continue(ctx)),
  );
}

function result(ctx: TurnContext, deps: HandlerDeps, draft: PrescreenDraft): void {
  const { templates } = deps;
  ctx.state.flow = null;
  const guidance = prescreen(draft as PrescreenAnswers, deps.parameters, toLocalDate(shanghaiDate(ctx.now)));
  const shown = guidance.filter((g) => g.verdict !== 'unlikely');
  ctx.reply(
    'chat.prescreen.result',
    {
      items: shown.map((g) => ({
        program: templates.phrase('chat.guidance-programs', g.program),
        verdict: templates.phrase('chat.verdicts', g.verdict),
        reasons: g.reasons.map((r) => templates.phrase('chat.prescreen-reasons', r)),
        standard: g.figures.standardFen === undefined ? undefined : formatYuan(g.figures.standardFen),
        perCapita:
          g.figures.perCapitaIncomeFen === undefined ? undefined : formatYuan(g.figures.perCapitaIncomeFen),
        limit:
          g.figures.emergencyLimitFen === undefined ? undefined : formatYuan(g.figures.emergencyLimitFen),
      })),
      nothing: shown.length === 0,
    },
    [
      { key: MENU_KEYS.apply, label: templates.phrase('chat.menu-actions', 'apply') },
      { key: MENU_KEYS.handoff, label: templates.phrase('chat.menu-actions', 'handoff') },
    ],
  );
}
