import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { WecomApiClient } from '../wecom/api/wecom-api-client';
import type { OutboxRow } from './outbox-lease';

/**
 * An outbox row that sends a file we keep (e.g. the monthly report, or a photo a resident sent) to
 * a member through the self-built app, as a file or, for a JPG/PNG photo, as an image. A media id
 * lives 3 days, so the row names the file on disk and, when the caller already uploaded it, that id
 * and when: a row sent later than that uploads the file again.
 */
export const fileMessageSchema = z.object({
  file: z.object({
    /** How it is uploaded and sent (docs/wecom.md §2.8: image is JPG/PNG up to 10 MB); default file. */
    kind: z.enum(['file', 'image']).optional(),
    /** Relative to DATA_DIR. */
    storagePath: z.string().min(1),
    filename: z.string().min(1).max(128),
    contentType: z.string().min(1),
    mediaId: z.string().min(1).optional(),
    uploadedAt: z.string().datetime().optional(),
  }),
});

export type FileMessage = z.infer<typeof fileMessageSchema>['file'];

/** A media id is reused for at most this long (WeCom keeps it 3 days). */
const MEDIA_REUSE_MS = 2.5 * 24 * 60 * 60 * 1000;

export async function sendFile(
  api: WecomApiClient,
  dataDir: string,
  row: OutboxRow,
  file: FileMessage,
  now: Date,
): Promise<void> {
  const kind = file.kind ?? 'file';
  const fresh =
    file.mediaId !== undefined &&
    file.uploadedAt !== undefined &&
    now.getTime() - Date.parse(file.uploadedAt) < MEDIA_REUSE_MS;
  const mediaId = fresh
    ? file.mediaId!
    : (
        await api.uploadMedia(
          kind,
          file.filename,
          await fs.readFile(path.join(dataDir, file.storagePath)),
          file.contentType,
        )
      ).media_id;
  await api.sendMessage(
    [row.recipient],
    kind === 'image'
      ? { msgtype: 'image', image: { media_id: mediaId } }
      : { msgtype: 'file', file: { media_id: mediaId } },
  );
}
