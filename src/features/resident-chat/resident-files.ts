import type { Db } from '../../core/db/database';
import { residentFiles } from '../../core/db/schema';

/**
 * Records a photo, file, video or voice message a resident sent, in the turn that received it;
 * the media fetcher downloads it right after (media ids expire after 3 days). One row per
 * inbound message: a retried turn does not record it twice.
 */
export async function recordResidentFile(
  db: Db,
  file: {
    inboundId: number;
    channel: 'app' | 'kf';
    userId: string;
    caseId: string | undefined;
    msgType: string;
    mediaId: string;
  },
  now: Date,
): Promise<void> {
  await db
    .insert(residentFiles)
    .values({
      inboundId: file.inboundId,
      channel: file.channel,
      userId: file.userId,
      caseId: file.caseId ?? null,
      msgType: file.msgType,
      mediaId: file.mediaId,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: residentFiles.inboundId });
}
