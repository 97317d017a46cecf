import type Router from '@koa/router';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { CASE_STATES } from '../../domain/workflow/case-states';
import { monthWindow, previousMonth, toReportMonth } from '../bureau/report-month';
import { barChart } from './bar-chart';
import { deadlineCounts, endOfWeek, openCases } from './dashboard-queries';
import { sendHtml } from './http-helpers';
import { frame } from './page-frame';
import { refuse } from './sign-in-routes';
import { decisionsPerMonth, openSpotChecks, openWarnings } from './supervision-queries';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

const PROGRAMS = ['dibao', 'tekun', 'linshi'] as const;

/**
 * The bureau's dashboard across townships: open cases by program and by step per township, cases
 * overdue and due this week per township, and two small SVG bar charts. Bureau supervisors only.
 */
export function dashboardRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/dashboard', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    if (who.staff.role !== 'bureau_supervisor' && who.staff.role !== 'admin') {
      return refuse(ctx, deps, 'not-for-role', 403, 'wrong_role');
    }
    const { templates } = deps;
    const labels = templates.phrases('workbench.labels');
    const programs = templates.phrases('chat.programs');
    const states = templates.phrases('staff.states');
    const today = toLocalDate(shanghaiDate(deps.now()));
    // Decisions of the last six months, per township; open warnings and spot checks with deadlines.
    const months: string[] = [];
    for (let m = previousMonth(deps.now()), i = 0; i < 5; i++, m = previousMonth(monthWindow(m).start))
      months.unshift(m);
    months.push(today.slice(0, 7));
    // The queries do not depend on each other: run them side by side on the pool.
    const [open, due, decisions, openWarningRows, openSpotCheckRows] = await Promise.all([
      openCases(deps.db),
      deadlineCounts(deps.db, today),
      decisionsPerMonth(deps.db, monthWindow(toReportMonth(months[0]!)).start),
      openWarnings(deps.db),
      openSpotChecks(deps.db),
    ]);
    const usedStates = CASE_STATES.filter((s) => open.some((o) => o.state === s));
    const sum = (rows: typeof open) => rows.reduce((total, r) => total + r.n, 0);
    const townships = deps.townships.map((t) => {
      const mine = open.filter((o) => o.townshipId === t.id);
      const d = due.find((x) => x.townshipId === t.id);
      return {
        id: t.id,
        name: t.name,
        total: sum(mine),
        programs: PROGRAMS.map((p) => sum(mine.filter((o) => o.program === p))),
        steps: usedStates.map((s) => sum(mine.filter((o) => o.state === s))),
        overdue: d?.overdue ?? 0,
        dueThisWeek: d?.dueThisWeek ?? 0,
      };
    });
    const byStep = usedStates.map((s) => ({
      label: states[s] ?? s,
      value: sum(open.filter((o) => o.state === s)),
    }));
    const overdueChart = townships
      .filter((t) => t.overdue > 0 || t.dueThisWeek > 0)
      .sort((a, b) => b.overdue - a.overdue)
      .map((t) => ({ label: t.name, value: t.overdue }));
    const nameOf = (id: string) => deps.townships.find((t) => t.id === id)?.name ?? id;
    const decisionRows = deps.townships
      .map((t) => ({
        name: t.name,
        counts: months.map((m) => decisions.find((d) => d.townshipId === t.id && d.month === m)?.n ?? 0),
      }))
      .filter((r) => r.counts.some((n) => n > 0));
    const warnings = openWarningRows.map((w) => ({
      ...w,
      township: nameOf(w.townshipId),
      overdue: w.dueOn < today,
    }));
    const spotChecks = openSpotCheckRows.map((s) => ({
      ...s,
      township: nameOf(s.townshipId),
      status: labels[`spot.${s.status}`] ?? s.status,
      overdue: Boolean(s.rectifyBy && s.rectifyBy < today),
    }));
    const lastMonth = previousMonth(deps.now());
    sendHtml(
      ctx,
      deps.pages.render('dashboard', {
        months,
        decisionRows,
        decisionTotals: months.map((m) =>
          decisions.filter((d) => d.month === m).reduce((n, d) => n + d.n, 0),
        ),
        warnings,
        spotChecks,
        report: { month: lastMonth, href: `/workbench/reports/${lastMonth}` },
        ...frame(deps, who, 'dashboard', templates.phrase('workbench.labels', 'command.todo')),
        title: labels['nav.dashboard'],
        today,
        weekEnd: endOfWeek(today),
        programHeads: PROGRAMS.map((p) => programs[p] ?? p),
        stepHeads: usedStates.map((s) => states[s] ?? s),
        townships,
        totals: {
          total: sum(open),
          programs: PROGRAMS.map((p) => sum(open.filter((o) => o.program === p))),
          steps: usedStates.map((s) => sum(open.filter((o) => o.state === s))),
          overdue: townships.reduce((n, t) => n + t.overdue, 0),
          dueThisWeek: townships.reduce((n, t) => n + t.dueThisWeek, 0),
        },
        stepChart: { title: labels['chart.open-by-step'], ...barChart(byStep, 360, 130) },
        overdueChart: { title: labels['chart.overdue-by-township'], ...barChart(overdueChart, 360, 100) },
      }),
    );
  });
}
