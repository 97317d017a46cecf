import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { caseNotices, cases, dueTimers } from '../../core/db/schema';
import {
  type LocalDate,
  toLocalDate,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../../domain/calendar';
import type { MaterialId } from '../../domain/materials/material-types';
import { APPLICATION_IN_PROGRESS, type CaseState } from '../../domain/workflow/case-states';

export interface ResidentCaseView {
  id: string;
  program: 'dibao' | 'tekun' | 'linshi';
  state: CaseState;
  townshipId: string;
  /** The statutory decision deadline while it runs, with working days left (negative: late). */
  decision?: { dueOn: string; workingDaysLeft: number; provisional: boolean };
  /** 一次性告知: what the township asked for, when the case waits for the resident's materials. */
  missingMaterials?: MaterialId[];
}

/** The cases a resident applied for in chat, newest first (for “我的申请到哪一步了”). */
export async function casesOfResident(
  db: Db,
  contact: { userId: string; channel: 'app' | 'kf' },
  today: LocalDate,
  calendar: WorkingDayCalendar,
  limit = 3,
): Promise<ResidentCaseView[]> {
  const rows = await db
    .select({ id: cases.id, program: cases.program, state: cases.state, townshipId: cases.townshipId })
    .from(cases)
    .where(and(eq(cases.applicantUserId, contact.userId), eq(cases.applicantChannel, contact.channel)))
    .orderBy(desc(cases.createdAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const timers = await db
    .select({ caseId: dueTimers.caseId, dueOn: dueTimers.dueOn, provisional: dueTimers.provisional })
    .from(dueTimers)
    .where(and(inArray(dueTimers.caseId, ids), eq(dueTimers.kind, 'decision'), eq(dueTimers.status, 'open')));
  const notices = await db
    .select({ caseId: caseNotices.caseId, payload: caseNotices.payload })
    .from(caseNotices)
    .where(and(inArray(caseNotices.caseId, ids), eq(caseNotices.kind, 'materials')))
    .orderBy(desc(caseNotices.id));
  return rows.map((row) => {
    const state = row.state as CaseState;
    const view: ResidentCaseView = { id: row.id, program: row.program, state, townshipId: row.townshipId };
    const timer = timers.find((t) => t.caseId === row.id);
    if (timer && APPLICATION_IN_PROGRESS.includes(state)) {
      const left = workingDaysBetween(calendar, today, toLocalDate(timer.dueOn));
      view.decision = {
        dueOn: timer.dueOn,
        workingDaysLeft: left.days,
        provisional: timer.provisional || left.provisional,
      };
    }
    if (state === 'awaiting_materials') {
      const notice = notices.find((n) => n.caseId === row.id);
      const items = (notice?.payload as { items?: unknown } | undefined)?.items;
      if (Array.isArray(items))
        view.missingMaterials = items.filter((i): i is MaterialId => typeof i === 'string');
    }
    return view;
  });
}

/** The newest case of a resident still on its way to a decision (uploads are filed with it). */
export async function openCaseOfResident(
  db: Db,
  contact: { userId: string; channel: 'app' | 'kf' },
): Promise<{ id: string; townshipId: string } | undefined> {
  const [row] = await db
    .select({ id: cases.id, townshipId: cases.townshipId })
    .from(cases)
    .where(
      and(
        eq(cases.applicantUserId, contact.userId),
        eq(cases.applicantChannel, contact.channel),
        inArray(cases.state, [...APPLICATION_IN_PROGRESS]),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(1);
  return row;
}

/** The township of the resident's latest case, whatever its state (where their caseworkers are). */
export async function townshipOfResident(
  db: Db,
  contact: { userId: string; channel: 'app' | 'kf' },
): Promise<string | undefined> {
  const [row] = await db
    .select({ townshipId: cases.townshipId })
    .from(cases)
    .where(and(eq(cases.applicantUserId, contact.userId), eq(cases.applicantChannel, contact.channel)))
    .orderBy(desc(cases.createdAt))
    .limit(1);
  return row?.townshipId;
}
