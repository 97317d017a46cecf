import type Router from '@koa/router';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { CASE_STATES } from '../../domain/workflow/case-states';
import { barChart } from './bar-chart';
import { deadlineCounts, endOfWeek, openCases } from './dashboard-queries';
import { sendHtml } from './http-helpers';
import { frame } from './page-frame';
import { refuse } from './sign-in-routes';
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
    const open = await openCases(deps.db);
    const due = await deadlineCounts(deps.db, today);
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
    sendHtml(
      ctx,
      deps.pages.render('dashboard', {
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
