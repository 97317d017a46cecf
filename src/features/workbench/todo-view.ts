import { openVillage, villageHashes } from '../../core/cases/case-villages';
import type { StaffMember } from '../../core/staff/staff-directory';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { withWorkingDaysLeft } from '../casework/staff-cases';
import {
  bureauTodoPage,
  bureauTodoSummary,
  type TodoQuery,
  townshipTodoPage,
  townshipTodoSummary,
} from '../casework/todo-list';
import { townshipName } from './page-frame';
import type { WorkbenchDeps } from './workbench-deps';

export interface TodoFilters {
  program: string;
  step: string;
  village: string;
  q: string;
}

export interface TodoRow {
  id: string;
  name: string;
  program: string;
  state: string;
  village: string;
  township: string;
  since: string;
  deadline?: { kind: string; dueOn: string; daysLeft: number };
}

/** One page of a staff member's queue, with what the filters offer over the whole queue. */
export interface TodoView {
  total: number;
  /** Rows matching the filters over all pages. */
  count: number;
  states: string[];
  villages: string[];
  /** The page shown: the one asked for, or the last when asked past the end. */
  page: number;
  rows: TodoRow[];
}

interface Queue {
  summary(): Promise<{ total: number; states: string[]; villagesSealed: string[] }>;
  page(n: number): Promise<{ matched: number; rows: TodoRow[] }>;
}

/** The filters as a list query: exact program, step and village; the search in number or name. */
function queryOf(f: TodoFilters, deps: WorkbenchDeps, bureau: boolean): TodoQuery {
  return {
    ...(f.program ? { program: f.program } : {}),
    ...(f.step ? { step: f.step } : {}),
    // The bureau's rows carry no village: a village filter leaves none of them.
    ...(f.village ? { villageHashes: bureau ? [] : villageHashes(deps.cipher, f.village) } : {}),
    ...(f.q ? { search: f.q } : {}),
  };
}

function queueOf(deps: WorkbenchDeps, staff: StaffMember, f: TodoFilters, size: number): Queue {
  const bureau = staff.role === 'bureau_supervisor' || staff.role === 'admin';
  const query = queryOf(f, deps, bureau);
  if (bureau)
    return {
      summary: async () => ({ ...(await bureauTodoSummary(deps.db)), villagesSealed: [] }),
      page: async (n) => {
        const p = await bureauTodoPage(deps.db, query, size, (n - 1) * size);
        return {
          matched: p.matched,
          rows: p.rows.map((i) => ({
            id: i.id,
            name: '',
            program: i.program,
            state: i.state,
            village: '',
            township: townshipName(deps, i.townshipId),
            since: shanghaiDate(i.since),
          })),
        };
      },
    };
  const townshipId = staff.townshipId;
  if (!townshipId)
    return {
      summary: async () => ({ total: 0, states: [], villagesSealed: [] }),
      page: async () => ({ matched: 0, rows: [] }),
    };
  return {
    summary: () => townshipTodoSummary(deps.db, townshipId),
    page: async (n) => {
      const p = await townshipTodoPage(deps.db, townshipId, query, size, (n - 1) * size);
      const today = toLocalDate(shanghaiDate(deps.now()));
      // Working days are counted for the rows shown only; villages opened for them alone.
      const items = withWorkingDaysLeft(p.rows, today, deps.calendar);
      return {
        matched: p.matched,
        rows: items.map((i, at) => ({
          id: i.id,
          name: i.applicantName,
          program: i.program,
          state: i.state,
          village: openVillage(deps.cipher, p.rows[at]!.villageSealed),
          township: '',
          since: '',
          ...(i.deadline
            ? {
                deadline: {
                  kind: i.deadline.kind,
                  dueOn: i.deadline.dueOn,
                  daysLeft: i.deadline.workingDaysLeft,
                },
              }
            : {}),
        })),
      };
    },
  };
}

/**
 * A staff member's 待办 as one page: the township's queue (`todoOf`'s order) or the bureau's,
 * filtered, counted and paged in the database. The queue's summary and the page asked for are
 * read side by side.
 */
export async function todoView(
  deps: WorkbenchDeps,
  staff: StaffMember,
  f: TodoFilters,
  asked: number,
  size: number,
): Promise<TodoView> {
  const queue = queueOf(deps, staff, f, size);
  const filtered = Boolean(f.program || f.step || f.village || f.q);
  const [summary, first] = await Promise.all([queue.summary(), queue.page(asked)]);
  let shown = first;
  let page = asked;
  let count = filtered ? first.matched : summary.total;
  if (first.rows.length === 0 && asked > 1) {
    // Past the end (an old link, or fewer cases since): count, then show the last page.
    const one = filtered ? await queue.page(1) : undefined;
    if (one) count = one.matched;
    page = Math.max(1, Math.ceil(count / size));
    shown = page === 1 && one ? one : await queue.page(page);
  }
  const villages = summary.villagesSealed.map((v) => openVillage(deps.cipher, v));
  return { total: summary.total, count, states: summary.states, villages, page, rows: shown.rows };
}
