import { type SQL, sql } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import type { Db } from '../../core/db/database';
import { queryRows } from '../../core/db/raw-query';
import {
  LEGAL_DEADLINES,
  type LegalDeadline,
  NEEDS_BUREAU,
  NEEDS_TOWNSHIP,
} from '../../domain/workflow/work-queues';

/**
 * The 待办 lists as SQL: a large township has thousands of open cases, so ordering, filtering,
 * counting and paging happen in the database and only the rows shown come back.
 */

/** What a list may be narrowed to; every field optional, all of them must hold. */
export interface TodoQuery {
  program?: string;
  step?: string;
  /** Keyed hashes of a village (one per key in the ring); the list keeps cases declared there. */
  villageHashes?: readonly string[];
  /** Part of the case number (any case) or of the applicant's name. */
  search?: string;
  /** Search the case number only (the bureau's list shows no names). */
  numberOnly?: boolean;
}

export interface TownshipTodoRow {
  id: string;
  program: CaseRow['program'];
  applicantName: string;
  state: string;
  villageSealed: string | null;
  /** The nearest open statutory deadline. */
  deadline?: { kind: LegalDeadline; dueOn: string };
}

export interface BureauTodoRow {
  id: string;
  program: CaseRow['program'];
  townshipId: string;
  state: string;
  since: Date;
}

export interface Page<T> {
  rows: T[];
  /** Rows matching the query over all pages; 0 when the page asked for is past the end. */
  matched: number;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Cases of the township (户籍, or residence for 人户分离); HIV cases are with the bureau. */
const ofTownship = (townshipId: string) =>
  sql`(c.township_id = ${townshipId} or c.residence_township_id = ${townshipId}) and not c.hiv_tagged`;

const openLegalDeadline = sql`t.case_id = c.id and t.status = 'open' and t.kind in (${list(LEGAL_DEADLINES)})`;

function narrowed(q: TodoQuery): SQL {
  const parts: SQL[] = [];
  if (q.program) parts.push(sql`c.program = ${q.program}`);
  if (q.step) parts.push(sql`c.state = ${q.step}`);
  if (q.villageHashes)
    parts.push(q.villageHashes.length ? sql`c.village_hash in (${list(q.villageHashes)})` : sql`false`);
  if (q.search) {
    // strpos, not like: the search is matched as typed, with no wildcard to escape.
    const byName = q.numberOnly ? sql`false` : sql`strpos(c.applicant_name, ${q.search}) > 0`;
    parts.push(sql`(strpos(lower(c.id), lower(${q.search})) > 0 or ${byName})`);
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * A page of the township's queue: cases waiting for the township and decided cases with a written
 * notice still due, by the due date of the nearest open statutory deadline (working days left grow
 * with it), overdue first; then cases without a running deadline, oldest first.
 */
export async function townshipTodoPage(
  db: Db,
  townshipId: string,
  q: TodoQuery,
  limit: number,
  offset = 0,
): Promise<Page<TownshipTodoRow>> {
  const rows = await queryRows<{
    id: string;
    program: CaseRow['program'];
    applicant_name: string;
    state: string;
    village_sealed: string | null;
    kind: LegalDeadline | null;
    due_on: string | null;
    matched: number;
  }>(
    db,
    sql`select c.id, c.program, c.applicant_name, c.state, c.village_sealed, n.kind, n.due_on,
          count(*) over ()::int as matched
        from cases c
        left join lateral (
          select t.kind, t.due_on from due_timers t where ${openLegalDeadline}
          order by t.due_on, t.kind limit 1
        ) n on true
        where ${ofTownship(townshipId)}
          and (c.state in (${list(NEEDS_TOWNSHIP)}) or n.kind is not null)
          and ${narrowed(q)}
        order by n.due_on asc nulls last, c.created_at, c.id
        limit ${limit} offset ${offset}`,
  );
  return {
    matched: Number(rows[0]?.matched ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      program: r.program,
      applicantName: r.applicant_name,
      state: r.state,
      villageSealed: r.village_sealed,
      ...(r.kind && r.due_on ? { deadline: { kind: r.kind, dueOn: r.due_on } } : {}),
    })),
  };
}

export interface QueueSummary {
  total: number;
  /** Steps present in the whole queue. */
  states: string[];
  /** One sealed name per village present in the whole queue. */
  villagesSealed: string[];
}

/** The whole township queue in counts: its size, the steps and the villages in it (for the filters). */
export async function townshipTodoSummary(db: Db, townshipId: string): Promise<QueueSummary> {
  const rows = await queryRows<{ state: string; hash: string | null; village: string | null; n: number }>(
    db,
    sql`select c.state, c.village_hash as hash, min(c.village_sealed) as village, count(*)::int as n
        from cases c
        where ${ofTownship(townshipId)}
          and (c.state in (${list(NEEDS_TOWNSHIP)})
            or exists (select 1 from due_timers t where ${openLegalDeadline}))
        group by c.state, c.village_hash`,
  );
  return {
    total: rows.reduce((n, r) => n + Number(r.n), 0),
    states: [...new Set(rows.map((r) => r.state))],
    villagesSealed: [
      ...new Map(rows.flatMap((r) => (r.hash && r.village ? [[r.hash, r.village] as const] : []))).values(),
    ],
  };
}

const bureauOrder = sql.join(
  NEEDS_BUREAU.map((s, i) => sql`when ${s} then ${sql.raw(String(i))}`),
  sql` `,
);

/** A page of the bureau's queue: its own decisions first, then filings, each oldest first. */
export async function bureauTodoPage(
  db: Db,
  q: TodoQuery,
  limit: number,
  offset = 0,
): Promise<Page<BureauTodoRow>> {
  const rows = await queryRows<{
    id: string;
    program: CaseRow['program'];
    township_id: string;
    state: string;
    since: Date | string;
    matched: number;
  }>(
    db,
    sql`select c.id, c.program, c.township_id, c.state, c.updated_at as since, count(*) over ()::int as matched
        from cases c
        where c.state in (${list(NEEDS_BUREAU)}) and ${narrowed({ ...q, numberOnly: true })}
        order by case c.state ${bureauOrder} end, c.updated_at, c.id
        limit ${limit} offset ${offset}`,
  );
  return {
    matched: Number(rows[0]?.matched ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      program: r.program,
      townshipId: r.township_id,
      state: r.state,
      since: new Date(r.since),
    })),
  };
}

/** The bureau's queue in counts: its size and the steps in it. */
export async function bureauTodoSummary(db: Db): Promise<Pick<QueueSummary, 'total' | 'states'>> {
  const rows = await queryRows<{ state: string; n: number }>(
    db,
    sql`select c.state, count(*)::int as n from cases c where c.state in (${list(NEEDS_BUREAU)}) group by c.state`,
  );
  return { total: rows.reduce((n, r) => n + Number(r.n), 0), states: rows.map((r) => r.state) };
}
