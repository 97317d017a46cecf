import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { caseTimeline, createCase, type NewCase } from '../../src/core/cases/case-records';
import { type StepRules, stepCase } from '../../src/core/cases/case-steps';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { caseEvents, cases } from '../../src/core/db/schema';
import type { Actor } from '../../src/domain/case/case-types';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const cipher = new PiiCipher(randomBytes(32));
const now = new Date('2026-10-09T02:00:00Z');
const caseworker: Actor = { id: 'cw-1', role: 'township_caseworker', township: 'tianjia' };
const outsider: Actor = { id: 'cw-2', role: 'township_caseworker', township: 'pingan' };
const rules: StepRules = {
  today: () => '2026-10-09',
  extensionCapWorkingDays: () => 45,
  dibaoStandard: () => undefined,
  temporaryAidVerdict: () => ({ verdict: 'within', detail: '' }),
  minimums: () => ({ homeVisitStaff: 2, meetingParticipants: 5 }),
  versions: () => ({ parameters: 'test-1', calendar: 'test-cal' }),
};
const noEffects = async () => {};

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

function application(id: string, overrides: Partial<NewCase> = {}): NewCase {
  return {
    id,
    program: 'dibao',
    businessType: 'new',
    townshipId: 'tianjia',
    submittedBy: 'self',
    applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13912345678' },
    members: [{ name: '李四', relation: '配偶', idNumber: '220282198001011231' }],
    nearRelativeDeclared: false,
    hivTagged: false,
    ...overrides,
  };
}

describe('cases and their audit trail', () => {
  it('refuses an ID number with a wrong check digit and stores nothing', async () => {
    const result = await createCase(
      database.db,
      cipher,
      application('C-bad', { applicant: { name: '王五', idNumber: '110105194912310021' } }),
      caseworker,
      now,
    );
    expect(result).toEqual({ ok: false, code: 'invalid_id_number', field: 'applicant', reason: 'checksum' });
    expect(await database.db.select().from(cases).where(eq(cases.id, 'C-bad'))).toHaveLength(0);
  });

  it('is registered only by the township of 户籍, with a valid business type', async () => {
    expect(await createCase(database.db, cipher, application('C-x'), outsider, now)).toEqual({
      ok: false,
      code: 'other_township',
    });
    expect(
      await createCase(
        database.db,
        cipher,
        application('C-x', { businessType: 'terminate' }),
        caseworker,
        now,
      ),
    ).toEqual({
      ok: false,
      code: 'invalid_business_type',
    });
    expect(
      await createCase(
        database.db,
        cipher,
        application('C-x', { program: 'linshi', businessType: 'new' }),
        caseworker,
        now,
      ),
    ).toEqual({ ok: false, code: 'temporary_aid_kind_missing' });
    expect(await database.db.select().from(cases).where(eq(cases.id, 'C-x'))).toHaveLength(0);
  });

  it('keeps identifiers sealed at rest and findable by keyed hash', async () => {
    expect(await createCase(database.db, cipher, application('C-1'), caseworker, now)).toEqual({
      ok: true,
      id: 'C-1',
    });
    const dump = JSON.stringify(await database.db.select().from(cases).where(eq(cases.id, 'C-1')));
    expect(dump).not.toContain('11010519491231002X');
    expect(dump).not.toContain('13912345678');
    const [found] = await database.db
      .select({ id: cases.id, sealed: cases.applicantIdSealed })
      .from(cases)
      .where(eq(cases.applicantIdHash, cipher.lookupHash('11010519491231002X')));
    expect(found?.id).toBe('C-1');
    expect(cipher.open(found!.sealed)).toBe('11010519491231002X');
  });

  it('applies a step with its audit entry and rule versions, in one transaction', async () => {
    const result = await stepCase(
      database.db,
      { caseId: 'C-1', actor: caseworker, event: { type: 'accept' } },
      rules,
      noEffects,
      now,
    );
    expect(result).toMatchObject({ ok: true, from: 'submitted', to: 'accepted', seq: 2 });
    const [row] = await database.db.select().from(cases).where(eq(cases.id, 'C-1'));
    expect(row).toMatchObject({ state: 'accepted', acceptedOn: '2026-10-09', version: 1 });
    const timeline = await caseTimeline(database.db, 'C-1');
    expect(timeline.map((t) => [t.event, t.from, t.to, t.actor.id])).toEqual([
      ['submit', null, 'submitted', 'cw-1'],
      ['accept', 'submitted', 'accepted', 'cw-1'],
    ]);
    const [audit] = await database.db.select().from(caseEvents).where(eq(caseEvents.seq, 2));
    expect(audit?.ruleVersions).toEqual({ parameters: 'test-1', calendar: 'test-cal' });
  });

  it('a refused step changes nothing and writes no audit entry', async () => {
    const before = await caseTimeline(database.db, 'C-1');
    const refused = await stepCase(
      database.db,
      { caseId: 'C-1', actor: outsider, event: { type: 'record_verification', summary: '核对' } },
      rules,
      noEffects,
      now,
    );
    expect(refused).toMatchObject({ ok: false, code: 'other_township' });
    expect(await caseTimeline(database.db, 'C-1')).toEqual(before);
  });

  it('a step whose effects fail is rolled back whole', async () => {
    const failing = async () => {
      throw new Error('outbox unavailable');
    };
    await expect(
      stepCase(
        database.db,
        { caseId: 'C-1', actor: caseworker, event: { type: 'record_verification', summary: '核对' } },
        rules,
        failing,
        now,
      ),
    ).rejects.toThrow('outbox unavailable');
    const [row] = await database.db.select().from(cases).where(eq(cases.id, 'C-1'));
    expect(row?.state).toBe('accepted');
    expect(await caseTimeline(database.db, 'C-1')).toHaveLength(2);
  });

  it('refuses a step taken on a version someone else already changed', async () => {
    const stale = await stepCase(
      database.db,
      {
        caseId: 'C-1',
        actor: caseworker,
        event: { type: 'record_verification', summary: '核对' },
        expectedVersion: 0,
      },
      rules,
      noEffects,
      now,
    );
    expect(stale).toEqual({ ok: false, code: 'stale_version' });
  });

  it('the database refuses to rewrite or delete history', async () => {
    await expect(
      database.db.update(caseEvents).set({ reason: 'rewritten' }).where(eq(caseEvents.caseId, 'C-1')),
    ).rejects.toThrow();
    await expect(database.db.delete(caseEvents).where(eq(caseEvents.caseId, 'C-1'))).rejects.toThrow();
    await expect(database.db.execute(sql`delete from case_events`)).rejects.toThrow();
    expect(await caseTimeline(database.db, 'C-1')).toHaveLength(2);
  });
});

describe('what a step records on the case for later steps', () => {
  const bureau: Actor = { id: 'bureau-1', role: 'bureau_supervisor', township: undefined };
  const step = (caseId: string, actor: Actor, event: Parameters<typeof stepCase>[1]['event']) =>
    stepCase(database.db, { caseId, actor, event }, rules, noEffects, now);
  const meeting = {
    heldOn: '2026-10-09',
    participants: ['a', 'b', 'c', 'd', 'e'].map((personId) => ({ personId, confirmed: true })),
    minutesRef: 'meeting:1',
  };
  const visit = {
    visitedOn: '2026-10-09',
    staff: ['cw-1', 'cw-3'].map((staffId) => ({ staffId, township: 'tianjia', signed: true })),
    findings: '属实',
  };

  async function toMeeting(caseId: string) {
    for (const event of [
      { type: 'accept' },
      { type: 'record_verification', summary: '核对' },
      { type: 'record_home_visit', visit },
      { type: 'skip_appraisal', reason: '无争议' },
      { type: 'review_eligible', opinion: '符合', proposedAmountFen: 45_000 },
      { type: 'start_publicity', startsOn: '2026-10-09' },
    ] as const) {
      const r = await step(caseId, caseworker, event);
      if (!r.ok) throw new Error(`${event.type}: ${r.code}`);
    }
    // Publicity over: the guard reads the publicity timer, absent here, so end it directly.
    await database.db.update(cases).set({ state: 'awaiting_meeting' }).where(eq(cases.id, caseId));
  }

  it('a declared near relative blocks acceptance until the filing step is recorded, which then unblocks it', async () => {
    await createCase(
      database.db,
      cipher,
      application('C-nr', { nearRelativeDeclared: true }),
      caseworker,
      now,
    );
    expect(await step('C-nr', caseworker, { type: 'accept' })).toMatchObject({
      ok: false,
      code: 'near_relative_filing_missing',
    });
    expect(
      await step('C-nr', caseworker, { type: 'record_near_relative_filing', formRef: 'BA-1' }),
    ).toMatchObject({ ok: true });
    expect(await step('C-nr', caseworker, { type: 'accept' })).toMatchObject({ ok: true, to: 'accepted' });
  });

  it('an approval records its outcome, so filing leads to payment; a rejection leads to closure', async () => {
    await createCase(
      database.db,
      cipher,
      application('C-ok', { applicant: { name: '甲', idNumber: '220283198001010016' } }),
      caseworker,
      now,
    );
    await toMeeting('C-ok');
    expect(
      await step('C-ok', caseworker, {
        type: 'decide_approve',
        meeting,
        amountFen: 50_000,
        startMonth: '2026-11',
        householdSize: 2,
      }),
    ).toMatchObject({ ok: true });
    const [approved] = await database.db.select().from(cases).where(eq(cases.id, 'C-ok'));
    expect(approved).toMatchObject({ outcome: 'approved', amountFenPerMonth: 50_000, startMonth: '2026-11' });
    await step('C-ok', caseworker, { type: 'file_with_bureau', reportMonth: '2026-10' });
    expect(await step('C-ok', bureau, { type: 'bureau_accepts_filing' })).toMatchObject({
      ok: true,
      to: 'in_payment',
    });

    await createCase(
      database.db,
      cipher,
      application('C-no', { applicant: { name: '乙', idNumber: '220283195007070040' } }),
      caseworker,
      now,
    );
    await toMeeting('C-no');
    await step('C-no', caseworker, { type: 'decide_reject', meeting, reasons: ['人均收入高于标准'] });
    await step('C-no', caseworker, { type: 'file_with_bureau', reportMonth: '2026-10' });
    expect(await step('C-no', bureau, { type: 'bureau_accepts_filing' })).toMatchObject({
      ok: true,
      to: 'closed',
    });
  });
});
