import { and, asc, eq } from 'drizzle-orm';
import {
  type Actor,
  BUSINESS_TYPES,
  type CaseFacts,
  type Program,
  type SubmittedBy,
  type TemporaryAidKind,
} from '../../domain/case/case-types';
import { checkIdNumber } from '../../domain/case/id-number';
import type { CaseState } from '../../domain/workflow/case-states';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { caseEvents, caseMembers, cases } from '../db/schema';
import { villageTag } from './case-villages';

export interface NewCase {
  id: string;
  program: Program;
  businessType: string;
  temporaryAidKind?: TemporaryAidKind;
  townshipId: string;
  residenceTownshipId?: string;
  submittedBy: SubmittedBy;
  applicant: { name: string; idNumber: string; phone?: string };
  members: { name: string; relation: string; idNumber?: string; circumstances?: string[] }[];
  nearRelativeDeclared: boolean;
  hivTagged: boolean;
  /** Where the applicant talks to us, when they applied in chat. */
  applicantContact?: { userId: string; channel: 'app' | 'kf'; openKfId?: string | undefined };
  /** The rest of what they declared (income, assets, circumstances), sealed with the identifiers. */
  declaration?: Record<string, unknown>;
}

export type CreateResult =
  | { ok: true; id: string }
  | { ok: false; code: 'invalid_id_number'; field: string; reason: string }
  | {
      ok: false;
      code: 'other_township' | 'wrong_role' | 'invalid_business_type' | 'temporary_aid_kind_missing';
    };

/**
 * Creates a submitted case with its first audit entry. Identifiers are checked (GB 11643) and
 * sealed; only their keyed hashes are searchable.
 */
export async function createCase(
  db: Db,
  cipher: PiiCipher,
  input: NewCase,
  actor: Actor,
  now: Date,
): Promise<CreateResult> {
  // 六(一), 四: the caseworker or committee of the township of 户籍 registers the application.
  // A resident may file only their own application, to the township they name as 户籍.
  const mayRegister =
    actor.role === 'township_caseworker' ||
    actor.role === 'village_committee' ||
    (actor.role === 'resident' && input.submittedBy === 'self');
  if (!mayRegister) return { ok: false, code: 'wrong_role' };
  if (actor.township !== input.townshipId) return { ok: false, code: 'other_township' };
  if (!(BUSINESS_TYPES[input.program] as readonly string[]).includes(input.businessType)) {
    return { ok: false, code: 'invalid_business_type' };
  }
  if (input.program === 'linshi' && !input.temporaryAidKind)
    return { ok: false, code: 'temporary_aid_kind_missing' };
  const applicantId = checkIdNumber(input.applicant.idNumber);
  if (!applicantId.ok)
    return { ok: false, code: 'invalid_id_number', field: 'applicant', reason: applicantId.reason };
  const memberIds = input.members.map((m) =>
    m.idNumber === undefined ? undefined : checkIdNumber(m.idNumber),
  );
  const bad = memberIds.findIndex((c) => c !== undefined && !c.ok);
  if (bad >= 0) {
    const check = memberIds[bad];
    return {
      ok: false,
      code: 'invalid_id_number',
      field: `members.${bad}`,
      reason: check && !check.ok ? check.reason : '',
    };
  }
  await db.transaction(async (tx) => {
    await tx.insert(cases).values({
      id: input.id,
      program: input.program,
      businessType: input.businessType,
      temporaryAidKind: input.temporaryAidKind ?? null,
      townshipId: input.townshipId,
      residenceTownshipId: input.residenceTownshipId ?? null,
      state: 'submitted',
      submittedBy: input.submittedBy,
      applicantName: input.applicant.name,
      applicantIdSealed: cipher.seal(applicantId.value),
      applicantIdHash: cipher.lookupHash(applicantId.value),
      applicantPhoneSealed: input.applicant.phone ? cipher.seal(input.applicant.phone) : null,
      applicantPhoneHash: input.applicant.phone ? cipher.lookupHash(input.applicant.phone) : null,
      householdSize: input.members.length + 1,
      applicantUserId: input.applicantContact?.userId ?? null,
      applicantChannel: input.applicantContact?.channel ?? null,
      applicantOpenKfId: input.applicantContact?.openKfId ?? null,
      applicationSealed: input.declaration ? cipher.seal(JSON.stringify(input.declaration)) : null,
      ...(input.declaration ? villageTag(cipher, input.declaration) : {}),
      nearRelativeDeclared: input.nearRelativeDeclared,
      hivTagged: input.hivTagged,
      createdAt: now,
      updatedAt: now,
    });
    if (input.members.length > 0) {
      await tx.insert(caseMembers).values(
        input.members.map((m, i) => {
          const id = memberIds[i];
          const value = id?.ok ? id.value : undefined;
          return {
            caseId: input.id,
            name: m.name,
            relation: m.relation,
            idSealed: value ? cipher.seal(value) : null,
            idHash: value ? cipher.lookupHash(value) : null,
            circumstances: m.circumstances ?? [],
          };
        }),
      );
    }
    await tx.insert(caseEvents).values({
      caseId: input.id,
      seq: 1,
      eventType: 'submit',
      fromState: null,
      toState: 'submitted',
      actorId: actor.id,
      actorRole: actor.role,
      actorTownship: actor.township ?? null,
      at: now,
      payload: { submittedBy: input.submittedBy },
    });
  });
  return { ok: true, id: input.id };
}

export type CaseRow = typeof cases.$inferSelect;

/** The facts the workflow guards judge, from a case row. */
export function factsOf(row: CaseRow): CaseFacts {
  return {
    id: row.id,
    program: row.program,
    businessType: row.businessType,
    temporaryAidKind: row.temporaryAidKind ?? undefined,
    township: row.townshipId,
    residenceTownship: row.residenceTownshipId ?? undefined,
    householdSize: row.householdSize,
    submittedBy: row.submittedBy,
    nearRelative: {
      declared: row.nearRelativeDeclared,
      detected: row.nearRelativeDetected,
      filed: row.nearRelativeFiled,
    },
    hivTagged: row.hivTagged,
    outcome: row.outcome ?? undefined,
  };
}

export interface TimelineEntry {
  seq: number;
  at: Date;
  event: string;
  from: CaseState | null;
  to: CaseState;
  actor: { id: string; role: string; township: string | null };
  reason: string | null;
}

/** A case's history, oldest first, as staff read it (`案件 <编号>`). */
export async function caseTimeline(db: Db, caseId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId)))
    .orderBy(asc(caseEvents.seq));
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    event: r.eventType,
    from: r.fromState as CaseState | null,
    to: r.toState as CaseState,
    actor: { id: r.actorId, role: r.actorRole, township: r.actorTownship },
    reason: r.reason,
  }));
}
