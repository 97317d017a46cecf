import { eq } from 'drizzle-orm';
import { meetings, outbox } from '../../src/core/db/schema';
import { recordClickCode } from '../../src/core/outbox/card-response-codes';
import { TemplateStore } from '../../src/core/templates/template-store';
import { answerInvitation } from '../../src/features/meetings/meeting-answers';
import { createMeeting, type Invitee } from '../../src/features/meetings/meeting-records';
import { openTestDatabase } from '../support/test-database';
import { seedStaff } from './meeting-support';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const templates = new TemplateStore();
const _townships = [{ id: 'xihe', name: '溪河镇', kind: 'town' as const }];
const HOUR = 3_600_000;
const now = new Date('2026-12-01T01:00:00Z');
const people: Invitee[] = Array.from({ length: 6 }, (_, i) => ({
  userId: `x-m${i + 1}`,
  name: `成员${i + 1}`,
  role: 'coordination_member',
  position: null,
}));

beforeAll(async () => {
  database = await openTestDatabase();
  await seedStaff(
    database.db,
    people.map((p) => ({ userId: p.userId, name: p.name, role: 'coordination_member', townshipId: 'xihe' })),
    now,
  );
});
afterAll(async () => {
  await database.dispose();
});

async function meetingAt(heldAt: Date, createdAt: Date) {
  return createMeeting(
    database.db,
    {
      townshipId: 'xihe',
      organiserId: 'x-cw',
      heldAt,
      place: '镇政府会议室',
      agenda: [{ caseId: 'X-1', name: '张三' }],
      invitees: people,
    },
    createdAt,
  );
}

describe('meeting answers and reminders (service level)', () => {
  it('answers arriving together are counted one after another: the quorum is announced once', async () => {
    const { meeting, invitations } = await meetingAt(new Date(now.getTime() + 72 * HOUR), now);
    for (const i of invitations)
      await recordClickCode(
        database.db,
        { responseCode: `rc-${i.taskId}`, taskId: i.taskId, userId: i.userId },
        now,
      );
    const results = await Promise.all(
      invitations
        .slice(0, 5)
        .map((i) =>
          database.db.transaction((tx) =>
            answerInvitation(
              tx,
              templates,
              { taskId: i.taskId, userId: i.userId, answer: 'attend' },
              () => 5,
              now,
            ),
          ),
        ),
    );
    const recorded = results.flatMap((r) => (r.kind === 'recorded' ? [r] : []));
    expect(recorded).toHaveLength(5);
    expect(recorded.map((r) => r.tally.attend).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(recorded.filter((r) => r.quorumReached)).toHaveLength(1);
    expect(recorded.find((r) => r.quorumReached)?.tally.attend).toBe(5);
    // Each answer queued one card update with the click's code, taken once.
    const updates = (await database.db.select().from(outbox)).filter(
      (row) => typeof row.body === 'object' && row.body !== null && 'cardUpdate' in row.body,
    );
    expect(updates).toHaveLength(5);
    expect(new Set(updates.map((u) => JSON.stringify(u.body))).size).toBe(5);
    // Answering with no code left still records the answer, and says the card was not updated.
    const last = invitations[5]!;
    await database.db.delete(outbox);
    const again = await answerInvitation(
      database.db,
      templates,
      { taskId: last.taskId, userId: last.userId, answer: 'decline' },
      () => 5,
      now,
    );
    expect(again).toMatchObject({ kind: 'recorded', cardUpdated: true });
    const noCode = await answerInvitation(
      database.db,
      templates,
      { taskId: last.taskId, userId: last.userId, answer: 'attend' },
      () => 5,
      now,
    );
    expect(noCode).toMatchObject({ kind: 'recorded', cardUpdated: false, quorumReached: false });
    expect(noCode.kind === 'recorded' && noCode.tally.attend).toBe(6);
    await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meeting.id));
  });
});
