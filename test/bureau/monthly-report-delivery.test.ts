import { loadTownships } from '../../src/core/config/load-townships';
import { staffMembers } from '../../src/core/db/schema';
import { enqueueOutbox } from '../../src/core/outbox/outbox-enqueue';
import { TemplateStore } from '../../src/core/templates/template-store';
import { monthlyReportJob } from '../../src/features/bureau/monthly-report';
import { queueMonthlyReport } from '../../src/features/bureau/monthly-report-outbox';
import { testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T00:00:00Z')); // 08:00 in Shulan, 1 December
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values([
    { userId: 'bureau-1', name: '局审核', role: 'bureau_supervisor', createdAt: now, updatedAt: now },
    { userId: 'bureau-2', name: '局审核二', role: 'bureau_supervisor', createdAt: now, updatedAt: now },
  ]);
});
afterAll(async () => {
  await svc.stop();
});

describe('the monthly report reaches the bureau', () => {
  it('on the 1st: the caption and the workbook as a file to every supervisor, once even when the job runs again', async () => {
    const job = monthlyReportJob({
      db: svc.database.db,
      dataDir: svc.dataDir,
      templates: new TemplateStore(),
      townships: loadTownships(),
      api: svc.api,
      queueFile: queueMonthlyReport,
    });
    const first = clock.now();
    expect(job.tick(first)).toBe('2026-12-01');
    expect(await job.run(first)).toMatchObject({ month: '2026-11', sent: 2 });
    expect(await job.run(first)).toMatchObject({ sent: 0 });
    svc.dispatcher.notify();
    await svc.dispatcher.whenIdle();
    for (const user of ['bureau-1', 'bureau-2']) {
      const bodies = svc.fake
        .sentTo(user)
        .map((s) => s.body as { msgtype: string; file?: { media_id: string } });
      expect(bodies.map((b) => b.msgtype)).toEqual(['text', 'file']);
      expect(bodies[1]!.file!.media_id).toBeTruthy();
    }
  });

  it('a file row sent after its media id may have expired uploads the file again', async () => {
    const storagePath = 'reports/2026-11/monthly-report-2026-11.xlsx';
    await svc.database.db.transaction((tx) =>
      enqueueOutbox(
        tx,
        [
          {
            channel: 'app',
            recipient: 'bureau-1',
            body: {
              file: {
                storagePath,
                filename: 'report.xlsx',
                contentType: 'application/octet-stream',
                mediaId: 'expired-media-id',
                uploadedAt: new Date(clock.now().getTime() - 3 * 24 * 3_600_000).toISOString(),
              },
            },
          },
        ],
        clock.now(),
      ),
    );
    svc.dispatcher.notify();
    await svc.dispatcher.whenIdle();
    const last = svc.fake.sentTo('bureau-1').at(-1)!.body as { msgtype: string; file: { media_id: string } };
    expect(last.msgtype).toBe('file');
    expect(last.file.media_id).not.toBe('expired-media-id');
  });
});
