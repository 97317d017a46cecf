import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { timerEffects } from '../../src/core/cases/case-effects';
import { createCase } from '../../src/core/cases/case-records';
import { type StepRules, stepCase } from '../../src/core/cases/case-steps';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { dueTimers } from '../../src/core/db/schema';
import { createWorkingDayCalendar, shanghaiDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import type { WorkflowEvent } from '../../src/domain/workflow/workflow-events';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const cipher = new PiiCipher(randomBytes(32));
const calendar = createWorkingDayCalendar();
const effects = timerEffects(calendar, DEFAULT_DEADLINE_RULES);
const worker: Actor = { id: 'cw-1', role: 'township_caseworker', township: 'tianjia' };
const rules: StepRules = {
  today: shanghaiDate,
  extensionCapWorkingDays: (program) => DEFAULT_DEADLINE_RULES.decision.maxDays[program],
  dibaoStandard: () => undefined,
  temporaryAidVerdict: () => undefined,
  minimums: () => ({ homeVisitStaff: 2, meetingParticipants: 5 }),
  versions: () => ({ deadlines: DEFAULT_DEADLINE_RULES.version, calendar: calendar.version }),
};
/** 10:00 in Shanghai on the given day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

beforeAll(async () => {
  database = await openTestDatabase();
  await createCase(
    database.db,
    cipher,
    {
      id: 'C-0925',
      program: 'dibao',
      businessType: 'new',
      townshipId: 'tianjia',
      submittedBy: 'village_committee',
      applicant: { name: '赵六', idNumber: '220282198001011231' },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
    },
    worker,
    at('2026-09-25'),
  );
});
afterAll(async () => {
  await database.dispose();
});

const step = (event: WorkflowEvent, day: string) =>
  stepCase(database.db, { caseId: 'C-0925', actor: worker, event }, rules, effects, at(day));
const timer = async (id: string) =>
  (await database.db.select().from(dueTimers).where(eq(dueTimers.id, id)))[0];

describe('deadlines of a case, through the workflow', () => {
  it('accepted on 2026-09-25: decision due 2026-11-12 across Mid-Autumn, National Day and its make-up Saturday', async () => {
    expect(await step({ type: 'accept' }, '2026-09-25')).toMatchObject({ ok: true, to: 'accepted' });
    expect(await timer('decision.C-0925')).toMatchObject({
      dueOn: '2026-11-12',
      warnOn: ['2026-11-05', '2026-11-09', '2026-11-11'],
      provisional: false,
      status: 'open',
    });
    expect(await timer('investigation.C-0925')).toMatchObject({ dueOn: '2026-09-30' });
    expect(await timer('target20.C-0925')).toMatchObject({ dueOn: '2026-10-29' });
  });

  it('an extension with a reason moves the decision to 45 working days; beyond that is refused', async () => {
    expect(
      await step({ type: 'extend_deadline', reason: '需外地核对', totalWorkingDays: 46 }, '2026-10-12'),
    ).toMatchObject({
      ok: false,
      code: 'extension_invalid',
    });
    expect(
      await step({ type: 'extend_deadline', reason: '需外地核对', totalWorkingDays: 45 }, '2026-10-12'),
    ).toMatchObject({
      ok: true,
    });
    expect(await timer('decision.C-0925')).toMatchObject({ dueOn: '2026-12-03' });
  });

  it('publicity runs 7 days and the meeting cannot take the case before it is over', async () => {
    await step({ type: 'record_verification', summary: '核对无异常' }, '2026-10-13');
    await step(
      {
        type: 'record_home_visit',
        visit: {
          visitedOn: '2026-10-14',
          findings: '属实',
          staff: [
            { staffId: 's1', township: 'tianjia', signed: true },
            { staffId: 's2', township: 'tianjia', signed: true },
          ],
        },
      },
      '2026-10-14',
    );
    await step({ type: 'skip_appraisal', reason: '无争议' }, '2026-10-15');
    await step({ type: 'review_eligible', opinion: '符合', proposedAmountFen: 45_000 }, '2026-10-16');
    expect(await step({ type: 'start_publicity', startsOn: '2026-10-19' }, '2026-10-19')).toMatchObject({
      ok: true,
    });
    expect(await timer('publicity.C-0925')).toMatchObject({ dueOn: '2026-10-26' });
    expect(await step({ type: 'end_publicity', endedOn: '2026-10-26' }, '2026-10-26')).toMatchObject({
      code: 'publicity_not_over',
    });
    expect(await step({ type: 'end_publicity', endedOn: '2026-10-27' }, '2026-10-27')).toMatchObject({
      ok: true,
    });
  });

  it('the decision stops the clock', async () => {
    const meeting = {
      heldOn: '2026-10-28',
      minutesRef: 'm-1',
      participants: ['a', 'b', 'c', 'd', 'e'].map((personId) => ({ personId, confirmed: true })),
    };
    expect(
      await step(
        { type: 'decide_approve', meeting, amountFen: 48_000, startMonth: '2026-11', householdSize: 1 },
        '2026-10-28',
      ),
    ).toMatchObject({ ok: true, to: 'approved' });
    expect(await timer('decision.C-0925')).toMatchObject({ status: 'done' });
    expect(await timer('publicity.C-0925')).toMatchObject({ status: 'done' });
    expect(await timer('investigation.C-0925')).toMatchObject({ status: 'done' });
  });
});
