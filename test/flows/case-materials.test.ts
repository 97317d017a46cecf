import { eq } from 'drizzle-orm';
import { piiReads, residentFiles } from '../../src/core/db/schema';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15 D8: the staff see the materials residents send. `材料 <编号>` lists what was received
 * (what, when, from whom), `材料 <编号> <序号>` sends the photo or file back through WeCom media
 * (uploaded again, sent as an image or a file message), `标记 <编号> <序号>` tags a file with an
 * item of the case's own checklist, and 补正 offers that checklist — the case's 残疾人证 and
 * 重特大疾病诊断证明 — not only the general items. Through the real callback path, both channels.
 */

let svc: TestService;
// Tuesday 1 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let staff: ChatDriver;
const CASEWORKER = 'cw-m1';

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: CASEWORKER, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'vc-m1', name: '村委一', role: 'village_committee', townshipId: 'pingan' },
    { userId: 'cw-m9', name: '赵经办', role: 'township_caseworker', townshipId: 'fate' },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
}, 60_000);

afterAll(async () => {
  await svc.stop();
});

/** A 低保 application in chat that ticks disability (1) and serious illness (2). */
async function applyWithIllnessAndDisability(chat: ChatDriver, user: string, applicantId: string) {
  for (const [answer, next] of dibaoAnswers(applicantId, IDS.b)) {
    // The answer after which consent is asked is the one to the circumstances question.
    await chat.say(user, next.source === '授权' ? '1 2' : answer);
  }
  const done = (await chat.say(user, '确认')).join('\n');
  const id = /SQ\d{14}/.exec(done)?.[0];
  if (!id) throw new Error(`application not submitted: ${done}`);
  return id;
}

/** The bytes WeCom holds for a media id, read back through the fake's media/get. */
async function mediaBytes(mediaId: string): Promise<string> {
  const token = (await (
    await fetch(`${svc.fakeUrl}/cgi-bin/gettoken?corpid=${C.corpId}&corpsecret=${C.secret}`)
  ).json()) as { access_token: string };
  const res = await fetch(
    `${svc.fakeUrl}/cgi-bin/media/get?access_token=${token.access_token}&media_id=${mediaId}`,
  );
  return Buffer.from(await res.arrayBuffer()).toString();
}

type Sent = { msgtype: string; image?: { media_id: string }; file?: { media_id: string } };
const bodiesTo = (user: string) => svc.fake.sentTo(user).map((s) => s.body as Sent);
/** The newest image or file message to a user. */
const lastMediaTo = (user: string) =>
  bodiesTo(user).findLast((b) => b.msgtype !== 'text' && b.msgtype !== 'template_card');

describe.each([
  ['kf', 'kf-materials-9', IDS.a, '微信'],
  ['app', 'app-materials-9', IDS.c, '企业微信'],
] as const)(
  'staff see and tag the materials a resident sent (%s)',
  (channel, user, applicantId, channelName) => {
    let resident: ChatDriver;
    let caseId: string;
    beforeAll(async () => {
      resident = new ChatDriver(svc, channel, clock);
      caseId = await applyWithIllnessAndDisability(resident, user, applicantId);
      const photo = svc.fake.addMedia({
        type: 'image',
        filename: 'canjiren.jpg',
        data: Buffer.from('jpeg-of-disability-card'),
        contentType: 'image/jpeg',
      });
      await resident.send(user, 'image', photo);
      const pdf = svc.fake.addMedia({
        type: 'file',
        filename: 'zhenduan.pdf',
        data: Buffer.from('%PDF-diagnosis'),
        contentType: 'application/pdf',
      });
      await resident.send(user, 'file', pdf);
      await svc.media.whenIdle();
    }, 60_000);

    it('材料 <编号> lists each file received: what, when, from whom', async () => {
      const list = (await staff.say(CASEWORKER, `材料 ${caseId}`)).join('\n');
      expect(list).toContain(`案件 ${caseId}（张伟）收到的照片和文件：共2份`);
      expect(list).toMatch(
        new RegExp(`1\\. 图片，2026-12-01 \\d\\d:\\d\\d收到，来自申请人张伟（${channelName}）；未标记`),
      );
      expect(list).toMatch(
        new RegExp(`2\\. 文件，2026-12-01 \\d\\d:\\d\\d收到，来自申请人张伟（${channelName}）；未标记`),
      );
      expect(list).not.toContain('依据：');
    });

    it('材料 <编号> <序号> sends the photo back as an image, uploaded again, and records the viewing', async () => {
      const replies = (await staff.say(CASEWORKER, `材料 ${caseId} 1`)).join('\n');
      expect(replies).toContain(`案件 ${caseId} 的第1份材料（图片`);
      expect(replies).toContain('已发给您');
      const image = lastMediaTo(CASEWORKER)!;
      expect(image.msgtype).toBe('image');
      expect(await mediaBytes(image.image!.media_id)).toBe('jpeg-of-disability-card');
      const reads = await svc.database.db.select().from(piiReads).where(eq(piiReads.caseId, caseId));
      expect(reads).toEqual([expect.objectContaining({ readerId: CASEWORKER, field: 'resident_file' })]);
    });

    it('and a document as a file', async () => {
      await staff.say(CASEWORKER, `材料 ${caseId} 2`);
      const file = lastMediaTo(CASEWORKER)!;
      expect(file.msgtype).toBe('file');
      expect(await mediaBytes(file.file!.media_id)).toBe('%PDF-diagnosis');
    });

    it('标记 offers the case’s own checklist and records the tag, who and when', async () => {
      const ask = (await staff.say(CASEWORKER, `标记 ${caseId} 1`)).join('\n');
      expect(ask).toContain(`案件 ${caseId} 的第1份材料（图片`);
      const n = /(\d+)\. 残疾人证/.exec(ask)?.[1];
      expect(n).toBeDefined();
      expect(ask).toContain('重特大疾病诊断证明及病历');
      const done = (await staff.say(CASEWORKER, n!)).join('\n');
      expect(done).toContain(`已把案件 ${caseId} 的第1份材料标记为：残疾人证`);
      const [file] = await svc.database.db
        .select()
        .from(residentFiles)
        .where(eq(residentFiles.caseId, caseId))
        .orderBy(residentFiles.id);
      expect(file).toMatchObject({
        materialId: 'disability_certificate',
        taggedBy: CASEWORKER,
        taggedAt: clock.now(),
      });
      expect((await staff.say(CASEWORKER, `材料 ${caseId}`)).join('\n')).toContain('已标记为：残疾人证');
    });

    it('补正 offers the items of this case’s checklist, not only the general ones', async () => {
      const ask = (await staff.say(CASEWORKER, `补正材料 ${caseId}`)).join('\n');
      expect(ask).toContain('残疾人证');
      expect(ask).toContain('重特大疾病诊断证明及病历');
      expect(ask).toContain('家庭收入和财产状况申报表');
      await staff.say(CASEWORKER, '取消');
    });

    it('the caseworker’s menu names the commands', async () => {
      const menu = (await staff.say(CASEWORKER, '菜单')).join('\n');
      expect(menu).toContain('材料 编号');
      expect(menu).toContain('标记 编号 序号');
    });

    it('is for the examining staff of the case’s township only', async () => {
      expect((await staff.say('vc-m1', `材料 ${caseId}`)).join('\n')).toContain(
        '只有乡镇（街道）经办人员和市民政局可以查看',
      );
      expect((await staff.say('cw-m9', `材料 ${caseId} 1`)).join('\n')).toContain('没有找到');
      expect(lastMediaTo('cw-m9')).toBeUndefined();
      expect(lastMediaTo('vc-m1')).toBeUndefined();
    });
  },
);
