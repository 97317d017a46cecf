/** What the meeting chat handlers share: their capabilities, who organises, and the minutes in words. */
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import type { EffectRunner, StepRules } from '../../core/cases/case-steps';
import type { StaffMember } from '../../core/staff/staff-directory';
import { meetingVars } from './meeting-cards';
import type { MinutesOutcome } from './meeting-minutes';
import type { Meeting } from './meeting-records';

export interface Capabilities {
  deps: HandlerDeps;
  rules: StepRules;
  effects: EffectRunner;
  /** 六(三): participants needed on the meeting's day (configuration, default 5). */
  minOf(meeting: Meeting): number;
}

/** The sender as a caseworker of a township, or undefined (residents, members, the bureau). */
export function caseworkerOf(ctx: TurnContext): (StaffMember & { townshipId: string }) | undefined {
  const staff = ctx.staff;
  return staff?.role === 'township_caseworker' && staff.townshipId
    ? { ...staff, townshipId: staff.townshipId }
    : undefined;
}

/**
 * The minutes' outcome in words: archived (with the text), already archived, not yet, none for a
 * meeting below the minimum or cancelled, or unknown.
 */
export function replyMinutes(
  ctx: TurnContext,
  caps: Capabilities,
  outcome: MinutesOutcome,
  id?: string,
): void {
  const { templates, townships } = caps.deps;
  switch (outcome.kind) {
    case 'archived':
      ctx.reply('staff.meeting.minutes-archived', {
        ...meetingVars(templates, townships, outcome.meeting),
        cases: outcome.cases,
        minutes: outcome.text.text,
      });
      return;
    case 'already_archived':
      ctx.reply('staff.meeting.minutes-already', {
        ...meetingVars(templates, townships, outcome.meeting),
        minutes: outcome.text ?? '',
      });
      return;
    case 'not_started':
      ctx.reply('staff.meeting.minutes-not-started', meetingVars(templates, townships, outcome.meeting));
      return;
    case 'no_quorum':
      ctx.reply('staff.meeting.minutes-no-quorum', {
        ...meetingVars(templates, townships, outcome.meeting),
        confirmed: outcome.confirmed,
        min: outcome.min,
      });
      return;
    case 'cancelled':
      ctx.reply('staff.meeting.minutes-cancelled', {
        ...meetingVars(templates, townships, outcome.meeting),
        reason: outcome.meeting.cancelReason ?? '',
      });
      return;
    case 'not_found':
      ctx.reply('staff.meeting.minutes-not-found', { meetingId: id ?? '' });
      return;
  }
}
