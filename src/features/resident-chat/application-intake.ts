import { and, eq, inArray } from 'drizzle-orm';
import { createCase } from '../../core/cases/case-records';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { cases } from '../../core/db/schema';
import { caseworkersOf, type StaffMember } from '../../core/staff/staff-directory';
import {
  type ApplicationDraft,
  applicationDraftSchema,
  circumstancesOf,
  monthlyIncomeFen,
} from '../../domain/application/application-draft';
import {
  type ChecklistItem,
  checklistFor,
  type MaterialsApplication,
} from '../../domain/materials/checklist';
import { APPLICATION_IN_PROGRESS } from '../../domain/workflow/case-states';

export interface ApplicantContact {
  userId: string;
  channel: 'app' | 'kf';
  openKfId?: string | undefined;
}

/**
 * Who hands the application in: the resident themself, or (六(一): 受救助申请人委托，村(居)民委员会
 * 可以代为提交申请) a member of the village committee of the township, on the applicant's behalf.
 * In the second case the applicant has no chat of ours: notices go to the committee to hand on.
 */
export type Submitter =
  | { kind: 'self'; contact: ApplicantContact }
  | { kind: 'village_committee'; userId: string; townshipId: string | undefined };

export type IntakeResult =
  | { ok: true; caseId: string; checklist: readonly ChecklistItem[]; caseworkers: StaffMember[] }
  | { ok: false; code: 'incomplete' }
  /** `caseId` only when the same user applied: the number is not told to whoever types the ID. */
  | { ok: false; code: 'already_in_progress'; caseId: string | undefined }
  | { ok: false; code: 'invalid_id_number'; field: string }
  /** A village committee member may hand in applications of their own township only. */
  | { ok: false; code: 'other_township' };

/**
 * 六(一): a resident's own written application, from the finished chat draft, into the queue of
 * the township of 户籍 — with the personalised materials checklist and the caseworkers to notify.
 * A second application for the same program while one is in progress is refused and the
 * resident is pointed to the one under way.
 */
export async function submitApplication(
  db: Db,
  cipher: PiiCipher,
  draft: ApplicationDraft,
  submitter: Submitter,
  caseId: string,
  now: Date,
): Promise<IntakeResult> {
  const complete = completeDraft(draft);
  if (!complete) return { ok: false, code: 'incomplete' };
  if (submitter.kind === 'village_committee' && submitter.townshipId !== complete.townshipId)
    return { ok: false, code: 'other_township' };
  const contact = submitter.kind === 'self' ? submitter.contact : undefined;
  const [open] = await db
    .select({ id: cases.id, userId: cases.applicantUserId, channel: cases.applicantChannel })
    .from(cases)
    .where(
      and(
        eq(cases.applicantIdHash, cipher.lookupHash(complete.idNumber)),
        eq(cases.program, complete.program),
        inArray(cases.state, [...APPLICATION_IN_PROGRESS]),
      ),
    )
    .limit(1);
  if (open) {
    const same = contact !== undefined && open.userId === contact.userId && open.channel === contact.channel;
    return { ok: false, code: 'already_in_progress', caseId: same ? open.id : undefined };
  }
  const created = await createCase(
    db,
    cipher,
    {
      id: caseId,
      program: complete.program,
      businessType: 'new',
      ...(complete.temporaryAidKind ? { temporaryAidKind: complete.temporaryAidKind } : {}),
      townshipId: complete.townshipId,
      ...(complete.residenceTownshipId ? { residenceTownshipId: complete.residenceTownshipId } : {}),
      submittedBy: submitter.kind,
      applicant: { name: complete.name, idNumber: complete.idNumber, phone: complete.phone },
      members: complete.members,
      nearRelativeDeclared: complete.nearRelative,
      hivTagged: false,
      ...(contact ? { applicantContact: contact } : {}),
      declaration: {
        village: complete.village,
        livesAtRegistered: complete.livesAtRegistered,
        incomeItems: complete.incomeItems,
        monthlyIncomeFen: monthlyIncomeFen(complete),
        savingsFen: complete.savingsFen,
        hasVehicle: complete.hasVehicle,
        housingUnits: complete.housingUnits,
        circumstances: circumstancesOf(complete),
        ...(complete.reason ? { reason: complete.reason } : {}),
        ...(complete.program === 'linshi' && complete.requestedFen
          ? { requestedFen: complete.requestedFen }
          : {}),
        consentToChecksAt: now.toISOString(),
      },
    },
    submitter.kind === 'self'
      ? { id: submitter.contact.userId, role: 'resident', township: complete.townshipId }
      : { id: submitter.userId, role: 'village_committee', township: complete.townshipId },
    now,
  );
  if (!created.ok) {
    if (created.code === 'invalid_id_number')
      return { ok: false, code: 'invalid_id_number', field: created.field };
    throw new Error(`application refused by createCase: ${created.code}`);
  }
  return {
    ok: true,
    caseId,
    checklist: checklistFor(materialsApplicationOf(complete)).items,
    caseworkers: await caseworkersOf(db, complete.townshipId),
  };
}

type CompleteDraft = Required<
  Omit<ApplicationDraft, 'temporaryAidKind' | 'residenceTownshipId' | 'consent' | 'reason' | 'requestedFen'>
> &
  Pick<ApplicationDraft, 'temporaryAidKind' | 'residenceTownshipId' | 'reason' | 'requestedFen'>;

/** The draft with every answer the application needs, or undefined (a programming error upstream). */
function completeDraft(draft: ApplicationDraft): CompleteDraft | undefined {
  const d = applicationDraftSchema.parse(draft);
  if (
    !d.program ||
    !d.name ||
    !d.idNumber ||
    !d.phone ||
    !d.townshipId ||
    !d.village ||
    d.livesAtRegistered === undefined ||
    d.memberCount === undefined ||
    (d.members ?? []).length !== d.memberCount ||
    !d.incomeItems ||
    d.savingsFen === undefined ||
    d.hasVehicle === undefined ||
    d.housingUnits === undefined ||
    !d.circumstances ||
    d.consent !== true ||
    d.nearRelative === undefined ||
    (d.program === 'linshi' && !d.temporaryAidKind) ||
    (d.livesAtRegistered === false && !d.residenceTownshipId)
  ) {
    return undefined;
  }
  // A household of one has answered 0 members and never reached the member slot.
  return { ...d, members: d.members ?? [] } as CompleteDraft;
}

/** What the materials checklist needs to know about a new application. */
export function materialsApplicationOf(draft: ApplicationDraft): MaterialsApplication {
  const circumstances = circumstancesOf(draft);
  if (draft.program === 'linshi')
    return {
      program: 'linshi',
      businessType: 'new',
      temporaryAidKind: draft.temporaryAidKind ?? 'emergency',
      circumstances,
    };
  return { program: draft.program === 'tekun' ? 'tekun' : 'dibao', businessType: 'new', circumstances };
}
