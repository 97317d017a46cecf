/** Recording the review meeting's decision on a case in chat (`决定 <编号>`), as a confirmed step. */
import { eq } from 'drizzle-orm';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import { cases } from '../../core/db/schema';
import { actorOf } from '../../core/staff/staff-directory';
import { hasBegun, hasQuorum } from '../../domain/meetings/meeting-rules';
import { stepChoices } from '../casework/step-choices';
import { sendDocumentsAfterStep } from '../documents/documents-after-step';
import { MEETING_PHRASES, meetingVars, meetingWhen } from './meeting-cards';
import { type Capabilities, caseworkerOf, replyMinutes } from './meeting-chat-shared';
import {
  type DecisionOutcome,
  type DecisionRefusal,
  decideAtMeeting,
  decisionPrecheck,
} from './meeting-decisions';
import { type DecisionDraft, decisionFlow, prefillDecision, readDecisionDraft } from './meeting-flows';
import { archiveMinutes } from './meeting-minutes';
import { nextMonthOf } from './meeting-time';

/**
 * `决定 <编号> [会议 <会议编号>] [批准 金额 | 不批准 理由]`: the meeting's decision on one case of
 * its agenda, at the meeting named or else the only one that may decide.
 */
export const DECIDE_COMMAND = /^决定\s*#?([A-Za-z0-9_-]{1,40})(?:\s+|$)([\s\S]*)$/;
const MEETING_PART = /^会议\s*#?(\d{1,12})(?:\s+|$)([\s\S]*)$/;

export async function startDecision(ctx: TurnContext, caps: Capabilities): Promise<void> {
  const worker = caseworkerOf(ctx)!;
  const [, caseId = '', rest = ''] = DECIDE_COMMAND.exec(typedCommand(ctx)) ?? [];
  const named = MEETING_PART.exec(rest.trim());
  const meetingId = named ? Number(named[1]) : undefined;
  const tail = named ? (named[2] ?? '') : rest;
  const check = await decisionPrecheck(ctx.db, actorOf(worker), { caseId, meetingId }, caps.minOf, ctx.now);
  if (!check.ok) {
    explainRefusal(ctx, caps, caseId, check);
    return;
  }
  const { row, meeting } = check;
  const draft: DecisionDraft = {
    caseId: row.id,
    meetingId: meeting.id,
    name: row.applicantName,
    program: row.program,
    householdSize: row.householdSize,
    startMonth: nextMonthOf(ctx.now),
    ...prefillDecision(tail, ctx.now),
  };
  const flow = new SlotFlow(decisionFlow(caps.deps.templates, ctx.now), caps.deps.templates);
  await finishDecision(ctx, caps, flow.begin(ctx, draft));
}

export async function continueDecision(ctx: TurnContext, caps: Capabilities): Promise<void> {
  if (!caseworkerOf(ctx) || !readDecisionDraft(ctx.state.flow?.data ?? {})) {
    ctx.state.flow = null;
    ctx.reply('staff.meeting.not-allowed');
    return;
  }
  const flow = new SlotFlow(decisionFlow(caps.deps.templates, ctx.now), caps.deps.templates);
  await finishDecision(ctx, caps, flow.continue(ctx));
}

async function finishDecision(
  ctx: TurnContext,
  caps: Capabilities,
  outcome: ReturnType<SlotFlow<DecisionDraft>['continue']>,
): Promise<void> {
  if (outcome.kind !== 'complete') return;
  const worker = caseworkerOf(ctx)!;
  const { draft } = outcome;
  ctx.state.flow = null;
  const decision =
    draft.verdict === 'approve'
      ? {
          verdict: 'approve' as const,
          amountFen: draft.amountFen!,
          householdSize: draft.householdSize!,
          startMonth: draft.startMonth!,
        }
      : { verdict: 'reject' as const, reasons: draft.reasons ?? [] };
  const result: DecisionOutcome = await decideAtMeeting(
    ctx.db,
    { actor: actorOf(worker), caseId: draft.caseId, meetingId: draft.meetingId, decision },
    caps.rules,
    caps.effects,
    ctx.now,
  );
  if (!result.ok) {
    explainRefusal(ctx, caps, draft.caseId, result);
    return;
  }
  const { templates, townships } = caps.deps;
  const [decided] = await ctx.db.select().from(cases).where(eq(cases.id, draft.caseId));
  // The next steps as buttons, as after any step done (e.g. 报备归档 once decided).
  ctx.reply(
    'staff.meeting.decided',
    {
      ...meetingVars(templates, townships, result.meeting),
      caseId: draft.caseId,
      name: draft.name,
      verdict: templates.phrase(MEETING_PHRASES, `verdict-${draft.verdict ?? 'reject'}`),
      confirmed: result.confirmed,
      allDecided: result.allDecided,
    },
    decided ? stepChoices(templates, decided, worker) : [],
  );
  if (decided) await sendDocumentsAfterStep(ctx, caps.deps, decided, `decide_${draft.verdict ?? 'reject'}`);
  if (result.allDecided) {
    replyMinutes(
      ctx,
      caps,
      await archiveMinutes(
        ctx.db,
        caps.deps,
        { meetingId: result.meeting.id, townshipId: worker.townshipId, minOf: caps.minOf },
        ctx.now,
      ),
    );
  }
}

/** A refused decision in words: the reason, and the figures when it is the quorum. */
function explainRefusal(
  ctx: TurnContext,
  caps: Capabilities,
  caseId: string,
  refusal: DecisionRefusal | Extract<DecisionOutcome, { ok: false }>,
): void {
  const { templates, townships } = caps.deps;
  if (refusal.code === 'meeting_choice' && 'meetings' in refusal) {
    // Oldest first, as the meetings were scheduled.
    const meetings = [...refusal.meetings].reverse().map((m) => ({
      ...meetingVars(templates, townships, m),
      confirmed: m.confirmed,
      min: m.min,
      begun: hasBegun(m, ctx.now),
      short: !hasQuorum(m),
    }));
    ctx.reply('staff.meeting.decision-choose', {
      caseId,
      several: refusal.several,
      meetings,
      example: meetings.find((m) => m.begun && !m.short)?.meetingId ?? meetings[0]?.meetingId ?? '',
    });
    return;
  }
  const reasons = templates.phrases('staff.meeting.refusals');
  const quorum =
    refusal.code === 'meeting_quorum_not_met' && 'confirmed' in refusal
      ? { confirmed: refusal.confirmed, min: refusal.min }
      : undefined;
  const meeting = 'meeting' in refusal ? refusal.meeting : undefined;
  ctx.reply('staff.meeting.decision-refused', {
    caseId,
    reason: reasons[refusal.code] ?? templates.phrase('staff.meeting.refusals', 'other'),
    quorum: quorum ?? false,
    notStarted: refusal.code === 'meeting_not_started' && meeting !== undefined,
    when: meeting ? meetingWhen(templates, meeting.heldAt) : '',
    meetingId: meeting?.id ?? '',
    township: meeting ? meetingVars(templates, townships, meeting).township : '',
  });
}
