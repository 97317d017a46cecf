import fs from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedWord } from '../../core/bot/typed-text';
import { residentFiles } from '../../core/db/schema';
import { actorOf, isBureauStaff } from '../../core/staff/staff-directory';
import { decodeCsvBytes } from './csv';
import { importWarnings, type WarningImportResult } from './warning-import';

/** Input vocabulary: `导入预警` (or `预警导入`), after sending the bureau's CSV file in the chat. */
const IMPORT = /^(导入预警|预警导入|导入预警数据)$/;
/** A file older than this is not taken: the supervisor sends it again. */
const FILE_FRESH_MS = 24 * 60 * 60 * 1000;
/** Problems listed in one reply; the rest are counted. */
const LISTED = 10;

/**
 * The bureau's warning data (七(三)) in chat, as `npm run admin -- import-warnings`: the supervisor
 * sends the CSV file, then `导入预警`; the file is checked whole and imported all or nothing, and
 * matched cases in payment go to re-check. Problems come back with their line and column.
 */
export function registerWarningImportChat(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'bureau.warning-import',
    (ctx) => ctx.staff !== undefined && IMPORT.test(typedWord(ctx)),
    async (ctx) => {
      if (!isBureauStaff(ctx.staff)) {
        ctx.reply('staff.bureau.not-bureau');
        return;
      }
      const [file] = await ctx.db
        .select()
        .from(residentFiles)
        .where(
          and(
            eq(residentFiles.userId, ctx.staff!.userId),
            isNull(residentFiles.caseId),
            eq(residentFiles.msgType, 'file'),
          ),
        )
        .orderBy(desc(residentFiles.id))
        .limit(1);
      if (!file || ctx.now.getTime() - file.createdAt.getTime() > FILE_FRESH_MS) {
        ctx.reply('staff.bureau.warning-file', { missing: true, pending: false, failed: false });
        return;
      }
      if (file.status !== 'stored' || !file.storagePath) {
        const failed = file.status === 'failed';
        ctx.reply('staff.bureau.warning-file', { missing: false, pending: !failed, failed });
        return;
      }
      const bytes = await fs.readFile(path.join(deps.dataDir, file.storagePath));
      const result = await importWarnings(
        {
          db: ctx.db,
          cipher: deps.cipher,
          townshipIds: deps.townships.map((t) => t.id),
          rules: deps.steps.rules,
          effects: deps.steps.effects,
          actor: actorOf(ctx.staff!),
        },
        decodeCsvBytes(bytes),
        ctx.now,
      );
      replyWithResult(ctx, deps, result);
    },
  );
}

function replyWithResult(ctx: TurnContext, deps: HandlerDeps, result: WarningImportResult): void {
  if (!result.ok) {
    const columns = deps.templates.phrases('bureau.warning-columns');
    ctx.reply('staff.bureau.warning-refused', {
      lines: new Set(result.errors.map((e) => e.line)).size,
      more: Math.max(0, result.errors.length - LISTED),
      errors: result.errors.slice(0, LISTED).map((e) => ({
        line: e.line,
        hint: (e.column && columns[e.column]) || columns.file!,
      })),
    });
    return;
  }
  const township = (id: string | undefined) => deps.townships.find((t) => t.id === id)?.name ?? id;
  ctx.reply('staff.bureau.warning-imported', {
    imported: result.rows.filter((r) => r.status === 'imported').length,
    repeated: result.rows.filter((r) => r.status === 'already_imported').length,
    started: result.rows.filter((r) => r.recheck === 'started').length,
    more: Math.max(0, result.rows.length - LISTED),
    rows: result.rows.slice(0, LISTED).map((r) => ({
      warningId: r.warningId,
      township: township(r.townshipId),
      maskedId: r.maskedId,
      caseId: r.caseId,
      caseTownship: r.caseTownshipId ? township(r.caseTownshipId) : undefined,
      recheck: deps.templates.phrase('bureau.warning-outcomes', r.recheck ?? 'no_case'),
    })),
  });
}
