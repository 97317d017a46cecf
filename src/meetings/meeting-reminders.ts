import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { meetingInvitations, meetings } from '../db/schema';
import type { Logger } from '../log/logger';
import { enqueueOutbox } from '../outbox/outbox-enqueue';
import type { TemplateStore } from '../templates/template-store';
import { meetingVars } from './meeting-cards';
import { findMeeting } from './meeting-records';

/** How long before the meeting an unanswered invitee is reminded. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

export interface MeetingReminderDeps {
  db: Db;
  templates: TemplateStore;
  townships: readonly Township[];
  log?: Logger;
}

/**
 * One reminder per invitee who has not answered (参加 / 请假) once the meeting is less than 24 h
 * away. `reminded_at` is set in the same transaction as the reminder is queued, and only where it
 * was still empty, so re-runs and parallel instances remind nobody twice. A meeting scheduled less
 * than 24 h ahead gets none: its invitation was the short notice. Meant to be run by a cron job
 * (every few minutes); returns how many were reminded.
 */
export const meetingReminders = {
  async run(now: Date, deps: MeetingReminderDeps): Promise<{ reminded: number }> {
    const horizon = new Date(now.getTime() + REMINDER_LEAD_MS);
    return deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: meetingInvitations.id })
        .from(meetingInvitations)
        .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
        .where(
          and(
            eq(meetings.status, 'scheduled'),
            gt(meetings.heldAt, now),
            lte(meetings.heldAt, horizon),
            lte(meetings.createdAt, sql`${meetings.heldAt} - interval '24 hours'`),
            eq(meetingInvitations.answer, 'pending'),
            isNull(meetingInvitations.remindedAt),
          ),
        );
      if (due.length === 0) return { reminded: 0 };
      // Only rows still unreminded when locked: another run that got there first wins them.
      const claimed = await tx
        .update(meetingInvitations)
        .set({ remindedAt: now })
        .where(
          and(
            inArray(
              meetingInvitations.id,
              due.map((d) => d.id),
            ),
            isNull(meetingInvitations.remindedAt),
            eq(meetingInvitations.answer, 'pending'),
          ),
        )
        .returning({ userId: meetingInvitations.userId, meetingId: meetingInvitations.meetingId });
      const byMeeting = new Map<number, string[]>();
      for (const c of claimed) byMeeting.set(c.meetingId, [...(byMeeting.get(c.meetingId) ?? []), c.userId]);
      for (const [meetingId, userIds] of byMeeting) {
        const meeting = await findMeeting(tx, meetingId);
        if (!meeting) continue;
        const text = deps.templates.render('staff.meeting.reminder', {
          ...meetingVars(deps.templates, deps.townships, meeting),
        });
        await enqueueOutbox(
          tx,
          userIds.map((userId) => ({ channel: 'app' as const, recipient: userId, body: { text } })),
          now,
        );
      }
      deps.log?.info({ reminded: claimed.length }, 'meeting reminders queued');
      return { reminded: claimed.length };
    });
  },
};
