import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { runAdmin } from '../../src/app/cli/admin-commands';
import { compose } from '../../src/app/compose';
import { caseDocuments, residentFiles } from '../../src/core/db/schema';
import { projectRoot } from '../../src/core/project-root';
import { extractText, flat } from '../features/documents/pdf-inspect';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import {
  TEST_CREDENTIALS as C,
  startTestService,
  TEST_CIPHER,
  type TestService,
} from '../support/test-service';

/**
 * Issue 19: the paper comes from the record. A caseworker lists the documents a case can have
 * (`文书 <编号>`), gets one as a PDF file message (recorded with template, version and SHA-256),
 * files the photo of the signed page as its signed copy (`签字件`), and gets the whole archive
 * (`档案`) with that photo in it; the archive check counts the paper only with its signed copy.
 */

let svc: TestService;
// Wednesday 2 December 2026, 09:00 in Shulan.
const clock = testClock(new Date('2026-12-02T01:00:00Z'));
let staff: ChatDriver;
let resident: ChatDriver;
let caseId: string;
let accepted: string;
const CW = 'cw-doc1';
const RESIDENT = 'kf-doc-1';
// A real PNG (a sample page of the documents), as a phone photo of the signed paper would be.
const PHOTO = fs.readFileSync(path.join(projectRoot(), 'docs', 'documents', 'acceptance_notice.png'));

type Sent = { msgtype: string; file?: { media_id: string } };

async function mediaBytes(mediaId: string): Promise<Buffer> {
  const token = (await (
    await fetch(`${svc.fakeUrl}/cgi-bin/gettoken?corpid=${C.corpId}&corpsecret=${C.secret}`)
  ).json()) as { access_token: string };
  const res = await fetch(
    `${svc.fakeUrl}/cgi-bin/media/get?access_token=${token.access_token}&media_id=${mediaId}`,
  );
  return Buffer.from(await res.arrayBuffer());
}

async function lastPdfTo(user: string): Promise<Buffer> {
  await svc.dispatcher.whenIdle();
  const file = svc.fake
    .sentTo(user)
    .map((s) => s.body as Sent)
    .findLast((b) => b.msgtype === 'file');
  return mediaBytes(file!.file!.media_id);
}

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: CW, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'cw-doc9', name: '赵经办', role: 'township_caseworker', townshipId: 'fate' },
    { userId: 'vc-doc1', name: '李村委', role: 'village_committee', townshipId: 'pingan' },
  ]);
  staff = new ChatDriver(svc, 'app', clock);
  resident = new ChatDriver(svc, 'kf', clock);
  for (const [answer] of dibaoAnswers(IDS.a, IDS.b)) await resident.say(RESIDENT, answer);
  const done = (await resident.say(RESIDENT, '确认')).join('\n');
  caseId = /SQ\d{14}/.exec(done)![0];
  await staff.say(CW, `受理 ${caseId}`);
  accepted = (await staff.say(CW, '确认')).join('\n');
}, 90_000);

afterAll(async () => {
  await svc.stop();
});

describe('documents of a case in chat (issue 19)', () => {
  it('受理 sends the caseworker the 受理通知书 and the blank 入户调查表 as PDF files', async () => {
    expect(accepted).toContain('可打印的文书已发到本对话：《受理通知书》');
    expect(accepted).toContain('《家庭经济状况入户调查表》');
    const kinds = (
      await svc.database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId))
    ).map((d) => d.kind);
    expect(kinds).toEqual(['acceptance_notice', 'home_visit']);
    await svc.dispatcher.whenIdle();
    expect(svc.fake.sentTo(CW).filter((s) => (s.body as Sent).msgtype === 'file')).toHaveLength(2);
  });

  it('文书 <编号> lists what the record can fill now, numbered', async () => {
    const list = (await staff.say(CW, `文书 ${caseId}`)).join('\n');
    expect(list).toContain(`案件 ${caseId}（张伟）现在可以打印的文书：`);
    expect(list).toContain('1. 最低生活保障申请书');
    expect(list).toContain('家庭经济状况核对授权书');
    expect(list).toContain('受理通知书');
    // The blank 入户调查表 is there (printed for the visit); no decision notices before a decision.
    expect(list).toContain('家庭经济状况入户调查表');
    expect(list).not.toContain('不予批准告知书');
    expect(list).not.toContain('审批结果通知书');
  });

  it('文书 <编号> 1 sends the 申请书 as a PDF file, filled from the record, and records it', async () => {
    const reply = (await staff.say(CW, `文书 ${caseId} 1`)).join('\n');
    expect(reply).toContain('《最低生活保障申请书》');
    const pdf = await lastPdfTo(CW);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(extractText({ application: pdf }).application!);
    expect(text).toContain('张伟');
    expect(text).toContain(caseId);
    // The reason the resident gave in chat is the form's 申请理由.
    expect(text).toContain('老伴住院了，家里没有劳动力');
    const recorded = (
      await svc.database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId))
    ).findLast((d) => d.kind === 'application');
    expect(recorded).toMatchObject({
      kind: 'application',
      templateId: 'document.application',
      generatedBy: CW,
    });
    const kept = fs.readFileSync(path.join(svc.dataDir, recorded!.storagePath));
    expect(kept.equals(pdf)).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(recorded!.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('签字件 without a photo just sent says to send the photo first; nothing is filed', async () => {
    const reply = (await staff.say(CW, `签字件 ${caseId} 1`)).join('\n');
    expect(reply).toContain('请先把签字页');
    const files = await svc.database.db.select().from(residentFiles).where(eq(residentFiles.caseId, caseId));
    expect(files.filter((f) => f.signedDocument)).toEqual([]);
  });

  it('a photo then 签字件 files it as the signed copy; the archive places it', async () => {
    const media = svc.fake.addMedia({
      type: 'image',
      filename: 'signed.png',
      data: PHOTO,
      contentType: 'image/png',
    });
    const ack = (await staff.send(CW, 'image', media)).join('\n');
    expect(ack).toContain('签字件 <案件编号> <文书序号>');
    await svc.media.whenIdle();
    const reply = (await staff.say(CW, `签字件 ${caseId} 1`)).join('\n');
    expect(reply).toContain(`已将您刚才发来的照片归档为案件 ${caseId}《最低生活保障申请书》的签字件`);
    const archiveReply = (await staff.say(CW, `档案 ${caseId}`)).join('\n');
    expect(archiveReply).toContain('含1张照片');
    const archive = await lastPdfTo(CW);
    const text = flat(extractText({ archive }).archive!);
    expect(text).toContain('签字件');
    expect(text).toContain('受理通知书');
  });

  it('the archive check counts the 申请书 with its signed copy, the 入户调查表 not yet', async () => {
    const out: string[] = [];
    const { templates, steps } = compose({ clock: clock.now });
    await runAdmin(['archive-check', caseId], {
      db: svc.database.db,
      townships: compose().townships,
      now: clock.now(),
      out: (l) => out.push(l),
      err: () => {},
      bureau: {
        cipher: TEST_CIPHER,
        dataDir: svc.dataDir,
        templates,
        rules: steps.rules,
        effects: steps.effects,
      },
    });
    expect(out.find((l) => l.includes('\tapplication\t'))).toContain('signed copy of application');
    expect(out.find((l) => l.includes('\thome_visit\t'))).toContain('no home visit recorded');
  });

  it('npm run admin -- documents and archive write the same PDFs to a folder, recorded', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const dir = fs.mkdtempSync(path.join(svc.dataDir, 'print-'));
    const { templates, steps, townships } = compose({ clock: clock.now });
    const io = {
      db: svc.database.db,
      townships,
      now: clock.now(),
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      bureau: {
        cipher: TEST_CIPHER,
        dataDir: svc.dataDir,
        templates,
        rules: steps.rules,
        effects: steps.effects,
      },
    };
    expect(await runAdmin(['documents', caseId, '--out', dir], io)).toBe(0);
    // The 入户调查表 is printed once accepted, to be filled in and signed at the visit.
    expect(out.map((l) => l.split('\t')[0])).toEqual([
      'application',
      'authorisation',
      'acceptance_notice',
      'home_visit',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        `${caseId}-acceptance_notice.pdf`,
        `${caseId}-application.pdf`,
        `${caseId}-authorisation.pdf`,
        `${caseId}-home_visit.pdf`,
      ].sort(),
    );
    expect(await runAdmin(['archive', caseId, '--out', dir], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^case_archive\t\d+ pages/);
    // The month's filing: nothing decided yet in 平安镇 this month, so a summary page only.
    expect(await runAdmin(['bundle', 'pingan', '2026-12', '--out', dir], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^monthly_bundle\t0 cases\t1 pages/);
    expect(await runAdmin(['bundle', 'atlantis', '2026-12'], io)).toBe(2);
    expect(err.pop()).toContain('no township atlantis');
    expect(await runAdmin(['documents', 'NO-SUCH'], io)).toBe(2);
    expect(err).toEqual(['no case NO-SUCH']);
    const recorded = await svc.database.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.generatedBy, 'admin-cli'));
    expect(recorded).toHaveLength(5);
  });

  it('another township’s caseworker gets no documents of the case', async () => {
    const reply = (await staff.say('cw-doc9', `文书 ${caseId}`)).join('\n');
    expect(reply).not.toContain('可以打印的文书');
    expect(reply).toContain(caseId);
  });

  it('a village cadre may not print documents', async () => {
    const reply = (await staff.say('vc-doc1', `文书 ${caseId}`)).join('\n');
    expect(reply).toContain('文书由乡镇（街道）经办人员出具');
  });

  it('a village cadre files the photo of the posted 公示 with 公示照片 <编号>', async () => {
    const media = svc.fake.addMedia({
      type: 'image',
      filename: 'posted.png',
      data: PHOTO,
      contentType: 'image/png',
    });
    expect((await staff.send('vc-doc1', 'image', media)).join('\n')).toContain('公示照片 <案件编号>');
    await svc.media.whenIdle();
    expect((await staff.say('vc-doc1', `公示照片 ${caseId}`)).join('\n')).toContain('公示张贴的照片归入档案');
    const files = await svc.database.db.select().from(residentFiles).where(eq(residentFiles.caseId, caseId));
    expect(files.filter((f) => f.signedDocument === 'publicity')).toHaveLength(1);
    // Nothing left to file: said so; another township's case is not theirs.
    expect((await staff.say('vc-doc1', `公示照片 ${caseId}`)).join('\n')).toContain('请先把张贴好的公示拍照');
    expect((await staff.say('cw-doc9', `公示照片 ${caseId}`)).join('\n')).toContain('没有找到您能查看的案件');
  });
});
