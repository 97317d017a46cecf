import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { timerEffects } from '../../src/core/cases/case-effects';
import { createCase } from '../../src/core/cases/case-records';
import { type StepRules, stepCase } from '../../src/core/cases/case-steps';
import { overdueTimers, recomputeStoredTimers, timersDueWithin } from '../../src/core/cases/due-timer-store';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { dueTimers } from '../../src/core/db/schema';
import { holidayOverrideFileSchema, toLocalDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import { calendarThrough2026, FICTIONAL_2027 } from '../domain/calendar/holiday-fixtures';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const cipher = new PiiCipher(randomBytes(32));
// Sources that stop after 2026, then the same with a (fictional) 2027 schedule published.
const officialOnly = calendarThrough2026();
const with2027 = calendarThrough2026([holidayOverrideFileSchema.parse(FICTIONAL_2027)]);
const now = new Date('2026-12-10T02:00:00Z');
const worker: Actor = { id: 'cw-1', role: 'township_caseworker', township: 'tianjia' };
const rules: StepRules = {
  today: () => '2026-12-10',
  extensionCapWorkingDays: () => 45,
  dibaoStandard: () => undefined,
  temporaryAidVerdict: () => undefined,
  minimums: () => ({ homeVisitStaff: 2, meetingParticipants: 5 }),
  versions: () => ({}),
};

beforeAll(async () => {
  database = await openTestDatabase();
  for (const [id, township] of [
    ['C-DEC', 'tianjia'],
    ['C-OTHER', 'pingan'],
  ] as const) {
    await createCase(
      database.db,
      cipher,
      {
        id,
        program: 'dibao',
        businessType: 'new',
        townshipId: township,
        submittedBy: 'self',
        applicant: { name: '钱七', idNumber: '220282198001011231' },
        members: [],
        nearRelativeDeclared: false,
        hivTagged: false,
      },
      worker,
      new Date('2026-12-10T02:00:00Z'),
    );
    await stepCase(
      database.db,
      { caseId: id, actor: { ...worker, township }, event: { type: 'accept' } },
      rules,
      timerEffects(officialOnly, DEFAULT_DEADLINE_RULES),
      new Date('2026-12-10T02:00:00Z'),
    );
  }
});
afterAll(async () => {
  await database.dispose();
});

const decision = async () =>
  (await database.db.select().from(dueTimers).where(eq(dueTimers.id, 'decision.C-DEC')))[0]!;

describe('stored deadlines', () => {
  it('a deadline running into 2027 is provisional until a 2027 schedule exists, then recomputed', async () => {
    expect(await decision()).toMatchObject({ provisional: true, calendarVersion: officialOnly.version });
    const changed = await recomputeStoredTimers(database.db, with2027, now);
    expect(changed.map((c) => c.after.id)).toContain('decision.C-DEC');
    const after = await decision();
    expect(after).toMatchObject({ provisional: false, calendarVersion: with2027.version });
    expect(await recomputeStoredTimers(database.db, with2027, now)).toEqual([]);
  });

  it('lists a township’s timers due within N working days, and overdue ones, never another township’s', async () => {
    const due = await timersDueWithin(database.db, with2027, 'tianjia', toLocalDate('2026-12-10'), 3);
    expect(due.map((t) => t.id)).toEqual(['investigation.C-DEC']);
    const late = await overdueTimers(database.db, toLocalDate('2027-03-01'), 'tianjia');
    expect(late.map((t) => t.id).sort()).toEqual(['decision.C-DEC', 'investigation.C-DEC', 'target20.C-DEC']);
    expect(late.every((t) => t.caseId === 'C-DEC')).toBe(true);
  });
});
