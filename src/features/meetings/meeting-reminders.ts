import { and, asc, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import { type AlertJobDeps, alertLabels } from '../../core/alerting/alert-deps';
import { queueAlertIn } from '../../core/alerting/alert-queue';
import { meetingInvitations, meetings, staffMembers } from '../../core/db/schema';
import type { JobSummary } from '../../core/scheduling/job-types';
import { addCalendarDays, type LocalDate, shanghaiDate } from '../../domain/calendar';

export const MEETING_REMINDERS_JOB = 'meeting-reminders';

/**
 * The day before a scheduled review meeting (评审合议会, 六(三)), every invited member who has not
 * declined — attending or not yet answered — and is still active staff gets one reminder with date,
 * time and place (no agenda: cases are discussed at the meeting, not in chat). Runs every day, so a
 * Monday meeting is reminded on Sunday.
 *
 * Once per invitation: `reminded_at` is claimed (set where still empty) in the transaction that
 * queues the reminder — the same marker the meetings service uses for its own reminder of
 * unanswered invitees, so whichever runs first reminds and the other skips — and the alert key
 * (`meeting:<id>:<time>`) guards the outbox row as for every alert.
 */
export async function runMeetingReminders(now: Date, deps: AlertJobDeps): Promise<JobSummary> {
  const { db } = deps;
  const labels = alertLabels(deps);
  const tomorrow = addCalendarDays(shanghaiDate(now), 1);
  const upcoming = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gte(meetings.heldAt, startOfShanghaiDay(tomorrow)),
        lt(meetings.heldAt, startOfShanghaiDay(addCalendarDays(tomorrow, 1))),
      ),
    )
    .orderBy(asc(meetings.heldAt), asc(meetings.id));
  const summary = { tomorrow, meetings: upcoming.length, queued: 0 };
  for (const meeting of upcoming) {
    const { date, time } = shanghaiDateTime(meeting.heldAt);
    summary.queued += await db.transaction(async (tx) => {
      const claimed = await tx
        .update(meetingInvitations)
        .set({ remindedAt: now })
        .where(
          and(
            eq(meetingInvitations.meetingId, meeting.id),
            ne(meetingInvitations.answer, 'decline'),
            isNull(meetingInvitations.remindedAt),
            // Someone deactivated since the invitation no longer gets staff messages.
            sql`not exists (select 1 from ${staffMembers} s where s.user_id = ${meetingInvitations.userId} and s.active = false)`,
          ),
        )
        .returning({ userId: meetingInvitations.userId, answer: meetingInvitations.answer });
      let queued = 0;
      for (const attending of [true, false]) {
        queued += await queueAlertIn(
          tx,
          {
            key: `meeting:${meeting.id}:${meeting.heldAt.toISOString()}`,
            kind: 'meeting-reminder',
            recipients: claimed.filter((c) => (c.answer === 'attend') === attending).map((c) => c.userId),
            render: () =>
              deps.templates.render('staff.alerts.meeting-reminder', {
                township: labels.township(meeting.townshipId),
                date,
                time,
                place: meeting.place,
                attending,
              }),
          },
          now,
        );
      }
      return queued;
    });
  }
  if (summary.queued > 0) deps.onQueued?.();
  return summary;
}

function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** A moment as Shanghai date and HH:MM (China has no daylight saving). */
function shanghaiDateTime(at: Date): { date: LocalDate; time: string } {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return { date: shanghaiDate(at), time };
}
