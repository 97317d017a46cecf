/** Cancelling a review meeting that did not sit, in chat: `取消会议 <会议编号> <理由>`, confirmed first. */
import { z } from 'zod';
import { type FlowDefinition, SlotFlow } from '../../core/bot/slot-flow';
import { fieldSlot } from '../../core/bot/slot-kinds';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import { maskText } from '../../core/privacy/mask';
import { parseStatement } from '../../domain/application/answer-parsers';
import { hasBegun } from '../../domain/meetings/meeting-rules';
import { type CancelRefusal, cancelMeeting, cancelPrecheck } from './meeting-cancel';
import { meetingVars } from './meeting-cards';
import { type Capabilities, caseworkerOf } from './meeting-chat-shared';
import { tallyOf } from './meeting-records';

/** Input vocabulary: `取消会议 3 参会人数不足` (the reason may also come as the next message). */
export const CANCEL_COMMAND = /^取消(?:评审合议会|合议会|会议)\s*#?(\d{1,12})(?:\s+([\s\S]*))?$/;
export const CANCEL_FLOW = 'meeting-cancel';

const IDLE_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const cancelDraftSchema = z.object({
  meetingId: z.number().int(),
  reason: z.string().min(1).optional(),
  /** What the summary shows of the meeting, read when the cancellation began. */
  vars: z.object({
    township: z.string(),
    when: z.string(),
    place: z.string(),
    cases: z.number().int(),
    invitees: z.number().int(),
    begun: z.boolean(),
    confirmed: z.number().int(),
    min: z.number().int(),
  }),
});
type CancelDraft = z.infer<typeof cancelDraftSchema>;

/** The reason is told to every invitee and kept with the meeting: it must say something. */
function parseCancelReason(text: string) {
  // Kept in clear and sent to members: an ID number or phone typed in is masked.
  return parseStatement(maskText(text));
}

function cancelFlow(): FlowDefinition<CancelDraft> {
  return {
    name: CANCEL_FLOW,
    labels: 'staff.meeting.cancel-slots',
    idleMs: IDLE_MS,
    maxAgeMs: DAY_MS,
    slots: [
      fieldSlot<CancelDraft, 'reason'>({
        id: 'reason',
        prompt: (d) => ({ templateId: 'staff.meeting.ask-cancel-reason', vars: { meetingId: d.meetingId } }),
        parse: parseCancelReason,
      }),
    ],
    confirmation: (d) => ({
      templateId: 'staff.meeting.cancel-summary',
      vars: { meetingId: d.meetingId, reason: d.reason ?? '', ...d.vars },
    }),
    load: (data) => {
      const parsed = cancelDraftSchema.safeParse(data);
      if (!parsed.success) throw new Error('cancellation draft unreadable');
      return parsed.data;
    },
    save: (draft) => ({ ...draft }),
  };
}

export async function startCancel(ctx: TurnContext, caps: Capabilities): Promise<void> {
  const worker = caseworkerOf(ctx)!;
  const { templates } = caps.deps;
  const [, id = '', tail = ''] = CANCEL_COMMAND.exec(typedCommand(ctx)) ?? [];
  const check = await cancelPrecheck(ctx.db, Number(id), worker.townshipId);
  if (!check.ok) {
    explainCancelRefusal(ctx, caps, id, check);
    return;
  }
  const { meeting } = check;
  const tally = await tallyOf(ctx.db, meeting.id);
  const { township, when, place } = meetingVars(templates, caps.deps.townships, meeting);
  const reason = tail.trim() ? parseCancelReason(tail) : undefined;
  const draft: CancelDraft = {
    meetingId: meeting.id,
    ...(reason?.ok ? { reason: reason.value } : {}),
    vars: {
      township,
      when,
      place,
      cases: meeting.agenda.length,
      invitees: tally.total,
      begun: hasBegun(meeting, ctx.now),
      confirmed: tally.attend,
      min: caps.minOf(meeting),
    },
  };
  const flow = new SlotFlow(cancelFlow(), templates);
  await finishCancel(ctx, caps, flow.begin(ctx, draft));
}

export async function continueCancel(ctx: TurnContext, caps: Capabilities): Promise<void> {
  if (!caseworkerOf(ctx) || !cancelDraftSchema.safeParse(ctx.state.flow?.data ?? {}).success) {
    ctx.state.flow = null;
    ctx.reply('staff.meeting.not-allowed');
    return;
  }
  const flow = new SlotFlow(cancelFlow(), caps.deps.templates);
  await finishCancel(ctx, caps, flow.continue(ctx));
}

async function finishCancel(
  ctx: TurnContext,
  caps: Capabilities,
  outcome: ReturnType<SlotFlow<CancelDraft>['continue']>,
): Promise<void> {
  if (outcome.kind !== 'complete') return;
  const worker = caseworkerOf(ctx)!;
  const { draft } = outcome;
  ctx.state.flow = null;
  const { templates, townships } = caps.deps;
  // Judged again in the transaction: a decision may have been recorded since the summary.
  const result = await cancelMeeting(
    ctx.db,
    caps.deps,
    {
      meetingId: draft.meetingId,
      townshipId: worker.townshipId,
      by: { userId: worker.userId, name: worker.name },
      reason: draft.reason!,
    },
    ctx.now,
  );
  if (!result.ok) {
    explainCancelRefusal(ctx, caps, String(draft.meetingId), result);
    return;
  }
  ctx.reply('staff.meeting.cancelled', {
    ...meetingVars(templates, townships, result.meeting),
    reason: draft.reason!,
    cases: result.meeting.agenda.length,
    notified: result.notified,
  });
}

function explainCancelRefusal(
  ctx: TurnContext,
  caps: Capabilities,
  id: string,
  refusal: CancelRefusal,
): void {
  const { templates, townships } = caps.deps;
  if (refusal.code === 'not_found') {
    ctx.reply('staff.meeting.meeting-not-found', { meetingId: id });
    return;
  }
  ctx.reply('staff.meeting.cancel-refused', {
    ...meetingVars(templates, townships, refusal.meeting),
    cancelled: refusal.code === 'already_cancelled',
    held: refusal.code === 'held',
    decided: refusal.code === 'decided' ? refusal.decided : 0,
    reason: refusal.meeting.cancelReason ?? '',
  });
}
