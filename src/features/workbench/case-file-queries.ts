import { and, asc, eq, inArray } from 'drizzle-orm';
import { type CaseRow, caseTimeline, factsOf } from '../../core/cases/case-records';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import { caseMembers, caseNotices, dueTimers, staffMembers } from '../../core/db/schema';
import { maskIdNumber, maskText } from '../../core/privacy/mask';
import { maskedIdentifiers } from '../../core/privacy/pii-access';
import type { StaffMember } from '../../core/staff/staff-directory';
import { shanghaiDate, shanghaiParts, toLocalDate, workingDaysBetween } from '../../domain/calendar';
import type { CaseState } from '../../domain/workflow/case-states';
import { transitionFor } from '../../domain/workflow/transition-table';
import type { EventType } from '../../domain/workflow/workflow-events';
import type { WorkbenchDeps } from './workbench-deps';

/** The clause of a step that is not in the transition table (the submission itself). */
const SUBMIT_CLAUSE = '六(一)';

export interface CaseFileData {
  identifiers: { idNumber: string; phone?: string };
  members: { name: string; relation: string; idNumber: string }[];
  timeline: {
    at: string;
    event: string;
    actorId: string;
    actorName: string | undefined;
    actorRole: string;
    clause: string;
    reason: string;
  }[];
  deadlines: { kind: string; dueOn: string; daysLeft: number }[];
  notices: { kind: string; templateId: string; at: string }[];
}

/**
 * What the case file shows besides the case row: the household with ID numbers masked, every
 * step with who, when and the clause it rests on, the open deadlines in working days, and the
 * notices archived with the case.
 */
export async function caseFileData(deps: WorkbenchDeps, row: CaseRow, now: Date): Promise<CaseFileData> {
  const { db, cipher } = deps;
  const members = await db
    .select()
    .from(caseMembers)
    .where(eq(caseMembers.caseId, row.id))
    .orderBy(asc(caseMembers.id));
  const timeline = await caseTimeline(db, row.id);
  const actorIds = [...new Set(timeline.map((e) => e.actor.id))];
  const names =
    actorIds.length === 0
      ? []
      : await db
          .select({ userId: staffMembers.userId, name: staffMembers.name })
          .from(staffMembers)
          .where(inArray(staffMembers.userId, actorIds));
  const timers = await db
    .select()
    .from(dueTimers)
    .where(and(eq(dueTimers.caseId, row.id), eq(dueTimers.status, 'open')))
    .orderBy(asc(dueTimers.dueOn));
  const notices = await db
    .select({ kind: caseNotices.kind, templateId: caseNotices.templateId, at: caseNotices.createdAt })
    .from(caseNotices)
    .where(eq(caseNotices.caseId, row.id))
    .orderBy(asc(caseNotices.id));
  const facts = factsOf(row);
  const today = toLocalDate(shanghaiDate(now));
  return {
    identifiers: maskedIdentifiers(cipher, row),
    members: members.map((m) => ({
      name: m.name,
      relation: m.relation,
      idNumber: m.idSealed ? maskIdNumber(openOrEmpty(cipher, m.idSealed)) : '',
    })),
    timeline: timeline.map((e) => ({
      at: stamp(e.at),
      event: e.event,
      actorId: e.actor.id,
      actorName: names.find((n) => n.userId === e.actor.id)?.name,
      actorRole: e.actor.role,
      clause:
        e.event === 'submit'
          ? SUBMIT_CLAUSE
          : e.from
            ? (transitionFor(e.from, e.event as EventType, facts)?.clause ?? '')
            : '',
      reason: e.reason ? maskText(e.reason) : '',
    })),
    deadlines: timers.map((t) => ({
      kind: t.kind,
      dueOn: t.dueOn,
      daysLeft: workingDaysBetween(deps.calendar, today, toLocalDate(t.dueOn)).days,
    })),
    notices: notices.map((n) => ({ kind: n.kind, templateId: n.templateId, at: stamp(n.at) })),
  };
}

/** `2026-12-01 09:30` in Asia/Shanghai. */
export function stamp(at: Date): string {
  const p = shanghaiParts(at);
  return `${p.date} ${p.time}`;
}

function openOrEmpty(cipher: PiiCipher, sealed: string): string {
  try {
    return cipher.open(sealed);
  } catch {
    return '';
  }
}

export type { CaseState, StaffMember };
