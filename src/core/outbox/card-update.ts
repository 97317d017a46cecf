import { z } from 'zod';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { outboxSends } from '../db/schema';
import { WecomApiError } from '../wecom/api/api-error';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import { type FileMessage, fileMessageSchema } from './file-message';
import type { OutboxRow } from './outbox-lease';
import { CARD_TASK_ID, type ReplyModel, replyModelSchema } from './reply-model';
import { openSealedReply, type SealedBody, sealedBodySchema } from './sealed-body';

/**
 * An outbox row that changes a card a member already has instead of sending a message
 * (message/update_template_card, docs/wecom.md §2.6): the buttons are greyed out and show
 * `replaceName`. The one-shot response code is taken (marked used) when the row is written, so a
 * retry of the row uses the same code and no other writer can spend it.
 */
export const cardUpdateSchema = z.object({
  cardUpdate: z.object({
    taskId: z.string().regex(CARD_TASK_ID),
    responseCode: z.string().min(1).max(512),
    replaceName: z.string().min(1).max(64),
  }),
});

export type CardUpdate = z.infer<typeof cardUpdateSchema>['cardUpdate'];

/** What an outbox row's `body` holds: a reply model, a card update, or a file. */
export type OutboxBody = ReplyModel | SealedBody | { cardUpdate: CardUpdate } | { file: FileMessage };

export type ReadBody =
  | { kind: 'reply'; reply: ReplyModel }
  | { kind: 'card-update'; update: CardUpdate }
  | { kind: 'file'; file: FileMessage };

/**
 * Reads a stored body back; undefined when it is none of its forms, or sealed and the key does not
 * open it (the row is dead-lettered).
 */
export function readOutboxBody(body: unknown, cipher?: PiiCipher): ReadBody | undefined {
  if (body !== null && typeof body === 'object' && 'sealed' in body) {
    const sealed = sealedBodySchema.safeParse(body);
    const reply = sealed.success ? openSealedReply(cipher, sealed.data) : undefined;
    return reply ? { kind: 'reply', reply } : undefined;
  }
  if (body !== null && typeof body === 'object' && 'file' in body) {
    const file = fileMessageSchema.safeParse(body);
    return file.success ? { kind: 'file', file: file.data.file } : undefined;
  }
  if (body !== null && typeof body === 'object' && 'cardUpdate' in body) {
    const update = cardUpdateSchema.safeParse(body);
    return update.success ? { kind: 'card-update', update: update.data.cardUpdate } : undefined;
  }
  const reply = replyModelSchema.safeParse(body);
  return reply.success ? { kind: 'reply', reply: reply.data } : undefined;
}

/**
 * WeCom refused the code as already used. We take each code exclusively (card-response-codes.ts)
 * before writing the row, so only an earlier attempt of this row can have used it: that attempt
 * went through and we lost its answer (timeout, reset). 42022 is what the fake answers; confirm
 * the real code and wording on first deployment (42015 names used, expired and foreign codes alike).
 */
export function isCodeAlreadyUsed(error: unknown): boolean {
  return (
    error instanceof WecomApiError &&
    (error.errcode === 42022 || (error.errcode === 42015 && /used|已使用|已被使用/i.test(error.errmsg)))
  );
}

/** Sends one card update to the row's recipient; a code refused as used counts as done. */
export async function sendCardUpdate(api: WecomApiClient, row: OutboxRow, update: CardUpdate): Promise<void> {
  try {
    await api.updateTemplateCard([row.recipient], update.responseCode, {
      button: { replace_name: update.replaceName },
    });
  } catch (error) {
    if (isCodeAlreadyUsed(error)) return;
    throw error;
  }
}

/** Records the update as the row's only part, so a resumed row never calls WeCom again. */
export async function recordSinglePart(db: Db, row: OutboxRow, now: Date): Promise<void> {
  await db
    .insert(outboxSends)
    .values({
      outboxId: row.id,
      part: 0,
      channel: row.channel,
      recipient: row.recipient,
      sentAt: now,
      wecomMsgId: null,
      invalidUsers: null,
    })
    .onConflictDoNothing({ target: [outboxSends.outboxId, outboxSends.part] });
}
