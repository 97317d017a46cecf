import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import type { CaseRow } from '../../core/cases/case-records';
import { shanghaiParts } from '../../domain/calendar';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { checklistOfCase } from './case-checklist';
import { type CaseFile, caseForFileCommand, filesOfCase, sendCaseFile, tagCaseFile } from './case-files';

/** Input vocabulary: `材料 <编号> [序号]` and `标记 <编号> <序号>`. */
const LIST_OR_VIEW = /^材料\s*([A-Za-z0-9-]{1,40})(?:\s+(\d{1,3}))?$/;
const TAG = /^标记\s*([A-Za-z0-9-]{1,40})\s+(\d{1,3})$/;
const VIEW_KEY = 'mat:view:';
const TAG_KEY = 'mat:tag:';
const PHRASES = 'staff.materials';

type Asked =
  | { kind: 'list'; caseId: string }
  | { kind: 'view'; caseId: string; n: number }
  | { kind: 'tag-ask'; caseId: string; n: number }
  | { kind: 'tag'; caseId: string; n: number; materialId: string };

/**
 * The photos and files residents send, for the staff who examine the materials (六(一)):
 * `材料 <编号>` lists what was received for the case (what, when, from whom, tagged as what),
 * `材料 <编号> <序号>` sends that file back (an image or a file message), and `标记 <编号> <序号>`
 * records which item of the case's own checklist it is. Scoped like every case command.
 */
export function registerCaseMaterials(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'staff.materials',
    (ctx) => ctx.staff !== undefined && asked(ctx) !== undefined,
    async (ctx) => {
      const request = asked(ctx)!;
      const row = await caseForFileCommand(ctx, request.caseId, 'staff.materials.not-allowed');
      if (!row) return;
      if (request.kind === 'list') await list(ctx, deps, row);
      else if (request.kind === 'view') await view(ctx, deps, row, request.n);
      else if (request.kind === 'tag-ask') await askTag(ctx, deps, row, request.n);
      else await tag(ctx, deps, row, request.n, request.materialId);
    },
  );
}

async function list(ctx: TurnContext, deps: HandlerDeps, row: CaseRow): Promise<void> {
  const files = await filesOfCase(ctx.db, row);
  const label = deps.templates.phrase(PHRASES, 'view');
  ctx.reply(
    'staff.materials.list',
    {
      caseId: row.id,
      name: row.applicantName,
      total: files.length,
      files: files.map((f) => fileVars(deps, f)),
    },
    files
      .filter((f) => f.status === 'stored')
      .map((f) => ({ key: `${VIEW_KEY}${row.id}:${f.n}`, label: `${label} ${f.n}` })),
  );
}

async function view(ctx: TurnContext, deps: HandlerDeps, row: CaseRow, n: number): Promise<void> {
  const sent = await sendCaseFile(ctx.db, ctx.staff!, row, n, ctx.now);
  if (!sent.ok && sent.code === 'no_such_file') {
    ctx.reply('staff.materials.no-such-file', { caseId: row.id, n });
    return;
  }
  if (!sent.ok) {
    ctx.reply('staff.materials.not-ready', { caseId: row.id, ...fileVars(deps, sent.file) });
    return;
  }
  ctx.log.info({ caseId: row.id, file: sent.file.id }, 'resident file sent to staff');
  ctx.reply('staff.materials.sending', { caseId: row.id, ...fileVars(deps, sent.file) });
}

async function askTag(ctx: TurnContext, deps: HandlerDeps, row: CaseRow, n: number): Promise<void> {
  const file = (await filesOfCase(ctx.db, row)).find((f) => f.n === n);
  if (!file) {
    ctx.reply('staff.materials.no-such-file', { caseId: row.id, n });
    return;
  }
  const checklist = await checklistOfCase(ctx.db, deps.cipher, row);
  ctx.reply(
    'staff.materials.tag-ask',
    { caseId: row.id, ...fileVars(deps, file) },
    checklist.map((item) => ({ key: `${TAG_KEY}${row.id}:${n}:${item.id}`, label: item.name })),
  );
}

async function tag(ctx: TurnContext, deps: HandlerDeps, row: CaseRow, n: number, materialId: string) {
  const checklist = await checklistOfCase(ctx.db, deps.cipher, row);
  const tagged = await tagCaseFile(ctx.db, ctx.staff!, row, { n, materialId, checklist }, ctx.now);
  if (!tagged.ok) {
    ctx.reply('staff.materials.no-such-file', { caseId: row.id, n });
    return;
  }
  ctx.reply('staff.materials.tagged', {
    caseId: row.id,
    ...fileVars(deps, tagged.file),
    material: tagged.item.name,
  });
}

function fileVars(deps: HandlerDeps, f: CaseFile) {
  const { templates } = deps;
  const at = shanghaiParts(f.receivedAt);
  return {
    n: f.n,
    kind: templates.phrases('chat.media-kinds')[f.msgType] ?? templates.phrase('chat.media-kinds', 'file'),
    at: `${at.date} ${at.time}`,
    applicant: f.from.kind === 'applicant',
    fromStaff: f.from.kind === 'staff',
    fromName: f.from.kind === 'other' ? '' : f.from.name,
    channel: f.from.kind === 'staff' ? '' : templates.phrase('chat.channels', f.from.channel),
    material: f.materialId ? (MATERIALS[f.materialId]?.name ?? f.materialId) : '',
    pending: f.status === 'pending',
    failed: f.status === 'failed',
  };
}

function asked(ctx: TurnContext): Asked | undefined {
  const choice = ctx.choice;
  if (choice?.startsWith(VIEW_KEY)) {
    const [caseId, n] = choice.slice(VIEW_KEY.length).split(':');
    return caseId && n ? { kind: 'view', caseId, n: Number(n) } : undefined;
  }
  if (choice?.startsWith(TAG_KEY)) {
    const [caseId, n, materialId] = choice.slice(TAG_KEY.length).split(':');
    return caseId && n && materialId ? { kind: 'tag', caseId, n: Number(n), materialId } : undefined;
  }
  const text = typedCommand(ctx);
  const listOrView = LIST_OR_VIEW.exec(text);
  if (listOrView)
    return listOrView[2]
      ? { kind: 'view', caseId: listOrView[1]!, n: Number(listOrView[2]) }
      : { kind: 'list', caseId: listOrView[1]! };
  const tagged = TAG.exec(text);
  return tagged ? { kind: 'tag-ask', caseId: tagged[1]!, n: Number(tagged[2]) } : undefined;
}
