import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { isBureauStaff } from '../../core/staff/staff-directory';
import { openCaseOfResident } from './resident-cases';
import { recordResidentFile } from './resident-files';

const MEDIA_TYPES = new Set(['image', 'file', 'video', 'voice']);

/**
 * Photos and files a resident sends: kept (downloaded at once and stored with their case, if one
 * is under way), acknowledged, and never lost. A voice message is kept too, but the resident is
 * asked to type or pick from the menu, since no caseworker listens to voice in this procedure.
 */
export function registerMaterialsUpload(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'materials.upload',
    (ctx) => MEDIA_TYPES.has(ctx.inbound.message.MsgType) && typeof ctx.inbound.message.MediaId === 'string',
    async (ctx) => {
      const { inbound } = ctx;
      const open = await openCaseOfResident(ctx.db, { userId: inbound.fromUser, channel: inbound.channel });
      await recordResidentFile(
        ctx.db,
        {
          inboundId: inbound.id,
          channel: inbound.channel,
          userId: inbound.fromUser,
          caseId: open?.id,
          msgType: inbound.message.MsgType,
          mediaId: String(inbound.message.MediaId),
        },
        ctx.now,
      );
      const inFlow = ctx.state.flow !== null;
      // Staff send photos of signed papers: kept the same way, filed with `签字件`.
      if (ctx.staff && inbound.message.MsgType === 'image') {
        // A village committee photographs the 公示 it posted; others, signed papers.
        ctx.reply(
          ctx.staff.role === 'village_committee'
            ? 'staff.documents.village-photo'
            : 'staff.documents.staff-photo',
        );
        return;
      }
      // The bureau sends its warning data as a CSV file, then `导入预警`.
      if (isBureauStaff(ctx.staff) && inbound.message.MsgType === 'file') {
        ctx.reply('staff.bureau.file-received');
        return;
      }
      if (inbound.message.MsgType === 'voice') {
        ctx.reply('chat.materials.voice', { inFlow });
        return;
      }
      ctx.reply('chat.materials.received', {
        kind: deps.templates.phrase('chat.media-kinds', inbound.message.MsgType),
        caseId: open?.id,
        inFlow,
      });
    },
  );
}
