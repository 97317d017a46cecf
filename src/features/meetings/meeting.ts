import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import { isEvent } from '../../core/wecom/callback/inbound-message-schema';
import { shanghaiDate } from '../../domain/calendar';
import { answerInvitation } from './meeting-answers';
import { CANCEL_COMMAND, CANCEL_FLOW, continueCancel, startCancel } from './meeting-cancel-chat';
import { answerOfKey, MEETING_PHRASES, meetingVars, meetingWhen } from './meeting-cards';
import { type Capabilities, caseworkerOf, replyMinutes } from './meeting-chat-shared';
import { continueDecision, DECIDE_COMMAND, startDecision } from './meeting-decision-chat';
import {
  DECISION_FLOW,
  SCHEDULE_FLOW,
  type ScheduleDraft,
  scheduleFlow,
  type TouchedMeeting,
} from './meeting-flows';
import { archiveMinutes } from './meeting-minutes';
import { type MeetingCases, meetingPreview, scheduleMeeting } from './meeting-scheduling';

/** Input vocabulary: what a caseworker types to start each action. */
const SCHEDULE_WORDS = /^(会议|安排会议|召开会议|评审会|合议会|评审合议会|安排评审合议会)$/;
const MINUTES_COMMAND = /^纪要\s*#?(\d{1,12})$/;

/**
 * 评审合议会 (六(三)): a township caseworker schedules the meeting (`会议`: time and place; the agenda
 * is the township's cases awaiting it), every coordination-group member and caseworker gets a card
 * to answer 参加 / 请假, the organiser sees the confirmations come in, the decisions are recorded
 * case by case (`决定 <编号>`) as workflow steps that carry the meeting, and the minutes
 * (`纪要 <会议编号>`, or by themselves after the last decision) are archived with every case. A
 * meeting that will not sit — below the quorum once begun, or called off — is cancelled
 * (`取消会议 <会议编号> <理由>`), its invitees told, and its cases wait for the next `会议`.
 * Register it before any flow's step routes: a click on an invitation card must reach the meeting
 * whatever guided exchange the member is in at that moment.
 */
export function registerMeeting(router: BotRouter, deps: HandlerDeps): void {
  const { rules, effects } = deps.steps;
  const caps: Capabilities = {
    deps,
    rules,
    effects,
    minOf: (meeting) => rules.minimums(shanghaiDate(meeting.heldAt)).meetingParticipants,
  };
  router.on('meeting.answer', isInvitationClick, (ctx) => answerClick(ctx, caps));
  router.on(
    'meeting.schedule.start',
    (ctx) => caseworkerOf(ctx) !== undefined && SCHEDULE_WORDS.test(typedCommand(ctx)),
    (ctx) => startScheduling(ctx, caps),
  );
  router.on(
    'meeting.decide.start',
    (ctx) => caseworkerOf(ctx) !== undefined && DECIDE_COMMAND.test(typedCommand(ctx)),
    (ctx) => startDecision(ctx, caps),
  );
  router.on(
    'meeting.minutes',
    (ctx) => caseworkerOf(ctx) !== undefined && MINUTES_COMMAND.test(typedCommand(ctx)),
    (ctx) => minutesCommand(ctx, caps),
  );
  router.on(
    'meeting.cancel.start',
    (ctx) => caseworkerOf(ctx) !== undefined && CANCEL_COMMAND.test(typedCommand(ctx)),
    (ctx) => startCancel(ctx, caps),
  );
  router.on(
    'meeting.schedule.step',
    (ctx) => ctx.state.flow?.name === SCHEDULE_FLOW,
    (ctx) => continueScheduling(ctx, caps),
  );
  router.on(
    'meeting.decide.step',
    (ctx) => ctx.state.flow?.name === DECISION_FLOW,
    (ctx) => continueDecision(ctx, caps),
  );
  router.on(
    'meeting.cancel.step',
    (ctx) => ctx.state.flow?.name === CANCEL_FLOW,
    (ctx) => continueCancel(ctx, caps),
  );
}

function isInvitationClick(ctx: TurnContext): boolean {
  const message = ctx.inbound.message;
  return isEvent(message) && message.Event === 'template_card_event' && answerOfKey(ctx.choice) !== undefined;
}

// ---- 参加 / 请假 ---------------------------------------------------------------------------

async function answerClick(ctx: TurnContext, caps: Capabilities): Promise<void> {
  const { templates, townships } = caps.deps;
  const message = ctx.inbound.message;
  const answer = answerOfKey(ctx.choice);
  const taskId = isEvent(message) ? message.TaskId : undefined;
  if (!answer || !taskId) {
    ctx.reply('staff.meeting.click-unknown');
    return;
  }
  const outcome = await answerInvitation(
    ctx.db,
    templates,
    { taskId, userId: ctx.inbound.fromUser, answer },
    caps.minOf,
    ctx.now,
  );
  switch (outcome.kind) {
    case 'unknown_task':
      ctx.reply('staff.meeting.click-unknown');
      return;
    case 'not_invitee':
      ctx.log.warn({ taskId }, 'meeting card answered by someone it was not sent to; refused');
      ctx.reply('staff.meeting.click-not-yours');
      return;
    case 'closed':
      ctx.reply('staff.meeting.click-closed', {
        ...meetingVars(templates, townships, outcome.meeting),
        cancelled: outcome.meeting.status === 'cancelled',
        reason: outcome.meeting.cancelReason ?? '',
        cardUpdated: outcome.cardUpdated,
      });
      return;
    case 'started':
      // 六(三): attendance is confirmed before the meeting; a late click changes nothing.
      ctx.reply('staff.meeting.click-started', {
        ...meetingVars(templates, townships, outcome.meeting),
        answered: outcome.answer !== 'pending',
        attend: outcome.answer === 'attend',
      });
      return;
    case 'unchanged':
      // The same answer again (a second tap before the card greyed out): nothing changes.
      ctx.reply('staff.meeting.answer-unchanged', {
        ...meetingVars(templates, townships, outcome.meeting),
        attend: outcome.answer === 'attend',
      });
      return;
    case 'recorded': {
      const { meeting, tally } = outcome;
      const min = caps.minOf(meeting);
      // The card shows the answer once updated; the words confirm it at once, and still do
      // when no response code was left to update the card with.
      ctx.reply('staff.meeting.answer-recorded', {
        ...meetingVars(templates, townships, meeting),
        attend: answer === 'attend',
        cardUpdated: outcome.cardUpdated,
      });
      ctx.notify({ channel: 'app', userId: meeting.organiserId }, 'staff.meeting.quorum', {
        ...meetingVars(templates, townships, meeting),
        member: ctx.staff?.name ?? ctx.inbound.fromUser,
        answer: templates.phrase(
          MEETING_PHRASES,
          answer === 'attend' ? 'answered-attend' : 'answered-decline',
        ),
        attend: tally.attend,
        decline: tally.decline,
        pending: tally.pending,
        min,
        reached: outcome.quorumReached,
        short: tally.attend < min,
      });
      return;
    }
  }
}

// ---- 会议: scheduling ------------------------------------------------------------------------

async function startScheduling(ctx: TurnContext, caps: Capabilities): Promise<void> {
  const worker = caseworkerOf(ctx)!;
  const { templates, townships } = caps.deps;
  const flow = new SlotFlow(scheduleFlow(templates, ctx.now), templates);
  if (flow.isActive(ctx)) {
    await finishScheduling(ctx, caps, flow.resume(ctx));
    return;
  }
  const preview = await meetingPreview(ctx.db, worker.townshipId, caps.minOf, ctx.now);
  const township = townships.find((t) => t.id === worker.townshipId)?.name ?? worker.townshipId;
  if (preview.agenda.length === 0) {
    ctx.reply('staff.meeting.no-agenda', { township, inSession: touched(caps, preview.inSession) });
    return;
  }
  const min = caps.rules.minimums(shanghaiDate(ctx.now)).meetingParticipants;
  ctx.reply('staff.meeting.intro', { township, count: preview.agenda.length });
  const draft: ScheduleDraft = {
    agenda: preview.agenda,
    invitees: preview.invitees.length,
    minParticipants: min,
    replaced: touched(caps, preview.replaced),
    inSession: touched(caps, preview.inSession),
  };
  await finishScheduling(ctx, caps, flow.begin(ctx, draft));
}

async function continueScheduling(ctx: TurnContext, caps: Capabilities): Promise<void> {
  if (!caseworkerOf(ctx)) {
    ctx.state.flow = null;
    ctx.reply('staff.meeting.not-allowed');
    return;
  }
  const flow = new SlotFlow(scheduleFlow(caps.deps.templates, ctx.now), caps.deps.templates);
  await finishScheduling(ctx, caps, flow.continue(ctx));
}

async function finishScheduling(
  ctx: TurnContext,
  caps: Capabilities,
  outcome: ReturnType<SlotFlow<ScheduleDraft>['continue']>,
): Promise<void> {
  if (outcome.kind !== 'complete') return;
  const worker = caseworkerOf(ctx)!;
  const { templates, townships } = caps.deps;
  const heldAt = new Date(outcome.draft.heldAt!);
  ctx.state.flow = null;
  if (heldAt.getTime() <= ctx.now.getTime()) {
    // Confirmed after the time typed had passed: ask again rather than invite to the past.
    ctx.reply('staff.meeting.time-passed', { when: meetingWhen(templates, heldAt) });
    return;
  }
  const heldOn = shanghaiDate(heldAt);
  const min = caps.rules.minimums(heldOn).meetingParticipants;
  const result = await scheduleMeeting(
    ctx.db,
    { templates, townships },
    {
      organiser: { userId: worker.userId, name: worker.name },
      townshipId: worker.townshipId,
      heldAt,
      place: outcome.draft.place!,
      minParticipants: min,
      minOf: caps.minOf,
    },
    ctx.now,
  );
  if (!result.ok) {
    ctx.reply('staff.meeting.no-agenda', {
      township: townships.find((t) => t.id === worker.townshipId)?.name ?? worker.townshipId,
      inSession: touched(caps, result.inSession),
    });
    return;
  }
  ctx.reply('staff.meeting.scheduled', {
    ...meetingVars(templates, townships, result.meeting),
    cases: result.meeting.agenda.length,
    invitees: result.invitees.map((i) => i.name),
    count: result.invitees.length,
    min,
    short: result.invitees.length < min,
    replaced: result.replaced.map((m) => ({ meetingId: m.id, when: meetingWhen(templates, m.heldAt) })),
    inSession: touched(caps, result.inSession),
  });
}

/** Earlier meetings and their cases, as the scheduling messages show them. */
function touched(caps: Capabilities, list: readonly MeetingCases[]): TouchedMeeting[] {
  return list.map(({ meeting, cases }) => ({
    meetingId: meeting.id,
    when: meetingWhen(caps.deps.templates, meeting.heldAt),
    cases,
  }));
}

// ---- 决定 <编号> ------------------------------------------------------------------------------

// ---- 纪要 <会议编号> ---------------------------------------------------------------------------

async function minutesCommand(ctx: TurnContext, caps: Capabilities): Promise<void> {
  const worker = caseworkerOf(ctx)!;
  const [, id = ''] = MINUTES_COMMAND.exec(typedCommand(ctx)) ?? [];
  replyMinutes(
    ctx,
    caps,
    await archiveMinutes(
      ctx.db,
      caps.deps,
      { meetingId: Number(id), townshipId: worker.townshipId, minOf: caps.minOf },
      ctx.now,
    ),
    id,
  );
}
