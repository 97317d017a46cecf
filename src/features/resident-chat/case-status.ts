import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { shanghaiDate } from '../../domain/calendar';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { MENU_KEYS, wants } from './intents';
import { casesOfResident } from './resident-cases';

/**
 * “我的申请到哪一步了”: each of the resident's applications with its step in plain words, what
 * happens next, the decision deadline in working days, and what the resident must do, if anything.
 */
export function registerCaseStatus(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'status',
    (ctx) => wants(ctx, 'status'),
    (ctx) => replyCaseStatus(ctx, deps),
  );
}

/** The resident's applications and their steps (also reached by a question: 能在手机上查进度吗). */
export async function replyCaseStatus(ctx: TurnContext, deps: HandlerDeps): Promise<void> {
  const { templates } = deps;
  const today = shanghaiDate(ctx.now);
  const views = await casesOfResident(
    ctx.db,
    { userId: ctx.inbound.fromUser, channel: ctx.inbound.channel },
    today,
    deps.calendar,
  );
  if (views.length === 0) {
    ctx.reply('chat.status.none', {}, [
      { key: MENU_KEYS.apply, label: templates.phrase('chat.menu-actions', 'apply') },
      { key: MENU_KEYS.prescreen, label: templates.phrase('chat.menu-actions', 'prescreen') },
    ]);
    return;
  }
  ctx.reply('chat.status.cases', {
    cases: views.map((v) => ({
      id: v.id,
      program: templates.phrase('chat.programs', v.program),
      township: deps.townships.find((t) => t.id === v.townshipId)?.name ?? '',
      step: templates.phrase('chat.case-steps', phraseKey(v.program, v.state)),
      next: templates.phrase('chat.case-next', phraseKey(v.program, v.state)),
      decision: v.decision
        ? { ...v.decision, late: v.decision.workingDaysLeft < 0, daysLate: -v.decision.workingDaysLeft }
        : undefined,
      missing: v.missingMaterials?.map((id) => MATERIALS[id].name),
    })),
  });
}

/** States whose words differ for 临时救助: a one-time payment, not monthly from the next month. */
const ONE_TIME_WORDING = new Set(['approved', 'filed', 'in_payment']);

function phraseKey(program: string, state: string): string {
  return program === 'linshi' && ONE_TIME_WORDING.has(state) ? `${state}.linshi` : state;
}
