import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { createCase } from '../../../src/core/cases/case-records';
import { openVillage, tagCaseVillages, villageHashes } from '../../../src/core/cases/case-villages';
import { fillTimerTownships } from '../../../src/core/cases/due-timer-store';
import { PiiCipher } from '../../../src/core/crypto/pii-cipher';
import { cases, dueTimers } from '../../../src/core/db/schema';
import type { StaffMember } from '../../../src/core/staff/staff-directory';
import { toLocalDate } from '../../../src/domain/calendar';
import { bureauTodoOf, todoOf } from '../../../src/features/casework/staff-cases';
import { townshipTodoPage, townshipTodoSummary } from '../../../src/features/casework/todo-list';
import { deadlineCounts } from '../../../src/features/workbench/dashboard-queries';
import { calendar } from '../../cron/cron-fixtures';
import { IDS } from '../../support/application-answers';
import { openTestDatabase } from '../../support/test-database';

// Issue 20: 待办 ordered, filtered, counted and paged in SQL, with the rules of the chat command.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const cipher = new PiiCipher(Buffer.alloc(32, 9));
const today = toLocalDate('2026-12-10'); // a Thursday
const staff: StaffMember = {
  userId: 'cw-todo',
  name: 'cw-todo',
  role: 'township_caseworker',
  townshipId: 'pingan',
  position: null,
  active: true,
  createdAt: new Date('2026-09-01T00:00:00Z'),
  updatedAt: new Date('2026-09-01T00:00:00Z'),
};

interface Fixture {
  id: string;
  state: string;
  created: string;
  township?: string;
  residence?: string;
  program?: 'dibao' | 'tekun' | 'linshi';
  name?: string;
  village?: string;
  hiv?: boolean;
  /** Timers as kind@due_on, with an optional status after a slash. */
  timers?: string[];
}

const FIXTURES: Fixture[] = [
  { id: 'T-NEW-OLD', state: 'submitted', created: '2026-11-01', village: '平安村' },
  { id: 'T-NEW-YOUNG', state: 'submitted', created: '2026-11-20', village: '东风村', name: '李雷' },
  {
    id: 'T-DUE-MON',
    state: 'accepted',
    created: '2026-11-05',
    timers: ['decision@2026-12-14'],
    village: '平安村',
  },
  {
    id: 'T-LATE',
    state: 'verified',
    created: '2026-11-10',
    program: 'tekun',
    timers: ['decision@2026-12-30', 'investigation@2026-12-08', 'publicity@2026-12-01'],
  },
  // Filed (not the township's step any more) but its written notice is still owed.
  { id: 'T-NOTICE', state: 'filed', created: '2026-10-01', timers: ['rejection-notice@2026-12-11'] },
  { id: 'T-DONE', state: 'filed', created: '2026-10-02', timers: ['rejection-notice@2026-12-01/done'] },
  { id: 'T-RESIDENT', state: 'accepted', created: '2026-11-06', township: 'fate', residence: 'pingan' },
  { id: 'T-OTHER', state: 'accepted', created: '2026-11-07', township: 'fate' },
  { id: 'T-HIV', state: 'accepted', created: '2026-11-08', hiv: true, timers: ['decision@2026-12-01'] },
  { id: 'T-REFERRED', state: 'referred_to_bureau', created: '2026-11-09' },
  { id: 'T-ESCALATED', state: 'escalated_to_bureau', created: '2026-11-02' },
];

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  for (const f of FIXTURES) {
    const created = await createCase(
      db,
      cipher,
      {
        id: f.id,
        program: f.program ?? 'dibao',
        businessType: 'new',
        townshipId: f.township ?? 'pingan',
        ...(f.residence ? { residenceTownshipId: f.residence } : {}),
        submittedBy: 'village_committee',
        applicant: { name: f.name ?? `申请人${f.id}`, idNumber: IDS.a },
        members: [],
        nearRelativeDeclared: false,
        hivTagged: f.hiv ?? false,
        ...(f.village ? { declaration: { village: ` ${f.village} ` } } : { declaration: { income: 1 } }),
      },
      { id: 'cw', role: 'village_committee', township: f.township ?? 'pingan' },
      new Date(`${f.created}T02:00:00Z`),
    );
    expect(created.ok).toBe(true);
    await db
      .update(cases)
      .set({ state: f.state, updatedAt: new Date(`${f.created}T02:00:00Z`) })
      .where(eq(cases.id, f.id));
    for (const timer of f.timers ?? []) {
      const [kind, rest] = timer.split('@') as [string, string];
      const [dueOn, status] = rest.split('/') as [string, 'done' | undefined];
      await db.insert(dueTimers).values({
        id: `${kind}.${f.id}`,
        caseId: f.id,
        townshipId: f.township ?? 'pingan',
        kind,
        dueOn,
        calendarVersion: calendar.version,
        status: status ?? 'open',
        updatedAt: new Date('2026-12-01T02:00:00Z'),
      });
    }
  }
});
afterAll(async () => {
  await database.dispose();
});

describe('the township queue (todoOf, the chat command)', () => {
  it('lists by the nearest open statutory deadline, overdue first, then cases without one, oldest first', async () => {
    const { items, total } = await todoOf(database.db, staff, today, calendar);
    expect(items.map((i) => i.id)).toEqual([
      'T-LATE',
      'T-NOTICE',
      'T-DUE-MON',
      'T-NEW-OLD',
      'T-RESIDENT',
      'T-NEW-YOUNG',
    ]);
    expect(total).toBe(6);
    expect(items[0]!.deadline).toEqual({ kind: 'investigation', dueOn: '2026-12-08', workingDaysLeft: -2 });
    expect(items[1]!.deadline).toEqual({ kind: 'rejection-notice', dueOn: '2026-12-11', workingDaysLeft: 1 });
    expect(items[2]!.deadline).toEqual({ kind: 'decision', dueOn: '2026-12-14', workingDaysLeft: 2 });
    expect(items[3]!.deadline).toBeUndefined();
  });

  it('cuts the list at the limit and still counts all of it', async () => {
    const { items, total } = await todoOf(database.db, staff, today, calendar, 2);
    expect(items.map((i) => i.id)).toEqual(['T-LATE', 'T-NOTICE']);
    expect(total).toBe(6);
  });

  it('is empty for staff of no township', async () => {
    expect(await todoOf(database.db, { ...staff, townshipId: null }, today, calendar)).toEqual({
      items: [],
      total: 0,
    });
  });
});

describe('the workbench page of the queue', () => {
  const ids = async (q: Parameters<typeof townshipTodoPage>[2], limit = 50, offset = 0) => {
    const page = await townshipTodoPage(database.db, 'pingan', q, limit, offset);
    return { ids: page.rows.map((r) => r.id), matched: page.matched };
  };

  it('pages in the same order and counts every match', async () => {
    expect(await ids({}, 2, 2)).toEqual({ ids: ['T-DUE-MON', 'T-NEW-OLD'], matched: 6 });
    expect(await ids({}, 2, 6)).toEqual({ ids: [], matched: 0 });
  });

  it('filters by program and step, and searches the case number (any case) or the name', async () => {
    expect(await ids({ program: 'tekun' })).toEqual({ ids: ['T-LATE'], matched: 1 });
    expect(await ids({ step: 'submitted' })).toEqual({ ids: ['T-NEW-OLD', 'T-NEW-YOUNG'], matched: 2 });
    expect(await ids({ search: 't-due' })).toEqual({ ids: ['T-DUE-MON'], matched: 1 });
    expect(await ids({ search: '李雷' })).toEqual({ ids: ['T-NEW-YOUNG'], matched: 1 });
    expect(await ids({ search: '%' })).toEqual({ ids: [], matched: 0 });
  });

  it('filters by village through its keyed hash, and shows the village of each row', async () => {
    const village = { villageHashes: villageHashes(cipher, '平安村 ') };
    expect(await ids(village)).toEqual({ ids: ['T-DUE-MON', 'T-NEW-OLD'], matched: 2 });
    expect(await ids({ villageHashes: villageHashes(cipher, '西山村') })).toEqual({ ids: [], matched: 0 });
    const [row] = (await townshipTodoPage(database.db, 'pingan', village, 1)).rows;
    expect(openVillage(cipher, row!.villageSealed)).toBe('平安村');
  });

  it('sums up the whole queue: its size, steps and villages', async () => {
    const summary = await townshipTodoSummary(database.db, 'pingan');
    expect(summary.total).toBe(6);
    expect(summary.states.sort()).toEqual(['accepted', 'filed', 'submitted', 'verified']);
    expect(summary.villagesSealed.map((v) => openVillage(cipher, v)).sort()).toEqual(['东风村', '平安村']);
  });
});

describe('the bureau queue', () => {
  it('lists its own decisions before filings, oldest first', async () => {
    const { items, total } = await bureauTodoOf(database.db);
    expect(items.map((i) => i.id)).toEqual(['T-REFERRED', 'T-ESCALATED', 'T-NOTICE', 'T-DONE']);
    expect(total).toBe(4);
  });
});

describe('deadline counts on the dashboard', () => {
  it('counts each case once as overdue and once as due by Sunday', async () => {
    // A timer written by a version before timers carried their township is given it at start-up.
    await database.db.update(dueTimers).set({ townshipId: null }).where(eq(dueTimers.caseId, 'T-HIV'));
    expect(await fillTimerTownships(database.db)).toBe(1);
    expect(await fillTimerTownships(database.db)).toBe(0);
    const counts = await deadlineCounts(database.db, today);
    // T-LATE is overdue (investigation) and has nothing else due this week; T-HIV is overdue too.
    expect(counts.find((c) => c.townshipId === 'pingan')).toEqual({
      townshipId: 'pingan',
      overdue: 2,
      dueThisWeek: 1,
    });
  });

  it('counts an overdue 补办 after 先行救助 as the 待办 does (the same four statutory deadlines)', async () => {
    await database.db.insert(dueTimers).values({
      id: 'advance-records.T-OTHER',
      caseId: 'T-OTHER',
      townshipId: 'fate',
      kind: 'advance-records',
      dueOn: '2026-12-02',
      calendarVersion: calendar.version,
      status: 'open',
      updatedAt: new Date('2026-12-01T02:00:00Z'),
    });
    const counts = await deadlineCounts(database.db, today);
    expect(counts.find((c) => c.townshipId === 'fate')).toEqual({
      townshipId: 'fate',
      overdue: 1,
      dueThisWeek: 0,
    });
    await database.db.delete(dueTimers).where(eq(dueTimers.id, 'advance-records.T-OTHER'));
  });
});

describe('villages of cases declared before they were stored apart', () => {
  it('are tagged at start-up, once; a declaration no key opens is left and counted', async () => {
    const db = database.db;
    const stranger = new PiiCipher(randomBytes(32));
    await db
      .update(cases)
      .set({ villageHash: null, villageSealed: null })
      .where(inArray(cases.id, ['T-NEW-OLD', 'T-LATE']));
    await db
      .update(cases)
      .set({ villageSealed: null, applicationSealed: stranger.seal('{"village":"x"}') })
      .where(eq(cases.id, 'T-OTHER'));
    expect(await tagCaseVillages(db, cipher, 1)).toEqual({ tagged: 2, unreadable: 1 });
    expect(await tagCaseVillages(db, cipher)).toEqual({ tagged: 0, unreadable: 1 });
    const rows = await db
      .select()
      .from(cases)
      .where(inArray(cases.id, ['T-NEW-OLD', 'T-LATE']));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(openVillage(cipher, byId.get('T-NEW-OLD')!.villageSealed)).toBe('平安村');
    expect(byId.get('T-NEW-OLD')!.villageHash).toBe(villageHashes(cipher, '平安村')[0]);
    // No village declared: tagged as none, so it is not opened again at the next start.
    expect(byId.get('T-LATE')).toMatchObject({ villageHash: null, villageSealed: '' });
  });
});
