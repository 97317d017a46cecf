import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import type { CaseRow } from '../../core/cases/case-records';
import {
  type AvailableDocument,
  attachSignedCopy,
  availableDocuments,
  generateCaseArchive,
  generateCaseDocument,
} from '../documents/case-documents';
import { sendPdf } from '../documents/documents-after-step';
import { caseForFileCommand } from './case-files';
import { caseForStaff } from './staff-cases';

/** Input vocabulary: `文书 <编号> [序号]`, `档案 <编号>`, `签字件 <编号> <序号>`. */
const DOCUMENTS = /^文书\s*([A-Za-z0-9-]{1,40})(?:\s+(\d{1,2}))?$/;
const ARCHIVE = /^档案\s*([A-Za-z0-9-]{1,40})$/;
const SIGNED = /^签字件\s*([A-Za-z0-9-]{1,40})\s+(\d{1,2})$/;
/** The village committee's photo of the 公示 it posted (六(三)), filed by case number. */
const POSTED = /^公示照片\s*([A-Za-z0-9-]{1,40})$/;

type Asked =
  | { kind: 'list'; caseId: string }
  | { kind: 'get'; caseId: string; n: number }
  | { kind: 'archive'; caseId: string }
  | { kind: 'signed'; caseId: string; n: number };

function asked(ctx: TurnContext): Asked | undefined {
  const text = typedCommand(ctx);
  const documents = DOCUMENTS.exec(text);
  if (documents)
    return documents[2]
      ? { kind: 'get', caseId: documents[1]!, n: Number(documents[2]) }
      : { kind: 'list', caseId: documents[1]! };
  const archive = ARCHIVE.exec(text);
  if (archive) return { kind: 'archive', caseId: archive[1]! };
  const signed = SIGNED.exec(text);
  if (signed) return { kind: 'signed', caseId: signed[1]!, n: Number(signed[2]) };
  return undefined;
}

/**
 * The paper of a case, for the staff who print it (issue 19): `文书 <编号>` lists the documents the
 * record can fill now, `文书 <编号> <序号>` sends one as a PDF file, `档案 <编号>` the whole archive
 * (一户一档, 八), and `签字件 <编号> <序号>` files the photo just sent as that document's signed copy.
 * Scoped like every case command; each generated file is recorded with the case.
 */
export function registerCaseDocuments(router: BotRouter, deps: HandlerDeps): void {
  // 公示照片 <编号>: the village committee (or a caseworker) files the photo of the posted 公示.
  router.on(
    'staff.documents.posted',
    (ctx) => ctx.staff !== undefined && POSTED.test(typedCommand(ctx)),
    async (ctx) => {
      const caseId = POSTED.exec(typedCommand(ctx))![1]!;
      const row = await caseForStaff(ctx.db, ctx.staff!, caseId);
      if (!row) {
        ctx.reply('staff.case-not-found', { caseId });
        return;
      }
      const attached = await attachSignedCopy(ctx.db, row, 'publicity', ctx.staff!.userId, ctx.now);
      ctx.reply(attached.ok ? 'staff.documents.posted-attached' : 'staff.documents.posted-no-photo', {
        caseId: row.id,
      });
    },
  );

  router.on(
    'staff.documents',
    (ctx) => ctx.staff !== undefined && asked(ctx) !== undefined,
    async (ctx) => {
      const request = asked(ctx)!;
      const staff = ctx.staff!;
      const row = await caseForFileCommand(ctx, request.caseId, 'staff.documents.not-allowed');
      if (!row) return;
      const docDeps = { db: ctx.db, cipher: deps.cipher, townships: deps.townships, dataDir: deps.dataDir };
      const documents = await availableDocuments(docDeps, row);
      if (request.kind === 'list') {
        ctx.reply('staff.documents.list', {
          caseId: row.id,
          name: row.applicantName,
          documents: documents.map((d, i) => ({ n: i + 1, title: d.title })),
        });
        return;
      }
      if (request.kind === 'archive') {
        const stored = await generateCaseArchive(docDeps, row, staff.userId, ctx.now);
        ctx.reply('staff.documents.archive-sending', {
          caseId: row.id,
          pages: stored.document.pages,
          photos: stored.photos ?? 0,
        });
        await sendPdf(ctx, staff.userId, stored);
        return;
      }
      const chosen: AvailableDocument | undefined = documents[request.n - 1];
      if (!chosen) {
        ctx.reply('staff.documents.no-such-document', { caseId: row.id, n: request.n });
        return;
      }
      if (request.kind === 'signed') {
        const attached = await attachSignedCopy(ctx.db, row, chosen.kind, staff.userId, ctx.now);
        ctx.reply(attached.ok ? 'staff.documents.signed-attached' : 'staff.documents.signed-no-photo', {
          caseId: row.id,
          title: chosen.title,
          n: request.n,
        });
        return;
      }
      await sendDocument(ctx, deps, row, chosen, request.n, staff.userId);
    },
  );
}

async function sendDocument(
  ctx: TurnContext,
  deps: HandlerDeps,
  row: CaseRow,
  chosen: AvailableDocument,
  n: number,
  staffId: string,
): Promise<void> {
  const docDeps = { db: ctx.db, cipher: deps.cipher, townships: deps.townships, dataDir: deps.dataDir };
  const stored = await generateCaseDocument(docDeps, row, chosen.kind, staffId, ctx.now);
  if (!stored) {
    ctx.reply('staff.documents.no-such-document', { caseId: row.id, n });
    return;
  }
  ctx.reply('staff.documents.sending', {
    caseId: row.id,
    title: chosen.title,
    pages: stored.document.pages,
    n,
  });
  await sendPdf(ctx, staffId, stored);
}
