import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { type AlertJobDeps, alertLabels } from '../../core/alerting/alert-deps';
import { queueAlert } from '../../core/alerting/alert-queue';
import { loadAlertRecipients } from '../../core/alerting/alert-recipients';
import { cases, dueTimers } from '../../core/db/schema';
import type { JobSummary } from '../../core/scheduling/job-types';
import { isWorkingDay, shanghaiDate, toLocalDate, workingDaysBetween } from '../../domain/calendar';
import { publicityEndableFrom } from '../../domain/deadlines';

export const DAILY_DIGEST_JOB = 'daily-digest';

/** Lines in one digest; the rest are counted (a long digest would be split into many parts). */
export const DIGEST_MAX_LINES = 30;

/**
 * The morning digest (working days only): each caseworker gets their township's open cases by
 * their open deadlines — one line per deadline (a case may have its investigation and its decision
 * running), overdue first, then by working days left; publicity shows when it ends — and the number
 * of new applications awaiting the material check. The 20-day internal target is left out (it is
 * not a deadline). HIV-tagged cases are never listed (Jilin rule: they are with the
 * bureau, out of township flows; the to-do list hides them too). Once per caseworker and day;
 * nothing is sent to a township with nothing open.
 */
export async function runDailyDigest(now: Date, deps: AlertJobDeps): Promise<JobSummary> {
  const { db, calendar } = deps;
  const today = shanghaiDate(now);
  if (!isWorkingDay(calendar, today)) return { today, skipped: 'non-working-day' };
  const labels = alertLabels(deps);
  const recipients = await loadAlertRecipients(db, labels.leadPosition);
  const summary = { today, townships: 0, queued: 0 };
  for (const townshipId of recipients.caseworkerTownships()) {
    const timers = await db
      .select({
        caseId: dueTimers.caseId,
        kind: dueTimers.kind,
        dueOn: dueTimers.dueOn,
        name: cases.applicantName,
        program: cases.program,
      })
      .from(dueTimers)
      .innerJoin(cases, eq(cases.id, dueTimers.caseId))
      .where(
        and(
          eq(cases.townshipId, townshipId),
          eq(cases.hivTagged, false),
          sql`${dueTimers.status} = 'open'`,
          ne(dueTimers.kind, 'target20'),
        ),
      )
      .orderBy(asc(dueTimers.dueOn), asc(dueTimers.id));
    const [awaiting] = await db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.townshipId, townshipId), eq(cases.state, 'submitted'), eq(cases.hivTagged, false)));
    const awaitingAcceptance = awaiting?.n ?? 0;
    const lines = timers
      .map((t) => {
        const days = workingDaysBetween(calendar, today, toLocalDate(t.dueOn)).days;
        const publicity = t.kind === 'publicity';
        return {
          caseId: t.caseId,
          name: t.name,
          program: labels.program(t.program),
          kindLabel: labels.kind(t.kind),
          dueOn: t.dueOn,
          publicity,
          over: publicity && t.dueOn < today,
          endableFrom: publicity ? publicityEndableFrom(toLocalDate(t.dueOn)) : undefined,
          overdue: !publicity && t.dueOn < today,
          daysOverdue: -days,
          dueToday: t.dueOn === today,
          daysLeft: days,
        };
      })
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.daysLeft - b.daysLeft);
    if (lines.length === 0 && awaitingAcceptance === 0) continue;
    summary.townships += 1;
    const shown = lines.slice(0, DIGEST_MAX_LINES).map((line, i) => ({ n: i + 1, ...line }));
    summary.queued += await queueAlert(
      db,
      {
        key: `digest:${today}`,
        kind: 'digest',
        recipients: recipients.caseworkers(townshipId),
        render: () =>
          deps.templates.render('staff.alerts.daily-digest', {
            township: labels.township(townshipId),
            today,
            total: lines.length,
            cases: new Set(lines.map((l) => l.caseId)).size,
            lines: shown,
            more: lines.length - shown.length,
            awaitingAcceptance,
          }),
      },
      now,
    );
  }
  if (summary.queued > 0) deps.onQueued?.();
  return summary;
}
