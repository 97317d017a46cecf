import type Router from '@koa/router';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { bureauTodoOf, todoOf } from '../casework/staff-cases';
import { villagesOf } from './case-villages';
import { sendHtml } from './http-helpers';
import { frame, townshipName } from './page-frame';
import type { WorkbenchDeps } from './workbench-deps';
import { signedIn } from './workbench-session';

/** More than any township has open; the list is filtered and searched here, not cut. */
const WHOLE_LIST = 100_000;
const MAX_QUERY = 40;

export interface TodoFilters {
  program: string;
  step: string;
  village: string;
  q: string;
}

function filtersOf(query: Record<string, unknown>): TodoFilters {
  const one = (key: string) => String(Array.isArray(query[key]) ? query[key][0] : (query[key] ?? '')).trim();
  return {
    program: one('program'),
    step: one('step'),
    village: one('village'),
    q: one('q').slice(0, MAX_QUERY),
  };
}

interface Row {
  id: string;
  name: string;
  program: string;
  state: string;
  village: string;
  township: string;
}

/** Whether a row passes the filters: exact program, step and village; the search in number or name. */
export function matches(row: Row, f: TodoFilters): boolean {
  if (f.program && row.program !== f.program) return false;
  if (f.step && row.state !== f.step) return false;
  if (f.village && row.village !== f.village) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!row.id.toLowerCase().includes(q) && !row.name.includes(f.q)) return false;
  }
  return true;
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
    const now = deps.now();
    const bureau = who.staff.role === 'bureau_supervisor' || who.staff.role === 'admin';
    const rows = bureau
      ? (await bureauTodoOf(deps.db, WHOLE_LIST)).items.map((i) => ({
          id: i.id,
          name: '',
          program: i.program,
          state: i.state,
          village: '',
          township: townshipName(deps, i.townshipId),
          since: shanghaiDate(i.since),
          deadline: undefined,
        }))
      : await townshipRows();

    async function townshipRows() {
      const { items } = await todoOf(
        deps.db,
        who!.staff,
        toLocalDate(shanghaiDate(now)),
        deps.calendar,
        WHOLE_LIST,
      );
      const villages = await villagesOf(
        deps.db,
        deps.cipher,
        items.map((i) => i.id),
      );
      return items.map((i) => ({
        id: i.id,
        name: i.applicantName,
        program: i.program,
        state: i.state,
        village: villages.get(i.id) ?? '',
        township: '',
        since: '',
        deadline: i.deadline
          ? {
              label: alerts[`kind.${i.deadline.kind}`] ?? i.deadline.kind,
              dueOn: i.deadline.dueOn,
              daysLeft: i.deadline.workingDaysLeft,
              overdue: i.deadline.workingDaysLeft < 0,
              daysLate: -i.deadline.workingDaysLeft,
              soon: i.deadline.workingDaysLeft >= 0 && i.deadline.workingDaysLeft <= 5,
            }
          : undefined,
      }));
    }

    const shown = rows.filter((r) => matches(r, f));
    const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort();
    sendHtml(
      ctx,
      deps.pages.render('todo', {
        ...frame(deps, who, 'todo', templates.phrase('workbench.labels', 'command.todo')),
        title: templates.phrase('workbench.labels', 'nav.todo'),
        bureau,
        township: townshipName(deps, who.staff.townshipId),
        total: rows.length,
        count: shown.length,
        filtered: Boolean(f.program || f.step || f.village || f.q),
        filters: f,
        programs: Object.entries(programs).map(([value, label]) => ({
          value,
          label,
          selected: value === f.program,
        })),
        steps: distinct(rows.map((r) => r.state)).map((value) => ({
          value,
          label: states[value] ?? value,
          selected: value === f.step,
        })),
        villages: distinct(rows.map((r) => r.village)).map((value) => ({
          value,
          selected: value === f.village,
        })),
        rows: shown.map((r) => ({
          ...r,
          programLabel: programs[r.program] ?? r.program,
          stateLabel: states[r.state] ?? r.state,
          href: `/workbench/cases/${encodeURIComponent(r.id)}`,
        })),
      }),
    );
  });
}
