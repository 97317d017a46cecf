import type { Db } from '../../core/db/database';
import { enqueueOutbox } from '../../core/outbox/outbox-enqueue';
import type { MonthlyReportMessage } from './monthly-report';

/**
 * The monthly report to each bureau supervisor: the caption, then the workbook as a file (the
 * dispatcher uploads it again if the media id may have expired by the time it is sent).
 */
export async function queueMonthlyReport(tx: Db, message: MonthlyReportMessage, now: Date): Promise<void> {
  await enqueueOutbox(
    tx,
    message.recipients.flatMap((recipient) => [
      { channel: 'app' as const, recipient, body: { text: message.caption } },
      {
        channel: 'app' as const,
        recipient,
        body: {
          file: {
            storagePath: message.storagePath,
            filename: message.filename,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            mediaId: message.mediaId,
            uploadedAt: message.uploadedAt.toISOString(),
          },
        },
      },
    ]),
    now,
  );
}
