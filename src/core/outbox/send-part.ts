import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { cardResponseCodes, outboxSends } from '../db/schema';
import type { TemplateStore } from '../templates/template-store';
import { WecomApiError } from '../wecom/api/api-error';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { isDuplicateOfOurs } from './dispatch-pause';
import type { OutboxRow } from './outbox-lease';
import { renderForApp, renderForAppChat, renderForKf } from './render-reply';
import type { ReplyModel } from './reply-model';

/** One WeCom message of an outbox row, tagged with the channel it goes through. */
export type Part =
  | { channel: 'app'; m: ReturnType<typeof renderForApp>[number] }
  | { channel: 'appchat'; m: ReturnType<typeof renderForAppChat>[number] }
  | { channel: 'kf'; m: ReturnType<typeof renderForKf>[number] };

export interface PartResult {
  msgid: string | undefined;
  invalidUsers: string | undefined;
  responseCode: string | undefined;
}

/**
 * The id we give WeCom for a row (card task_id, 微信客服 msgid): stable across retries of the row,
 * so a replay is recognised as a duplicate, and salted with the row's creation time so a new
 * database reusing row ids does not collide with an old one. At most 26 characters.
 */
export function ourId(row: OutboxRow): string {
  const salt = createHash('sha256')
    .update(row.createdAt.toISOString())
    .digest('base64url')
    .replace(/[-_]/g, '')
    .slice(0, 6);
  return `ob${row.id}${salt}`;
}

export function renderRow(row: OutboxRow, reply: ReplyModel, templates: TemplateStore): Part[] {
  switch (row.channel) {
    case 'app':
      return renderForApp(reply, ourId(row), templates).map((m) => ({ channel: 'app' as const, m }));
    case 'appchat':
      return renderForAppChat(reply).map((m) => ({ channel: 'appchat' as const, m }));
    case 'kf':
      return renderForKf(reply, templates).map((m) => ({ channel: 'kf' as const, m }));
  }
}

/** Sends one part. A refusal of our own id as already used counts as sent (the lost answer of a replay). */
export async function sendPart(
  api: WecomApiClient,
  row: OutboxRow,
  index: number,
  part: Part,
  kfEventCode: string | undefined,
): Promise<PartResult> {
  if (part.channel === 'app') {
    const taskId = part.m.msgtype === 'template_card' ? part.m.template_card.task_id : undefined;
    try {
      const answer = await api.sendMessage([row.recipient], part.m);
      return {
        msgid: answer.msgid,
        invalidUsers: answer.invaliduser || undefined,
        responseCode: answer.response_code || undefined,
      };
    } catch (error) {
      if (taskId && isDuplicateOfOurs(error, taskId))
        return { msgid: undefined, invalidUsers: undefined, responseCode: undefined };
      throw error;
    }
  }
  if (part.channel === 'appchat') {
    const answer = await api.sendToAppChat(row.recipient, part.m);
    return { msgid: answer.msgid, invalidUsers: undefined, responseCode: undefined };
  }
  if (!row.openKfId)
    throw new WecomApiError('/cgi-bin/kf/send_msg', undefined, 'kf row without open_kfid', 'permanent');
  const msgid = `${ourId(row)}p${index}`;
  try {
    const answer = kfEventCode
      ? await api.kfSendMsgOnEvent({ code: kfEventCode, msgid, message: part.m })
      : await api.kfSendMsg({
          openKfId: row.openKfId,
          externalUserId: row.recipient,
          msgid,
          message: part.m,
        });
    return { msgid: answer.msgid ?? msgid, invalidUsers: undefined, responseCode: undefined };
  } catch (error) {
    if (isDuplicateOfOurs(error, msgid)) return { msgid, invalidUsers: undefined, responseCode: undefined };
    throw error;
  }
}

/** Records an acknowledged part (and a card's response code); a part already recorded stays as is. */
export async function recordPart(
  db: Db,
  row: OutboxRow,
  index: number,
  part: Part,
  result: PartResult,
  now: Date,
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(outboxSends)
      .values({
        outboxId: row.id,
        part: index,
        channel: row.channel,
        recipient: row.recipient,
        sentAt: now,
        wecomMsgId: result.msgid ?? null,
        invalidUsers: result.invalidUsers ?? null,
      })
      .onConflictDoNothing({ target: [outboxSends.outboxId, outboxSends.part] });
    if (result.responseCode && part.channel === 'app' && part.m.msgtype === 'template_card') {
      await tx
        .insert(cardResponseCodes)
        .values({
          responseCode: result.responseCode,
          taskId: part.m.template_card.task_id ?? ourId(row),
          userId: row.recipient,
          source: 'send',
          createdAt: now,
        })
        .onConflictDoNothing({ target: cardResponseCodes.responseCode });
    }
  });
}
