import type Router from '@koa/router';
import { sendHtml } from './http-helpers';
import { frame, townshipName } from './page-frame';
import { type TodoFilters, todoView } from './todo-view';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

const MAX_QUERY = 40;
/** Rows on one page: a township's whole list is thousands of cases, a page must stay small (< 150 KB). */
export const PAGE_SIZE = 50;

function filtersOf(query: Record<string, unknown>): TodoFilters {
  const one = (key: string) => String(Array.isArray(query[key]) ? query[key][0] : (query[key] ?? '')).trim();
  return {
    program: one('program'),
    step: one('step'),
    village: one('village'),
    q: one('q').slice(0, MAX_QUERY),
  };
}

/**
 * 待办 as a page: the same list as the chat command (`todoOf`: the township's cases by working
 * days left on the nearest statutory deadline, overdue first; the bureau's own queue for
 * supervisors), filtered by program, step and village and searched by case number or name.
 */
export function todoRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/todo', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const { templates } = deps;
    const programs = templates.phrases('chat.programs');
    const states = templates.phrases('staff.states');
    const alerts = templates.phrases('staff.alerts');
    const f = filtersOf(ctx.query);
    const bureau = who.staff.role === 'bureau_supervisor' || who.staff.role === 'admin';
    const asked = Math.max(1, Number.parseInt(String(ctx.query.page ?? '1'), 10) || 1);
    const view = await todoView(deps, who.staff, f, asked, PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(view.count / PAGE_SIZE));
    const page = view.page;
    const pageLink = (n: number) => {
      const query = new URLSearchParams({ ...f, page: String(n) });
      for (const [key, value] of [...query]) if (value === '') query.delete(key);
      return `/workbench/todo?${query.toString()}`;
    };
    const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort();
    sendHtml(
      ctx,
      deps.pages.render('todo', {
        ...frame(deps, who, 'todo', templates.phrase('workbench.labels', 'command.todo')),
        title: templates.phrase('workbench.labels', 'nav.todo'),
        bureau,
        township: townshipName(deps, who.staff.townshipId),
        total: view.total,
        count: view.count,
        filtered: Boolean(f.program || f.step || f.village || f.q),
        filters: f,
        programs: Object.entries(programs).map(([value, label]) => ({
          value,
          label,
          selected: value === f.program,
        })),
        steps: distinct(view.states).map((value) => ({
          value,
          label: states[value] ?? value,
          selected: value === f.step,
        })),
        villages: distinct(view.villages).map((value) => ({
          value,
          selected: value === f.village,
        })),
        page,
        pages,
        paged: pages > 1,
        prev: page > 1 ? pageLink(page - 1) : undefined,
        next: page < pages ? pageLink(page + 1) : undefined,
        rows: view.rows.map((r) => ({
          ...r,
          programLabel: programs[r.program] ?? r.program,
          stateLabel: states[r.state] ?? r.state,
          href: `/workbench/cases/${encodeURIComponent(r.id)}`,
          deadline: r.deadline
            ? {
                label: alerts[`kind.${r.deadline.kind}`] ?? r.deadline.kind,
                dueOn: r.deadline.dueOn,
                daysLeft: r.deadline.daysLeft,
                overdue: r.deadline.daysLeft < 0,
                daysLate: -r.deadline.daysLeft,
                soon: r.deadline.daysLeft >= 0 && r.deadline.daysLeft <= 5,
              }
            : undefined,
        })),
      }),
    );
  });
}
