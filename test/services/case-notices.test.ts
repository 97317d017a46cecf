import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { timerEffects } from '../../src/core/cases/case-effects';
import { composeEffects, noticeEffects } from '../../src/core/cases/case-notices';
import { createCase } from '../../src/core/cases/case-records';
import { type StepRules, stepCase } from '../../src/core/cases/case-steps';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { loadTownships } from '../../src/core/config/load-townships';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { caseNotices, cases, outbox, staffMembers } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { TemplateStore } from '../../src/core/templates/template-store';
import type { Actor } from '../../src/domain/case/case-types';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/deadlines';
import { openTestDatabase } from '../support/test-database';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
const cipher = new PiiCipher(randomBytes(32));
const now = new Date('2026-10-09T02:00:00Z');
const cw: Actor = { id: 'cw-1', role: 'township_caseworker', township: 'pingan' };
const rules: StepRules = {
  today: () => '2026-10-09',
  extensionCapWorkingDays: () => 45,
  dibaoStandard: () => undefined,
  temporaryAidVerdict: () => ({ verdict: 'within', detail: '' }),
  minimums: () => ({ homeVisitStaff: 2, meetingParticipants: 5 }),
  versions: () => ({}),
};
const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
const effects = composeEffects(
  timerEffects(calendar, DEFAULT_DEADLINE_RULES),
  noticeEffects(new TemplateStore(), loadTownships()),
);
const meeting = {
  heldOn: '2026-10-09',
  participants: ['a', 'b', 'c', 'd', 'e'].map((personId) => ({ personId, confirmed: true })),
  minutesRef: 'meeting:1',
};

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

async function atMeeting(id: string, idNumber: string) {
  await createCase(
    database.db,
    cipher,
    {
      id,
      program: 'dibao',
      businessType: 'new',
      townshipId: 'pingan',
      submittedBy: 'self',
      applicant: { name: '张伟', idNumber },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
      applicantContact: { userId: `resident-${id}`, channel: 'kf', openKfId: 'wkShulanHelp' },
    },
    cw,
    now,
  );
  await database.db.update(cases).set({ state: 'awaiting_meeting' }).where(eq(cases.id, id));
}

const noticesOf = (id: string) => database.db.select().from(caseNotices).where(eq(caseNotices.caseId, id));
const sentTo = (user: string) => database.db.select().from(outbox).where(eq(outbox.recipient, user));

describe('decision notices (六(三))', () => {
  it('a rejection is written with its reasons and the remedies, archived and sent to the applicant', async () => {
    await atMeeting('N-1', '220283198001010016');
    const result = await stepCase(
      database.db,
      {
        caseId: 'N-1',
        actor: cw,
        event: { type: 'decide_reject', meeting, reasons: ['家庭人均收入高于当地低保标准', '有两套住房'] },
      },
      rules,
      effects,
      now,
    );
    expect(result).toMatchObject({ ok: true, to: 'rejected' });
    const [notice] = await noticesOf('N-1');
    expect(notice).toMatchObject({
      kind: 'rejection',
      templateId: 'notice.rejection',
      recipient: 'resident-N-1',
    });
    for (const part of [
      '不予批准告知书',
      '家庭人均收入高于当地低保标准',
      '有两套住房',
      '60日内',
      '行政复议',
      '6个月内',
      '行政诉讼',
      '平安镇',
    ])
      expect(notice!.text).toContain(part);
    const [row] = await sentTo('resident-N-1');
    expect(row).toMatchObject({
      channel: 'kf',
      openKfId: 'wkShulanHelp',
      body: { text: { text: notice!.text } },
    });
  });

  it('an approval tells the amount and the first month of payment', async () => {
    await atMeeting('N-2', '220283195007070040');
    await stepCase(
      database.db,
      {
        caseId: 'N-2',
        actor: cw,
        event: {
          type: 'decide_approve',
          meeting,
          amountFen: 68_000,
          startMonth: '2026-11',
          householdSize: 1,
        },
      },
      rules,
      effects,
      now,
    );
    const [notice] = await noticesOf('N-2');
    expect(notice).toMatchObject({ kind: 'approval', templateId: 'notice.approval', templateVersion: 2 });
    expect(notice!.text).toContain('每月680元，自2026-11起');
    // Issued in the name of the town's government, dated the day it was issued (issue 15, item 6).
    expect(notice!.text).toMatch(/平安镇人民政府\n2026年10月9日$/);
    expect(notice!.text).not.toContain('街道办事处');
  });
});

describe('不予受理 (六(一)): a refusal to accept is written and reaches who applied (D3)', () => {
  async function submitted(
    id: string,
    idNumber: string,
    submittedBy: 'self' | 'village_committee',
    withChat: boolean,
  ) {
    const village: Actor = { id: 'vc-N', role: 'village_committee', township: 'pingan' };
    await createCase(
      database.db,
      cipher,
      {
        id,
        program: 'dibao',
        businessType: 'new',
        townshipId: 'pingan',
        submittedBy,
        applicant: { name: '孙桂兰', idNumber },
        members: [],
        nearRelativeDeclared: false,
        hivTagged: false,
        ...(withChat ? { applicantContact: { userId: `resident-${id}`, channel: 'app' as const } } : {}),
      },
      submittedBy === 'self' ? { id: `resident-${id}`, role: 'resident', township: 'pingan' } : village,
      now,
    );
    return stepCase(
      database.db,
      { caseId: id, actor: cw, event: { type: 'refuse_acceptance', reasons: ['户籍不在本乡镇'] } },
      rules,
      effects,
      now,
    );
  }

  it('the applicant gets the 不予受理告知书 with reasons and remedies', async () => {
    expect(await submitted('N-3', '220283198203040029', 'self', true)).toMatchObject({
      ok: true,
      to: 'not_accepted',
    });
    const [notice] = await noticesOf('N-3');
    expect(notice).toMatchObject({
      kind: 'not_accepted',
      templateId: 'notice.not-accepted',
      recipient: 'resident-N-3',
    });
    for (const part of ['不予受理告知书', '户籍不在本乡镇', '行政复议', '重新提出申请', '平安镇人民政府'])
      expect(notice!.text).toContain(part);
    expect(await sentTo('resident-N-3')).toHaveLength(1);
  });

  it('a village committee that applied on someone’s behalf is told, and asked to hand the notice on', async () => {
    await submitted('N-4', '220283201005060031', 'village_committee', false);
    const [notice] = await noticesOf('N-4');
    expect(notice).toMatchObject({ kind: 'not_accepted', recipient: null });
    const [told] = await sentTo('vc-N');
    expect(JSON.stringify(told!.body)).toContain('户籍不在本乡镇');
    expect(JSON.stringify(told!.body)).toContain('请打印或转告后交给申请人');
    expect(JSON.stringify(told!.body)).toContain('不予受理告知书');
  });
});

describe('人户分离 investigation request (六(一))', () => {
  it('archives the request and tells the residence township’s caseworkers, not the applicant', async () => {
    await database.db.insert(staffMembers).values({
      userId: 'cw-fate',
      name: '法特镇经办人',
      role: 'township_caseworker',
      townshipId: 'fate',
      createdAt: now,
      updatedAt: now,
    });
    await createCase(
      database.db,
      cipher,
      {
        id: 'R-1',
        program: 'dibao',
        businessType: 'new',
        townshipId: 'pingan',
        residenceTownshipId: 'fate',
        submittedBy: 'self',
        applicant: { name: '李梅', idNumber: '220283198001010016' },
        members: [],
        nearRelativeDeclared: false,
        hivTagged: false,
        applicantContact: { userId: 'resident-R-1', channel: 'kf', openKfId: 'wkShulanHelp' },
      },
      cw,
      now,
    );
    await database.db.update(cases).set({ state: 'verified' }).where(eq(cases.id, 'R-1'));
    const result = await stepCase(
      database.db,
      {
        caseId: 'R-1',
        actor: cw,
        event: { type: 'request_residence_investigation', letterRef: '平民函〔2026〕7号' },
      },
      rules,
      effects,
      now,
    );
    expect(result).toMatchObject({ ok: true, to: 'delegated_to_residence' });
    const [notice] = await noticesOf('R-1');
    expect(notice).toMatchObject({
      kind: 'residence_request',
      templateId: 'notice.residence-request',
      recipient: null,
    });
    const [told] = await sentTo('cw-fate');
    expect(JSON.stringify(told!.body)).toContain('平民函〔2026〕7号');
    expect(JSON.stringify(told!.body)).toContain('R-1');
    expect(await sentTo('resident-R-1')).toEqual([]);
  });
});
