import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import type { CaseRow } from '../../core/cases/case-records';
import { describeError } from '../../core/log/describe-error';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import { mayHandleCaseFiles, staffOfTownship } from '../../core/staff/staff-directory';
import type { EventType } from '../../domain/workflow/workflow-events';
import { availableDocuments, generateCaseDocument, type StoredDocument } from './case-documents';
import type { DocumentKind } from './document-kinds';

/**
 * The paper a step produces, sent to the staff member who took it as soon as it is taken: the
 * notices the applicant is given in writing (六(一), 六(三)), the blank 入户调查表 for the visit
 * (六(二)), the 民主评议 record, and the 公示 sheet, which also goes to the village committee to
 * post in the village (四(三), 六(三)).
 */
export const DOCUMENTS_AFTER_STEP: Partial<Record<EventType, readonly DocumentKind[]>> = {
  request_materials: ['materials_notice'],
  accept: ['acceptance_notice', 'home_visit'],
  record_appraisal: ['appraisal_record'],
  skip_appraisal: ['appraisal_record'],
  start_publicity: ['publicity'],
  review_ineligible: ['rejection_notice'],
  decide_approve: ['approval_notice'],
  decide_adjust: ['change_notice'],
  decide_stop: ['change_notice'],
  decide_reject: ['rejection_notice'],
};

/** Documents that also go to the township's village committee members. */
export const POSTED_IN_VILLAGE: readonly DocumentKind[] = ['publicity'];

/**
 * After a step: the documents it produces (DOCUMENTS_AFTER_STEP), generated and sent to the staff
 * member as PDF files, the 公示 sheet also to the village committee. A document that cannot be
 * filled is skipped (it stays available by `文书`); a failure to render is logged, never fails the step.
 */
export async function sendDocumentsAfterStep(
  ctx: TurnContext,
  deps: HandlerDeps,
  row: CaseRow,
  event: EventType,
): Promise<void> {
  const kinds = DOCUMENTS_AFTER_STEP[event];
  if (!kinds || !ctx.staff || !mayHandleCaseFiles(ctx.staff)) return;
  const docDeps = { db: ctx.db, cipher: deps.cipher, townships: deps.townships, dataDir: deps.dataDir };
  try {
    const documents = await availableDocuments(docDeps, row);
    const sent: { n: number; title: string }[] = [];
    for (const kind of kinds) {
      const n = documents.findIndex((d) => d.kind === kind) + 1;
      if (n === 0) continue;
      const stored = await generateCaseDocument(docDeps, row, kind, ctx.staff.userId, ctx.now);
      if (!stored) continue;
      await sendPdf(ctx, ctx.staff.userId, stored);
      sent.push({ n, title: documents[n - 1]!.title });
      if (POSTED_IN_VILLAGE.includes(kind)) {
        for (const member of await staffOfTownship(ctx.db, row.townshipId)) {
          if (member.role !== 'village_committee') continue;
          ctx.notify({ channel: 'app', userId: member.userId }, 'staff.documents.village-posting', {
            caseId: row.id,
          });
          await sendPdf(ctx, member.userId, stored);
        }
      }
    }
    if (sent.length > 0) ctx.reply('staff.documents.after-step', { caseId: row.id, documents: sent });
  } catch (error) {
    ctx.log.error(
      { err: describeError(error), caseId: row.id, event },
      'documents after the step not generated',
    );
  }
}

/** The PDF as a WeCom file message after the reply (the dispatcher uploads it: docs/wecom.md §2.8). */
export async function sendPdf(ctx: TurnContext, recipient: string, stored: StoredDocument): Promise<void> {
  await enqueueOutbox(
    ctx.db,
    [
      {
        channel: 'app',
        recipient,
        body: {
          file: {
            kind: 'file',
            storagePath: stored.storagePath,
            filename: stored.document.fileName,
            contentType: 'application/pdf',
          },
        },
      },
    ],
    ctx.now,
  );
}
