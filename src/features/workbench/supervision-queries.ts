import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { queryRows } from '../../core/db/raw-query';
import { bureauWarnings, spotChecks } from '../../core/db/schema';
import { DECISION_EVENTS } from '../../domain/workflow/decision-events';

export interface DecisionCount {
  month: string;
  townshipId: string;
  n: number;
}

/** The township's decisions per month (Shanghai months) since `from` (the first day of a month). */
export async function decisionsPerMonth(db: Db, from: Date): Promise<DecisionCount[]> {
  const rows = await queryRows<{ month: string; township_id: string; n: string }>(
    db,
    sql`select to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, c.township_id, count(*) as n
        from case_events e join cases c on c.id = e.case_id
        where e.event_type in (${sql.join(
          DECISION_EVENTS.map((t) => sql`${t}`),
          sql`, `,
        )}) and e.at >= ${from}
        group by 1, 2`,
  );
  return rows.map((r) => ({ month: r.month, townshipId: r.township_id, n: Number(r.n) }));
}

/** Open bureau warnings (七(三)): re-checks the townships owe, soonest due first. */
export async function openWarnings(db: Db) {
  return db
    .select({
      id: bureauWarnings.id,
      townshipId: bureauWarnings.townshipId,
      caseId: bureauWarnings.caseId,
      receivedOn: bureauWarnings.receivedOn,
      dueOn: bureauWarnings.dueOn,
    })
    .from(bureauWarnings)
    .where(eq(bureauWarnings.status, 'open'))
    .orderBy(asc(bureauWarnings.dueOn))
    .limit(50);
}

/** Spot checks not closed (六(六)): sampled, or under rectification with their deadline. */
export async function openSpotChecks(db: Db) {
  return db
    .select({
      batch: spotChecks.batch,
      caseId: spotChecks.caseId,
      townshipId: spotChecks.townshipId,
      status: spotChecks.status,
      rectifyBy: spotChecks.rectifyBy,
    })
    .from(spotChecks)
    .where(and(ne(spotChecks.status, 'closed'), ne(spotChecks.status, 'passed')))
    .orderBy(asc(spotChecks.rectifyBy), asc(spotChecks.caseId))
    .limit(50);
}
