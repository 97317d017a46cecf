import { eq } from 'drizzle-orm';
import { compose } from '../../src/app/compose';
import { createCase } from '../../src/core/cases/case-records';
import { stepCase } from '../../src/core/cases/case-steps';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { caseNotices, cases } from '../../src/core/db/schema';
import type { Actor } from '../../src/domain/case/case-types';
import { runDailyDigest } from '../../src/features/alerts/daily-digest';
import { runDeadlineAlerts } from '../../src/features/alerts/deadline-alerts';
import {
  addStaff,
  alertDeps,
  calendar,
  outboxRows,
  shanghai,
  templates,
  textOf,
} from '../cron/cron-fixtures';
import { openTestDatabase } from '../support/test-database';

// Issue 15, D4: the 公示 said it ended 12-09, the digest 12-10, and its end was accepted only on
// 12-11. One statement now: on display through 12-10, its end recorded from 12-11.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const cw: Actor = { id: 'cw-pub', role: 'township_caseworker', township: 'pingan' };
// The rules and effects the service runs with (src/app/compose.ts).
const { rules, effects } = compose({ calendar, templates }).steps;

beforeAll(async () => {
  database = await openTestDatabase();
  await addStaff(database.db, [
    { userId: 'cw-pub', name: '王', role: 'township_caseworker', townshipId: 'pingan' },
  ]);
  await createCase(
    database.db,
    new PiiCipher(Buffer.alloc(32, 7)),
    {
      id: 'PUB-1',
      program: 'dibao',
      businessType: 'new',
      townshipId: 'pingan',
      submittedBy: 'self',
      applicant: { name: '孙桂兰', idNumber: '220283198001010016' },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
      applicantContact: { userId: 'resident-pub', channel: 'app' },
    },
    cw,
    shanghai('2026-11-20'),
  );
  await database.db.update(cases).set({ state: 'reviewed_eligible' }).where(eq(cases.id, 'PUB-1'));
});
afterAll(async () => {
  await database.dispose();
});

const step = (type: 'start_publicity' | 'end_publicity', day: string) =>
  stepCase(
    database.db,
    {
      caseId: 'PUB-1',
      actor: cw,
      event: type === 'start_publicity' ? { type, startsOn: day } : { type, endedOn: day },
    },
    rules,
    effects,
    shanghai(day, '10:00'),
  );

describe('one statement of the publicity’s last day', () => {
  it('the 公示, the alert, the digest and the guard agree: through 12-10, ended from 12-11', async () => {
    expect(await step('start_publicity', '2026-12-03')).toMatchObject({ ok: true, to: 'in_publicity' });
    const [posted] = await database.db.select().from(caseNotices).where(eq(caseNotices.kind, 'publicity'));
    expect(posted!.text).toContain('7天，2026-12-03张贴，次日起算，至2026-12-10止');

    await runDeadlineAlerts(shanghai('2026-12-09', '08:00'), alertDeps(database.db));
    const alert = (await outboxRows(database.db)).map(textOf).find((t) => t.includes('【公示期提醒】'));
    expect(alert).toContain('至 2026-12-10（含当日）届满，2026-12-11 起可记录公示结束');

    await runDailyDigest(shanghai('2026-12-10', '08:30'), alertDeps(database.db));
    const digest = (await outboxRows(database.db)).map(textOf).find((t) => t.startsWith('【今日待办】'));
    expect(digest).toContain('公示至 2026-12-10（含当日），2026-12-11 起可记录公示结束');

    expect(await step('end_publicity', '2026-12-10')).toMatchObject({
      ok: false,
      code: 'publicity_not_over',
    });
    expect(await step('end_publicity', '2026-12-11')).toMatchObject({ ok: true });
  });
});
