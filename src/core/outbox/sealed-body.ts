import { z } from 'zod';
import type { PiiCipher } from '../crypto/pii-cipher';
import { type ReplyModel, replyModelSchema } from './reply-model';

/**
 * A reply showing a full ID number or phone (身份证 <编号> <用途>) is kept in the outbox sealed with
 * the PII key, like every other stored identifier: `{ sealed: "v1.<keyId>.…" }` holding the reply
 * model. Only the dispatcher opens it, to send it.
 */
export const sealedBodySchema = z.object({ sealed: z.string().startsWith('v1.') });

export type SealedBody = z.infer<typeof sealedBodySchema>;

/** The body to store for a reply: sealed when it is marked as holding personal data. */
export function storedReplyBody(cipher: PiiCipher, reply: ReplyModel): ReplyModel | SealedBody {
  return reply.personalData ? { sealed: cipher.seal(JSON.stringify(reply)) } : reply;
}

/** The reply inside a sealed body; undefined without the key or when it does not open. */
export function openSealedReply(cipher: PiiCipher | undefined, body: SealedBody): ReplyModel | undefined {
  if (!cipher) return undefined;
  try {
    const reply = replyModelSchema.safeParse(JSON.parse(cipher.open(body.sealed)));
    return reply.success ? reply.data : undefined;
  } catch {
    return undefined;
  }
}
