import type Router from '@koa/router';
import { and, asc, eq, gte } from 'drizzle-orm';
import { meetings } from '../../core/db/schema';
import { shanghaiDate, shanghaiParts } from '../../domain/calendar';
import { invitedPeople, tallyOf } from '../meetings/meeting-records';
import { sendHtml } from './http-helpers';
import { frame, townshipName } from './page-frame';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

/** Meetings from the start of the last day on are still "upcoming" (the day's meeting included). */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The coordination group's page: the township's scheduled review meetings (评审合议会) from today
 * on, with the cases on the agenda, each invitee's answer, and whether the confirmed attendance
 * reaches the quorum in force (六(三)) — as live as the cards' clicks. The bureau sees every township.
 */
export function meetingsRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/meetings', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const { templates } = deps;
    const labels = templates.phrases('workbench.labels');
    const now = deps.now();
    const township = who.staff.townshipId;
    const bureau = who.staff.role === 'bureau_supervisor' || who.staff.role === 'admin';
    const since = new Date(now.getTime() - DAY_MS);
    const rows =
      !bureau && !township
        ? []
        : await deps.db
            .select()
            .from(meetings)
            .where(
              and(
                eq(meetings.status, 'scheduled'),
                gte(meetings.heldAt, since),
                ...(bureau ? [] : [eq(meetings.townshipId, township ?? '')]),
              ),
            )
            .orderBy(asc(meetings.heldAt))
            .limit(50);
    const quorum = deps.steps.rules.minimums(shanghaiDate(now)).meetingParticipants;
    const list = [];
    for (const m of rows) {
      const tally = await tallyOf(deps.db, m.id);
      const people = await invitedPeople(deps.db, m.id);
      const when = shanghaiParts(m.heldAt);
      const agenda = Array.isArray(m.agenda) ? (m.agenda as { caseId?: unknown; name?: unknown }[]) : [];
      list.push({
        id: m.id,
        date: when.date,
        time: when.time,
        started: m.heldAt.getTime() <= now.getTime(),
        place: m.place,
        township: townshipName(deps, m.townshipId),
        tally,
        quorum,
        quorumMet: tally.attend >= quorum,
        people: people.map((p) => ({ ...p, answerLabel: labels[`answer.${p.answer}`] ?? p.answer })),
        agenda: agenda.map((a) => ({
          caseId: String(a.caseId ?? ''),
          name: String(a.name ?? ''),
          href: `/workbench/cases/${encodeURIComponent(String(a.caseId ?? ''))}`,
        })),
      });
    }
    sendHtml(
      ctx,
      deps.pages.render('meetings', {
        ...frame(deps, who, 'meetings', labels['command.meetings'] ?? ''),
        title: labels['nav.meetings'],
        bureau,
        township: townshipName(deps, township),
        meetings: list,
      }),
    );
  });

  router.get('/workbench/help', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const role = who.staff.role;
    sendHtml(
      ctx,
      deps.pages.render('help', {
        ...frame(deps, who, 'help', labels(deps)['command.menu'] ?? ''),
        title: labels(deps)['nav.help'],
        role: { [role]: true },
      }),
    );
  });
}

const labels = (deps: WorkbenchDeps) => deps.templates.phrases('workbench.labels');
