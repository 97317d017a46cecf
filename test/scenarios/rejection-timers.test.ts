import { eq } from 'drizzle-orm';
import { compose } from '../../src/app/compose';
import { createCase } from '../../src/core/cases/case-records';
import { stepCase } from '../../src/core/cases/case-steps';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { cases, dueTimers } from '../../src/core/db/schema';
import { findStaff } from '../../src/core/staff/staff-directory';
import { toLocalDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/case/case-types';
import { runDailyDigest } from '../../src/features/alerts/daily-digest';
import { runDeadlineAlerts } from '../../src/features/alerts/deadline-alerts';
import { todoOf } from '../../src/features/casework/staff-cases';
import { addStaff, alertDeps, calendar, sentAlerts, shanghai, templates } from '../cron/cron-fixtures';
import { openTestDatabase } from '../support/test-database';

// Issue 15, D5: a 不予批准告知书 sent at the decision left its "书面告知" timer open, so on
// 2027-01-01 (then counted as a working day) everyone got 【逾期督办】; 待办 listed it last.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const cw: Actor = { id: 'cw-rt', role: 'township_caseworker', township: 'pingan' };
// The rules and effects the service runs with (src/app/compose.ts).
const { rules, effects } = compose({ calendar, templates }).steps;
const cipher = new PiiCipher(Buffer.alloc(32, 7));

async function rejected(id: string, idNumber: string, withChat: boolean) {
  await createCase(
    database.db,
    cipher,
    {
      id,
      program: 'dibao',
      businessType: 'new',
      townshipId: 'pingan',
      submittedBy: withChat ? 'self' : 'village_committee',
      applicant: { name: `申请人${id}`, idNumber },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
      ...(withChat
        ? { applicantContact: { userId: `resident-${id}`, channel: 'kf' as const, openKfId: 'wk1' } }
        : {}),
    },
    cw,
    shanghai('2026-11-20'),
  );
  await database.db.update(cases).set({ state: 'appraised' }).where(eq(cases.id, id));
  const outcome = await stepCase(
    database.db,
    {
      caseId: id,
      actor: cw,
      event: { type: 'review_ineligible', reasons: ['家庭人均收入高于当地低保标准'] },
    },
    rules,
    effects,
    shanghai('2026-12-01', '10:00'),
  );
  if (!outcome.ok) throw new Error(outcome.code);
}

const timer = async (id: string) =>
  (
    await database.db
      .select()
      .from(dueTimers)
      .where(eq(dueTimers.id, `rejection-notice.${id}`))
  )[0];

beforeAll(async () => {
  database = await openTestDatabase();
  await addStaff(database.db, [
    { userId: 'cw-rt', name: '王', role: 'township_caseworker', townshipId: 'pingan' },
  ]);
  await rejected('RT-CHAT', '220283198001010016', true);
  await rejected('RT-PAPER', '220283198203040029', false);
  // A case whose decision deadline runs into January.
  await createCase(
    database.db,
    cipher,
    {
      id: 'RT-OPEN',
      program: 'dibao',
      businessType: 'new',
      townshipId: 'pingan',
      submittedBy: 'village_committee',
      applicant: { name: '申请人RT-OPEN', idNumber: '220283201005060031' },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
    },
    cw,
    shanghai('2026-12-01'),
  );
  await stepCase(
    database.db,
    { caseId: 'RT-OPEN', actor: cw, event: { type: 'accept' } },
    rules,
    effects,
    shanghai('2026-12-01'),
  );
});
afterAll(async () => {
  await database.dispose();
});

describe('the written-notice timer closes when its duty is done', () => {
  it('a notice sent to the applicant in chat closes it; a notice to be printed keeps it open', async () => {
    expect(await timer('RT-CHAT')).toMatchObject({ status: 'done' });
    expect(await timer('RT-PAPER')).toMatchObject({ status: 'open', dueOn: '2026-12-04' });
  });

  it('no alert of any kind goes out on New Year’s Day, even in a year without a published schedule', async () => {
    expect(await runDeadlineAlerts(shanghai('2027-01-01', '08:00'), alertDeps(database.db))).toMatchObject({
      skipped: 'non-working-day',
    });
    expect(await runDailyDigest(shanghai('2027-01-01', '08:30'), alertDeps(database.db))).toMatchObject({
      skipped: 'non-working-day',
    });
  });

  it('escalates only the notice still owed, never the one already sent', async () => {
    await runDeadlineAlerts(shanghai('2027-01-04', '08:00'), alertDeps(database.db));
    const keys = (await sentAlerts(database.db)).map((a) => a.key);
    expect(keys.some((k) => k.includes('rejection-notice.RT-PAPER'))).toBe(true);
    expect(keys.some((k) => k.includes('RT-CHAT'))).toBe(false);
  });

  it('待办 lists the overdue notice first', async () => {
    const staff = await findStaff(database.db, 'cw-rt');
    const { items } = await todoOf(database.db, staff!, toLocalDate('2026-12-10'), calendar);
    // The rejected case with its notice sent still waits to be filed: listed, without a deadline, last.
    expect(items.map((i) => i.id)).toEqual(['RT-PAPER', 'RT-OPEN', 'RT-CHAT']);
    expect(items[0]!.deadline).toMatchObject({ kind: 'rejection-notice', dueOn: '2026-12-04' });
    expect(items[0]!.deadline!.workingDaysLeft).toBeLessThan(0);
  });
});
