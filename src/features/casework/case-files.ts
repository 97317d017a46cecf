import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TurnContext } from '../../core/bot/turn-context';
import type { CaseRow } from '../../core/cases/case-records';
import type { Db } from '../../core/db/database';
import { piiReads, residentFiles, staffMembers } from '../../core/db/schema';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { StaffMember } from '../../core/staff/staff-directory';
import { mayHandleCaseFiles } from '../../core/staff/staff-directory';
import type { ChecklistItem } from '../../domain/materials/checklist';
import type { MaterialId } from '../../domain/materials/material-types';
import { caseForStaff } from './staff-cases';

/** Who may see and handle the files residents sent: those who examine the materials (六(一)). */

export type FileSender =
  | { kind: 'applicant'; name: string; channel: 'app' | 'kf' }
  | { kind: 'staff'; name: string }
  | { kind: 'other'; channel: 'app' | 'kf' };

/** A file received for a case, as staff see it; `n` is its number in the case (oldest first). */
export interface CaseFile {
  n: number;
  id: number;
  msgType: string;
  receivedAt: Date;
  from: FileSender;
  status: 'pending' | 'stored' | 'failed';
  materialId: MaterialId | undefined;
  tagged: { by: string; at: Date } | undefined;
}

/** Every photo, file, video and voice message received for a case, numbered in arrival order. */
export async function filesOfCase(db: Db, row: CaseRow): Promise<CaseFile[]> {
  const files = await db
    .select()
    .from(residentFiles)
    .where(eq(residentFiles.caseId, row.id))
    .orderBy(asc(residentFiles.id));
  const senders = [...new Set(files.map((f) => f.userId))];
  const staff =
    senders.length === 0
      ? []
      : await db
          .select({ userId: staffMembers.userId, name: staffMembers.name })
          .from(staffMembers)
          .where(inArray(staffMembers.userId, senders));
  return files.map((f, i) => {
    const member = f.channel === 'app' ? staff.find((s) => s.userId === f.userId) : undefined;
    const from: FileSender =
      f.userId === row.applicantUserId && f.channel === row.applicantChannel
        ? { kind: 'applicant', name: row.applicantName, channel: f.channel }
        : member
          ? { kind: 'staff', name: member.name }
          : { kind: 'other', channel: f.channel };
    return {
      n: i + 1,
      id: f.id,
      msgType: f.msgType,
      receivedAt: f.createdAt,
      from,
      status: f.status,
      materialId: (f.materialId ?? undefined) as MaterialId | undefined,
      tagged: f.taggedBy && f.taggedAt ? { by: f.taggedBy, at: f.taggedAt } : undefined,
    };
  });
}

export type SendFileResult =
  | { ok: true; file: CaseFile }
  | { ok: false; code: 'no_such_file' }
  | { ok: false; code: 'not_stored'; file: CaseFile };

/**
 * Sends a stored file of the case back to the staff member who asks, through the self-built app:
 * a JPG or PNG photo as an image, anything else as a file (uploaded again by the dispatcher:
 * media ids expire). Each sending is recorded in `pii_reads` (a photo of an ID card or household
 * register is personal data), in the caller's transaction.
 */
export async function sendCaseFile(
  db: Db,
  staff: StaffMember,
  row: CaseRow,
  n: number,
  now: Date,
): Promise<SendFileResult> {
  const file = (await filesOfCase(db, row)).find((f) => f.n === n);
  if (!file) return { ok: false, code: 'no_such_file' };
  const [stored] = await db.select().from(residentFiles).where(eq(residentFiles.id, file.id));
  if (stored?.status !== 'stored' || !stored.storagePath) return { ok: false, code: 'not_stored', file };
  const contentType = stored.contentType ?? 'application/octet-stream';
  const image = /^image\/(jpeg|png)$/i.test(contentType);
  await enqueueOutbox(
    db,
    [
      {
        channel: 'app',
        recipient: staff.userId,
        body: {
          file: {
            kind: image ? 'image' : 'file',
            storagePath: stored.storagePath,
            filename: `${row.id}-${n}.${extensionOf(contentType, stored.msgType)}`,
            contentType,
          },
        },
      },
    ],
    now,
  );
  await db.insert(piiReads).values({
    readerId: staff.userId,
    readerRole: staff.role,
    readerTownship: staff.townshipId ?? null,
    caseId: row.id,
    field: 'resident_file',
    purpose: `resident_files.id=${stored.id}`,
    at: now,
  });
  return { ok: true, file };
}

export type TagFileResult =
  | { ok: true; file: CaseFile; item: ChecklistItem }
  | { ok: false; code: 'no_such_file' | 'not_in_checklist' };

/** Records which material of the case's own checklist a file is, with who said so and when. */
export async function tagCaseFile(
  db: Db,
  staff: StaffMember,
  row: CaseRow,
  request: { n: number; materialId: string; checklist: readonly ChecklistItem[] },
  now: Date,
): Promise<TagFileResult> {
  const file = (await filesOfCase(db, row)).find((f) => f.n === request.n);
  if (!file) return { ok: false, code: 'no_such_file' };
  const item = request.checklist.find((i) => i.id === request.materialId);
  if (!item) return { ok: false, code: 'not_in_checklist' };
  await db
    .update(residentFiles)
    .set({ materialId: item.id, taggedBy: staff.userId, taggedAt: now })
    .where(and(eq(residentFiles.id, file.id), eq(residentFiles.caseId, row.id)));
  return { ok: true, file: { ...file, materialId: item.id, tagged: { by: staff.userId, at: now } }, item };
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
};

function extensionOf(contentType: string, msgType: string): string {
  return EXTENSIONS[contentType.toLowerCase()] ?? (msgType === 'voice' ? 'amr' : 'bin');
}

/**
 * The case a file or document command names, when the staff member may see it (their township's,
 * or any for the bureau) and handle its files; otherwise the answer is given and undefined returned.
 */
export async function caseForFileCommand(
  ctx: TurnContext,
  caseId: string,
  notAllowedTemplate: string,
): Promise<CaseRow | undefined> {
  const staff = ctx.staff!;
  const row = await caseForStaff(ctx.db, staff, caseId);
  if (!row) {
    ctx.reply('staff.case-not-found', { caseId });
    return undefined;
  }
  if (!mayHandleCaseFiles(staff)) {
    ctx.reply(notAllowedTemplate);
    return undefined;
  }
  return row;
}
