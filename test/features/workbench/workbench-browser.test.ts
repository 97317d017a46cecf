import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { cases } from '../../../src/core/db/schema';
import { projectRoot } from '../../../src/core/project-root';
import { createMeeting, inviteesOf } from '../../../src/features/meetings/meeting-records';
import { testClock } from '../../support/chat-driver';
import { startTestService, type TestService } from '../../support/test-service';
import { until } from '../../support/until';
import { hasChromium, openBrowser } from './browser';
import { PEOPLE, RESIDENT, STAFF, seedWorkbench } from './workbench-fixtures';

const SHOTS = path.join(projectRoot(), 'test-output', 'workbench');

if (!hasChromium) {
  // CI installs Debian's chromium (.ci/run); locally: apt-get install -y chromium.
  process.stderr.write('workbench browser tests skipped: /usr/bin/chromium is missing\n');
}
const maybe = hasChromium ? describe : describe.skip;

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let pinganCase: string;
let fateCase: string;

beforeAll(async () => {
  if (!hasChromium) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  svc = await startTestService({ now: clock.now });
  ({ pinganCase, fateCase } = await seedWorkbench(svc));
  const invitees = await inviteesOf(svc.database.db, 'pingan');
  await createMeeting(
    svc.database.db,
    {
      townshipId: 'pingan',
      organiserId: STAFF.caseworker,
      heldAt: new Date('2026-12-03T01:00:00Z'),
      place: '平安镇政府二楼会议室',
      agenda: [{ caseId: pinganCase, name: PEOPLE.pingan.name }],
      invitees,
    },
    clock.now(),
  );
}, 60_000);
afterAll(async () => {
  await svc?.stop();
});

/** Signs in on the fake WeCom's page, as the WeCom client would identify the user. */
async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto(`${svc.url}/workbench`);
  await page.waitForSelector('#fake_userid');
  await page.fill('#fake_userid', userId);
  await Promise.all([page.waitForURL(/\/workbench\/(todo|dashboard|meetings)/), page.click('#sign-in')]);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

maybe('the workbench in Chromium', () => {
  it('a caseworker signs in through WeCom OAuth, works a case and is refused another township’s', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, STAFF.caseworker);
      // 待办
      expect(await page.textContent('h1')).toContain('平安镇');
      const row = page.locator('#todo tbody tr').first();
      expect(await row.textContent()).toContain(pinganCase);
      expect(await row.textContent()).toContain(PEOPLE.pingan.name);
      expect(await page.locator('#todo').textContent()).not.toContain(fateCase);
      expect(await page.textContent('#chat-command')).toContain('待办');
      await shot(page, '01-todo');

      // The case file.
      await Promise.all([page.waitForURL(/\/workbench\/cases\//), page.click(`text=${pinganCase}`)]);
      expect(await page.textContent('#id-number')).toBe('220283********0016');
      expect(await page.textContent('#timeline')).toContain('提交申请');
      expect(await page.textContent('#case-state')).toBe('待审核材料');
      await shot(page, '02-case');

      // One step from the page: 受理, then seen in the resident's chat.
      await Promise.all([page.waitForURL(/done=accept/), page.click('#step-accept')]);
      expect(await page.textContent('#flash')).toContain('受理');
      expect(await page.textContent('#case-state')).toContain('已受理');
      expect(await page.textContent('#timeline')).toContain('王经办');
      const [row2] = await svc.database.db.select().from(cases).where(eq(cases.id, pinganCase));
      expect(row2!.state).toBe('accepted');
      await until(async () => svc.fake.sentTo(RESIDENT).length > 0);
      expect(JSON.stringify(svc.fake.sentTo(RESIDENT).at(-1)!.body)).toContain('受理');
      await shot(page, '03-case-accepted');

      // Steps with questions from the page, asked as in chat: 信息核对 (one answer, taken at once),
      // then 入户调查 (confirmed before it is taken).
      await Promise.all([
        page.waitForURL(/steps\/record_verification$/),
        page.click('#step-record_verification'),
      ]);
      await page.fill('[name="a.summary"]', '经济状况核对无异常');
      await Promise.all([page.waitForURL(/done=record_verification/), page.click('#step-submit')]);
      await Promise.all([
        page.waitForURL(/steps\/record_home_visit$/),
        page.click('#step-record_home_visit'),
      ]);
      expect(await page.textContent('h1')).toContain('入户调查');
      await page.fill('[name="a.visitedOn"]', '今天');
      await Promise.all([page.waitForLoadState('load'), page.click('#step-submit')]);
      await page.check('#field-signers input[type=checkbox]');
      await Promise.all([page.waitForLoadState('load'), page.click('#step-submit')]);
      await page.fill('[name="a.findings"]', '无');
      await Promise.all([page.waitForLoadState('load'), page.click('#step-submit')]);
      expect(await page.textContent('#field-findings [role=alert]')).toContain('“无”');
      await page.fill('[name="a.findings"]', '家中二人，住房为自建平房，无机动车，与申报相符');
      await Promise.all([page.waitForLoadState('load'), page.click('#step-submit')]);
      const confirm = (await page.textContent('#step-confirm')) ?? '';
      expect(confirm).toContain('王二');
      expect(confirm).toContain('与申报相符');
      await shot(page, '03b-step-confirm');
      await Promise.all([page.waitForURL(/done=record_home_visit/), page.click('#step-submit')]);
      expect(await page.textContent('#timeline')).toContain('入户调查');
      const [visited] = await svc.database.db.select().from(cases).where(eq(cases.id, pinganCase));
      expect(visited!.version).toBe(row2!.version + 2);

      // Another township's case by URL: the same page as a missing case.
      const refused = await page.goto(`${svc.url}/workbench/cases/${fateCase}`);
      expect(refused!.status()).toBe(404);
      expect(await page.textContent('h1')).toBe('没有找到这个案件');
      await shot(page, '04-other-township');

      // The review meeting: attendance and quorum.
      await page.goto(`${svc.url}/workbench/meetings`);
      expect(await page.textContent('.meeting')).toContain('平安镇政府二楼会议室');
      expect(await page.textContent('.quorum')).toContain('未达到法定人数');
      await shot(page, '05-meetings');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('a resident opening the workbench sees a polite page and nothing else', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${svc.url}/workbench`);
      await page.fill('#fake_userid', RESIDENT);
      await Promise.all([page.waitForURL(/oauth\/callback/), page.click('#sign-in')]);
      expect(await page.textContent('main')).toContain('您的账号不在工作人员名单中');
      expect((await page.goto(`${svc.url}/workbench/todo`))!.url()).toMatch(/connect\/oauth2\/authorize/);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('the bureau sees the dashboard across townships, on the desktop', async () => {
    const browser = await openBrowser({ width: 1280, height: 900 });
    try {
      const page = await browser.context.newPage();
      await signIn(page, STAFF.supervisor);
      expect(page.url()).toContain('/workbench/dashboard');
      expect(await page.textContent('#townships')).toContain('法特镇');
      expect(await page.textContent('#townships')).toContain('平安镇');
      expect(await page.locator('svg rect').count()).toBeGreaterThan(0);
      expect(Number(await page.textContent('#open-total'))).toBe(2);
      await shot(page, '06-dashboard');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
