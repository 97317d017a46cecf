import { eq } from 'drizzle-orm';
import { createCase } from '../../src/core/cases/case-records';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { bureauWarnings, meetingInvitations, meetings } from '../../src/core/db/schema';
import { deactivateStaff } from '../../src/core/staff/staff-directory';
import { runDailyDigest } from '../../src/features/alerts/daily-digest';
import { runBureauWarningAlerts } from '../../src/features/bureau/bureau-warning-alerts';
import { runMeetingReminders } from '../../src/features/meetings/meeting-reminders';
import { openTestDatabase } from '../support/test-database';
import {
  acceptedCase,
  addStaff,
  alertDeps,
  everyDay,
  outboxRows,
  sentAlerts,
  shanghai,
  textOf,
} from './cron-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;

beforeAll(async () => {
  database = await openTestDatabase();
  await addStaff(database.db, [
    { userId: 'cw-pingan', name: 'A', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-fate', name: 'B', role: 'township_caseworker', townshipId: 'fate' },
    { userId: 'member-1', name: 'M1', role: 'coordination_member', townshipId: 'pingan' },
    { userId: 'member-2', name: 'M2', role: 'coordination_member', townshipId: 'pingan' },
    { userId: 'member-3', name: 'M3', role: 'coordination_member', townshipId: 'pingan' },
    { userId: 'member-4', name: 'M4', role: 'coordination_member', townshipId: 'pingan' },
  ]);
});
afterAll(async () => {
  await database.dispose();
});

const texts = async (recipient: string, templateId: string) =>
  (await outboxRows(database.db))
    .filter(
      (r) =>
        r.recipient === recipient &&
        (r.body as { text: { templateId: string } }).text.templateId === templateId,
    )
    .map(textOf);

describe('morning digest', () => {
  beforeAll(async () => {
    await acceptedCase(database.db, 'D-OLD', 'pingan', shanghai('2026-09-25', '10:00'), { name: '赵六' });
    await acceptedCase(database.db, 'D-NEW', 'pingan', shanghai('2026-10-26', '10:00'), { name: '李四' });
    await acceptedCase(database.db, 'D-HIV', 'pingan', shanghai('2026-10-26', '10:00'), {
      name: '孙八',
      hivTagged: true,
    });
    await acceptedCase(database.db, 'D-FATE', 'fate', shanghai('2026-10-26', '10:00'), { name: '钱七' });
    await createCase(
      database.db,
      new PiiCipher(Buffer.alloc(32, 7)),
      {
        id: 'D-SUBMITTED',
        program: 'tekun',
        businessType: 'new',
        townshipId: 'pingan',
        submittedBy: 'self',
        applicant: { name: '周九', idNumber: '220282198001011231' },
        members: [],
        nearRelativeDeclared: false,
        hivTagged: false,
      },
      { id: 'resident', role: 'resident', township: 'pingan' },
      shanghai('2026-11-04', '10:00'),
    );
  });

  it('each caseworker gets their township’s deadlines, overdue first, once a working day', async () => {
    const at = shanghai('2026-11-05', '08:30');
    expect(await runDailyDigest(at, alertDeps(database.db))).toMatchObject({ townships: 2, queued: 2 });
    expect(await runDailyDigest(at, alertDeps(database.db))).toMatchObject({ queued: 0 });
    const [digest, ...more] = await texts('cw-pingan', 'staff.alerts.daily-digest');
    expect(more).toEqual([]);
    const lines = digest!.split('\n');
    expect(lines[0]).toBe('【今日待办】平安镇 2026-11-05');
    const items = lines.filter((l) => /^\d+\. /.test(l));
    expect(items.map((l) => l.split(' ')[1])).toEqual(['D-OLD', 'D-NEW', 'D-OLD', 'D-NEW']);
    expect(items[0]).toContain('2026-09-30，已逾期');
    expect(items[1]).toContain('已逾期');
    expect(items[2]).toContain('2026-11-12，剩 5 个工作日');
    expect(items[3]).toContain('剩 ');
    expect(digest).toContain('待审核材料的新申请 1 件');
    expect(digest).not.toContain('D-HIV');
    expect(digest).not.toContain('孙八');
    expect(digest).not.toContain('D-FATE');
    expect(digest).not.toContain('内部目标');
    const [fate] = await texts('cw-fate', 'staff.alerts.daily-digest');
    expect(fate).toContain('D-FATE');
    expect(fate).not.toContain('D-OLD');
  });

  it('skips days off and works on make-up working weekends', async () => {
    expect(await runDailyDigest(shanghai('2026-11-07', '08:30'), alertDeps(database.db))).toMatchObject({
      skipped: 'non-working-day',
    });
    // 2026-10-10 is a Saturday worked for National Day (调休).
    expect(await runDailyDigest(shanghai('2026-10-10', '08:30'), alertDeps(database.db))).not.toHaveProperty(
      'skipped',
    );
  });
});

describe('meeting reminders', () => {
  let meetingId: number;
  beforeAll(async () => {
    await deactivateStaff(database.db, 'member-4', shanghai('2026-11-01'));
    const meeting = async (heldAt: Date, status: 'scheduled' | 'cancelled' = 'scheduled') => {
      const [row] = await database.db
        .insert(meetings)
        .values({
          townshipId: 'pingan',
          organiserId: 'cw-pingan',
          heldAt,
          place: '镇政府三楼会议室',
          status,
          createdAt: shanghai('2026-11-02'),
        })
        .returning({ id: meetings.id });
      return row!.id;
    };
    meetingId = await meeting(shanghai('2026-11-06', '14:00'));
    const later = await meeting(shanghai('2026-11-09', '14:00'));
    const cancelled = await meeting(shanghai('2026-11-06', '09:00'), 'cancelled');
    const answers = [
      ['member-1', 'attend'],
      ['member-2', 'pending'],
      ['member-3', 'decline'],
      ['member-4', 'pending'],
    ] as const;
    for (const id of [meetingId, later, cancelled])
      for (const [userId, answer] of answers)
        await database.db
          .insert(meetingInvitations)
          .values({ meetingId: id, userId, answer, taskId: `t-${id}-${userId}` });
  });

  it('the day before, every invited member who has not declined, once', async () => {
    for (const time of ['16:00', '16:00', '18:00'])
      await runMeetingReminders(shanghai('2026-11-05', time), alertDeps(database.db));
    const reminded = (await sentAlerts(database.db)).filter((r) => r.kind === 'meeting-reminder');
    expect(reminded.map((r) => r.recipient)).toEqual(['member-1', 'member-2']);
    const [attending] = await texts('member-1', 'staff.alerts.meeting-reminder');
    expect(attending).toContain('平安镇评审合议会定于 2026-11-06 14:00 在 镇政府三楼会议室 召开');
    expect(attending).toContain('您已确认参加');
    expect((await texts('member-2', 'staff.alerts.meeting-reminder'))[0]).toContain('尚未答复');
    const invitations = await database.db
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meetingId));
    expect(
      invitations
        .filter((i) => i.remindedAt)
        .map((i) => i.userId)
        .sort(),
    ).toEqual(['member-1', 'member-2']);
  });

  it('an invitee the meetings service already reminded is not reminded again', async () => {
    const [row] = await database.db
      .insert(meetings)
      .values({
        townshipId: 'pingan',
        organiserId: 'cw-pingan',
        heldAt: shanghai('2026-11-13', '09:30'),
        place: '镇政府三楼会议室',
        createdAt: shanghai('2026-11-02'),
      })
      .returning({ id: meetings.id });
    await database.db.insert(meetingInvitations).values([
      {
        meetingId: row!.id,
        userId: 'member-1',
        answer: 'pending',
        taskId: 'u-1',
        remindedAt: shanghai('2026-11-12', '09:30'),
      },
      { meetingId: row!.id, userId: 'member-2', answer: 'attend', taskId: 'u-2' },
    ]);
    await runMeetingReminders(shanghai('2026-11-12', '16:00'), alertDeps(database.db));
    const reminded = (await sentAlerts(database.db)).filter((r) => r.key.startsWith(`meeting:${row!.id}:`));
    expect(reminded.map((r) => r.recipient)).toEqual(['member-2']);
  });
});

describe('bureau warnings', () => {
  beforeAll(async () => {
    const warning = (id: string, townshipId: string, status: 'open' | 'done' = 'open') => ({
      id,
      townshipId,
      subjectIdHash: `hash-${id}`,
      reason: '家庭成员名下新增车辆',
      receivedOn: '2026-10-20',
      dueOn: '2026-11-10',
      status,
      createdAt: shanghai('2026-10-20'),
    });
    await database.db
      .insert(bureauWarnings)
      .values([warning('W-1', 'pingan'), warning('W-2', 'fate'), warning('W-3', 'pingan', 'done')]);
  });

  it('the township’s caseworkers at 3 and 1 working days left and once overdue', async () => {
    for (const day of everyDay('2026-11-02', '2026-11-16'))
      for (let i = 0; i < 2; i++)
        await runBureauWarningAlerts(shanghai(day, '09:10'), alertDeps(database.db));
    const sent = (await sentAlerts(database.db))
      .filter((r) => r.kind.startsWith('bureau-warning'))
      .map((r) => `${r.createdAt.toISOString().slice(0, 10)} ${r.recipient} ${r.key}`)
      .sort();
    expect(sent).toEqual([
      '2026-11-05 cw-fate bureau-warning:W-2:2026-11-10:3',
      '2026-11-05 cw-pingan bureau-warning:W-1:2026-11-10:3',
      '2026-11-09 cw-fate bureau-warning:W-2:2026-11-10:1',
      '2026-11-09 cw-pingan bureau-warning:W-1:2026-11-10:1',
      '2026-11-11 cw-fate bureau-warning:W-2:2026-11-10:overdue',
      '2026-11-11 cw-pingan bureau-warning:W-1:2026-11-10:overdue',
    ]);
    const [, , overdue] = await texts('cw-pingan', 'staff.alerts.bureau-warning');
    expect(overdue).toContain('预警 W-1');
    expect(overdue).toContain('已逾期 1 个工作日');
  });
});
