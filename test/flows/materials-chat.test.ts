import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { compose } from '../../src/app/compose';
import { stepCase } from '../../src/core/cases/case-steps';
import { loadWorkingDayCalendar } from '../../src/core/config/load-holiday-overrides';
import { caseNotices, cases, residentFiles, staffMembers } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
// The rules and effects the service runs with (src/app/compose.ts).
const { rules, effects } = compose({ calendar }).steps;
const caseworker = { id: 'cw-pingan-1', role: 'township_caseworker' as const, township: 'pingan' };

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  const now = clock.now();
  await svc.database.db.insert(staffMembers).values({
    userId: caseworker.id,
    name: '王经办',
    role: 'township_caseworker',
    townshipId: 'pingan',
    createdAt: now,
    updatedAt: now,
  });
});
afterAll(async () => {
  await svc.stop();
});

describe.each([
  ['app', IDS.a],
  ['kf', IDS.d],
] as const)('materials and the one-time notice (%s channel)', (channel, applicantId) => {
  let chat: ChatDriver;
  let caseId: string;
  const user = `${channel}-materials-1`;
  beforeAll(async () => {
    chat = new ChatDriver(svc, channel, clock);
    caseId = await applyInChat(chat, user, applicantId, IDS.b);
  });

  it('keeps a photo the resident sends with their case, downloaded through media/get', async () => {
    const mediaId = svc.fake.addMedia({
      type: 'image',
      filename: 'hukou.jpg',
      data: Buffer.from('jpeg-bytes'),
      contentType: 'image/jpeg',
    });
    const replies = await chat.send(user, 'image', mediaId);
    expect(replies.join('\n')).toContain(`已保存到申请 ${caseId}`);
    await svc.media.whenIdle();
    const [file] = await svc.database.db
      .select()
      .from(residentFiles)
      .where(eq(residentFiles.mediaId, mediaId));
    expect(file).toMatchObject({
      caseId,
      channel,
      userId: user,
      msgType: 'image',
      status: 'stored',
      bytes: 10,
    });
    expect(fs.readFileSync(path.join(svc.dataDir, file!.storagePath!)).toString()).toBe('jpeg-bytes');
  });

  it('answers a voice message with a request to type, and keeps it', async () => {
    const mediaId = svc.fake.addMedia({
      type: 'voice',
      filename: 'v.amr',
      data: Buffer.from('amr'),
      contentType: 'audio/amr',
    });
    const replies = await chat.send(user, 'voice', mediaId);
    expect(replies.join('\n')).toContain('请用文字输入');
    expect(
      await svc.database.db.select().from(residentFiles).where(eq(residentFiles.mediaId, mediaId)),
    ).toHaveLength(1);
  });

  it('sends the one-time notice listing every missing material when the caseworker asks, and shows it in the status', async () => {
    const step = await stepCase(
      svc.database.db,
      {
        caseId,
        actor: caseworker,
        event: {
          type: 'request_materials',
          items: ['household_identity_documents', 'income_assets_declaration', 'serious_illness_diagnosis'],
        },
      },
      rules,
      effects,
      clock.now(),
    );
    expect(step).toMatchObject({ ok: true, to: 'awaiting_materials' });
    svc.dispatcher.notify();
    await svc.dispatcher.whenIdle();
    const notice = chat.received(user).at(-1)!;
    expect(notice).toContain('补正材料一次性告知书');
    expect(notice).toContain('1. 共同生活家庭成员身份证件及户口簿');
    expect(notice).toContain('2. 家庭收入和财产状况申报表');
    expect(notice).toContain('3. 重特大疾病诊断证明及病历');
    const [archived] = await svc.database.db.select().from(caseNotices).where(eq(caseNotices.caseId, caseId));
    expect(archived).toMatchObject({
      kind: 'materials',
      templateId: 'notice.materials-one-time',
      templateVersion: 2,
      recipient: user,
    });
    expect(archived!.text).toBe(notice);
    // Signed by the town's government and dated (issue 15, item 6).
    expect(notice).toMatch(/平安镇人民政府\n2026年\d+月\d+日$/);
    // Archived with the audit entry of the step that issued it.
    expect(step.ok && archived!.caseSeq === step.seq).toBe(true);
    const status = (await chat.say(user, '我的申请到哪一步了')).join('\n');
    expect(status).toContain('材料还不齐全');
    expect(status).toContain('家庭收入和财产状况申报表');
  });

  it('after acceptance, the status gives the decision deadline in working days', async () => {
    await stepCase(
      svc.database.db,
      { caseId, actor: caseworker, event: { type: 'materials_supplied' } },
      rules,
      effects,
      clock.now(),
    );
    const accepted = await stepCase(
      svc.database.db,
      { caseId, actor: caseworker, event: { type: 'accept' } },
      rules,
      effects,
      clock.now(),
    );
    expect(accepted).toMatchObject({ ok: true, to: 'accepted' });
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    const status = (await chat.say(user, '进度')).join('\n');
    expect(row!.acceptedOn).toBeTruthy();
    expect(status).toContain('已受理');
    expect(status).toMatch(/办理期限：\d{4}-\d{2}-\d{2}前（还有\d+个工作日）/);
  });
});
