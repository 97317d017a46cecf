import { eq } from 'drizzle-orm';
import { cases, piiReads } from '../../../src/core/db/schema';
import { PAGE_BUDGET_BYTES } from '../../../src/features/workbench/page-renderer';
import { testClock } from '../../support/chat-driver';
import { startTestService, type TestService } from '../../support/test-service';
import { until } from '../../support/until';
import { signIn, WebClient } from './web-client';
import { PEOPLE, RESIDENT, STAFF, seedWorkbench } from './workbench-fixtures';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let pinganCase: string;
let fateCase: string;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  ({ pinganCase, fateCase } = await seedWorkbench(svc));
});
afterAll(async () => {
  await svc.stop();
});

const stateOf = async (id: string) =>
  (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!.state;
const versionOf = async (id: string) =>
  (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!.version;

async function signedInAs(userId: string): Promise<WebClient> {
  const client = new WebClient(svc.url);
  const done = await signIn(svc, client, { userId });
  expect(done.status).toBe(303);
  return client;
}

describe('sign-in by WeCom OAuth2', () => {
  it('sends a visitor without a session to WeCom with snsapi_base, the corp, the app and a state', async () => {
    const client = new WebClient(svc.url);
    const home = await client.get('/workbench');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/workbench/login');
    const login = await client.get('/workbench/login');
    const location = login.headers.get('location')!;
    expect(location.startsWith(`${svc.fakeUrl}/connect/oauth2/authorize?`)).toBe(true);
    expect(location.endsWith('#wechat_redirect')).toBe(true);
    const q = new URL(location.replace(/#.*$/, '')).searchParams;
    expect([...q.keys()]).toEqual(['appid', 'redirect_uri', 'response_type', 'scope', 'state', 'agentid']);
    expect(q.get('appid')).toBe('wwtest00000000001');
    expect(q.get('agentid')).toBe('1000002');
    expect(q.get('scope')).toBe('snsapi_base');
    expect(q.get('redirect_uri')).toBe(`${svc.url}/workbench/oauth/callback`);
    expect(q.get('state')).toMatch(/^[a-f0-9]{48}$/);
    // The state is kept in a signed, HttpOnly cookie until the way back.
    expect(client.lastSetCookies.join('\n')).toMatch(/wb_signin=.*HttpOnly; SameSite=Lax/);
  });

  it('opens a signed, expiring, HttpOnly, SameSite=Lax session for staff and shows their 待办', async () => {
    const client = new WebClient(svc.url);
    const done = await signIn(svc, client, { userId: STAFF.caseworker });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/workbench/todo');
    const cookie = client.lastSetCookies.find((c) => c.startsWith('wb_session='))!;
    expect(cookie).toMatch(/Path=\/workbench; Max-Age=28800; HttpOnly; SameSite=Lax/);
    const todo = await client.get('/workbench/todo');
    expect(todo.status).toBe(200);
    const html = await todo.text();
    expect(html).toContain(pinganCase);
    expect(html).toContain(PEOPLE.pingan.name);
    expect(html).not.toContain(fateCase);
    expect(html).toContain('name="viewport"');
    expect(todo.headers.get('cache-control')).toBe('no-store');
    expect(todo.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses a used, an expired and a forged code, and a state that does not match', async () => {
    const client = new WebClient(svc.url);
    const login = await client.get('/workbench/login');
    const state = new URL(login.headers.get('location')!.replace(/#.*$/, '')).searchParams.get('state')!;
    const code = svc.fake.issueOAuthCode({ kind: 'member', userId: STAFF.caseworker });
    const used = new WebClient(svc.url);
    used.cookies.set('wb_signin', client.cookies.get('wb_signin')!);
    expect((await used.get(`/workbench/oauth/callback?code=${code}&state=${state}`)).status).toBe(303);
    // The same code again (new sign-in state): WeCom answers 40029.
    const again = new WebClient(svc.url);
    const login2 = await again.get('/workbench/login');
    const state2 = new URL(login2.headers.get('location')!.replace(/#.*$/, '')).searchParams.get('state')!;
    const reuse = await again.get(`/workbench/oauth/callback?code=${code}&state=${state2}`);
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toContain('登录已失效');
    expect(again.cookies.has('wb_session')).toBe(false);

    const late = new WebClient(svc.url);
    const login3 = await late.get('/workbench/login');
    const state3 = new URL(login3.headers.get('location')!.replace(/#.*$/, '')).searchParams.get('state')!;
    const old = svc.fake.issueOAuthCode({ kind: 'member', userId: STAFF.caseworker });
    clock.advance(5 * 60 * 1000 + 1000);
    expect((await late.get(`/workbench/oauth/callback?code=${old}&state=${state3}`)).status).toBe(400);

    const forged = new WebClient(svc.url);
    await forged.get('/workbench/login');
    const fresh = svc.fake.issueOAuthCode({ kind: 'member', userId: STAFF.caseworker });
    const wrongState = await forged.get(`/workbench/oauth/callback?code=${fresh}&state=${'a'.repeat(48)}`);
    expect(wrongState.status).toBe(400);
    expect(forged.cookies.has('wb_session')).toBe(false);
    // Without the sign-in cookie (another browser), a valid code and state are refused too.
    const stranger = new WebClient(svc.url);
    expect((await stranger.get(`/workbench/oauth/callback?code=${fresh}&state=${state3}`)).status).toBe(400);
  });

  it('gives residents, people outside the corp and unknown members a polite page and no session', async () => {
    for (const who of [{ userId: RESIDENT }, { openId: 'oWeChatUser01' }, { userId: 'not-registered' }]) {
      const client = new WebClient(svc.url);
      const page = await signIn(svc, client, who);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('您的账号不在工作人员名单中');
      expect(client.cookies.has('wb_session')).toBe(false);
    }
  });

  it('treats a tampered or expired session cookie as no session', async () => {
    const client = await signedInAs(STAFF.caseworker);
    const value = client.cookies.get('wb_session')!;
    const [body, sig] = value.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, u: STAFF.supervisor })).toString('base64url');
    const tampered = new WebClient(svc.url);
    tampered.cookies.set('wb_session', `${forged}.${sig}`);
    expect((await tampered.get('/workbench/dashboard')).status).toBe(302);
    clock.advance(8 * 60 * 60 * 1000 + 1000);
    const expired = await client.get('/workbench/todo');
    expect(expired.status).toBe(302);
  });

  it('the fake answers getuserinfo with the real shapes and errcodes', async () => {
    const token = (await (
      await fetch(
        `${svc.fakeUrl}/cgi-bin/gettoken?corpid=wwtest00000000001&corpsecret=test-secret-0123456789`,
      )
    ).json()) as { access_token: string };
    const info = async (code: string) =>
      (await (
        await fetch(`${svc.fakeUrl}/cgi-bin/auth/getuserinfo?access_token=${token.access_token}&code=${code}`)
      ).json()) as Record<string, unknown>;
    const member = svc.fake.issueOAuthCode({ kind: 'member', userId: 'someone' });
    expect(await info(member)).toEqual({ errcode: 0, errmsg: 'ok', userid: 'someone' });
    expect(await info(member)).toMatchObject({ errcode: 40029 });
    const outsider = svc.fake.issueOAuthCode({ kind: 'outsider', openId: 'oAbc' });
    expect(await info(outsider)).toMatchObject({ errcode: 0, openid: 'oAbc' });
    expect(await info('')).toMatchObject({ errcode: 41008 });
  });
});

describe('pages and actions under the chat rules', () => {
  it('answers another township’s case exactly like a missing one (404), and the bureau sees it', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const other = await cw.get(`/workbench/cases/${fateCase}`);
    const missing = await cw.get('/workbench/cases/SQ-NOPE-0000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.text()).toBe(await missing.text());
    expect((await cw.get(`/workbench/cases/${fateCase}/files/1`)).status).toBe(404);
    const supervisor = await signedInAs(STAFF.supervisor);
    expect((await supervisor.get(`/workbench/cases/${fateCase}`)).status).toBe(200);
  });

  it('shows the case file with masked identifiers, the household and the timeline with clause', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const page = await cw.get(`/workbench/cases/${pinganCase}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('220283********0016');
    expect(html).toContain('139****1234');
    expect(html).not.toContain(PEOPLE.pingan.idNumber);
    expect(html).not.toContain(PEOPLE.pingan.phone);
    expect(html).toContain(PEOPLE.pinganMember.name);
    expect(html).toContain('220283********0029');
    expect(html).toContain('提交申请');
    expect(html).toContain('六(一)');
    expect(html).toContain('id="step-accept"');
    expect(Buffer.byteLength(html)).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('lists the case’s documents and serves each as a PDF from the record; another township gets 404', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const html = await (await cw.get(`/workbench/cases/${pinganCase}`)).text();
    expect(html).toContain('最低生活保障申请书');
    expect(html).toContain(`/workbench/cases/${pinganCase}/documents/1`);
    expect(html).toContain(`/workbench/cases/${pinganCase}/documents/archive`);
    const pdf = await cw.get(`/workbench/cases/${pinganCase}/documents/1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await cw.get(`/workbench/cases/${pinganCase}/documents/99`)).status).toBe(404);
    const fate = await signedInAs(STAFF.otherTownship);
    expect((await fate.get(`/workbench/cases/${pinganCase}/documents/1`)).status).toBe(404);
  });

  it('refuses a step without the session’s CSRF token, and takes it with the token', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const html = await (await cw.get(`/workbench/cases/${pinganCase}`)).text();
    const csrf = WebClient.csrfOf(html);
    expect(csrf).not.toBe('');
    const without = await cw.post(`/workbench/cases/${pinganCase}/steps/accept`, { version: '0' });
    expect(without.status).toBe(403);
    const forged = await cw.post(`/workbench/cases/${pinganCase}/steps/accept`, {
      version: '0',
      _csrf: 'x'.repeat(24),
    });
    expect(forged.status).toBe(403);
    // Another user's token is not this session's.
    const other = await signedInAs('wb-cw-pingan-2');
    const otherCsrf = WebClient.csrfOf(await (await other.get(`/workbench/cases/${pinganCase}`)).text());
    expect(
      (await cw.post(`/workbench/cases/${pinganCase}/steps/accept`, { version: '0', _csrf: otherCsrf }))
        .status,
    ).toBe(403);
    expect(await stateOf(pinganCase)).toBe('submitted');
    // Another township's caseworker with a valid token of their own: 404, nothing done.
    const fate = await signedInAs(STAFF.otherTownship);
    const fateCsrf = WebClient.csrfOf(await (await fate.get('/workbench/todo')).text());
    expect(
      (await fate.post(`/workbench/cases/${pinganCase}/steps/accept`, { version: '0', _csrf: fateCsrf }))
        .status,
    ).toBe(404);
    expect(await stateOf(pinganCase)).toBe('submitted');

    const taken = await cw.post(`/workbench/cases/${pinganCase}/steps/accept`, { version: '0', _csrf: csrf });
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe(`/workbench/cases/${pinganCase}?done=accept`);
    expect(await stateOf(pinganCase)).toBe('accepted');
    const after = await (await cw.get(taken.headers.get('location')!)).text();
    expect(after).toContain('已办理：受理');
    // The acceptance notice reaches the resident's chat, as when the step is taken in chat.
    await until(async () => svc.fake.sentTo(RESIDENT).length > 0);
    expect(JSON.stringify(svc.fake.sentTo(RESIDENT).at(-1)!.body)).toContain('受理');
    // The same page posted again (stale version) changes nothing.
    const stale = await cw.post(`/workbench/cases/${pinganCase}/steps/accept`, { version: '0', _csrf: csrf });
    expect(stale.headers.get('location')).toBe(`/workbench/cases/${pinganCase}?stale=1`);
  });

  it('shows the full identifiers on an audited request with a purpose', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const csrf = WebClient.csrfOf(await (await cw.get(`/workbench/cases/${pinganCase}`)).text());
    const shown = await (
      await cw.post(`/workbench/cases/${pinganCase}/identifiers`, { _csrf: csrf, purpose: '入户核对' })
    ).text();
    expect(shown).toContain(PEOPLE.pingan.idNumber);
    const reads = await svc.database.db.select().from(piiReads).where(eq(piiReads.caseId, pinganCase));
    expect(reads.map((r) => r.field).sort()).toEqual(['applicant_id', 'applicant_phone']);
    expect(reads[0]!.purpose).toBe('入户核对');
  });

  it('opens the dashboard to the bureau only, with per-township counts and an SVG chart', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    expect((await cw.get('/workbench/dashboard')).status).toBe(403);
    const supervisor = await signedInAs(STAFF.supervisor);
    const page = await supervisor.get('/workbench/dashboard');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('平安镇');
    expect(html).toContain('法特镇');
    expect(html).toContain('<svg');
    expect(html).toMatch(/id="open-total">2</);
    expect(Buffer.byteLength(html)).toBeLessThan(PAGE_BUDGET_BYTES);
    // Supervision: decisions per month, warnings and spot checks with deadlines, the monthly report.
    expect(html).toContain('各月审批决定');
    expect(html).toContain('预警核查');
    expect(html).toContain('抽查与整改');
    const link = /href="(\/workbench\/reports\/\d{4}-\d{2})"/.exec(html)![1]!;
    const report = await supervisor.get(link);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await report.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await cw.get(link)).status).toBe(403);
    expect((await supervisor.get('/workbench/reports/2099-01')).status).toBe(404);
  });

  it('filters 待办 by program, step and village and searches by number or name', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const page = async (query: string) => (await cw.get(`/workbench/todo?${query}`)).text();
    expect(await page('program=tekun')).not.toContain(pinganCase);
    expect(await page('program=dibao')).toContain(pinganCase);
    expect(await page('village=%E5%B9%B3%E5%AE%89%E6%9D%91')).toContain(pinganCase);
    expect(await page('village=other')).not.toContain(pinganCase);
    expect(await page(`q=${encodeURIComponent('张伟')}`)).toContain(pinganCase);
    expect(await page('q=wb-pa')).toContain(pinganCase);
    expect(await page('q=nothing')).not.toContain(pinganCase);
    expect(await page('step=accepted')).toContain(pinganCase);
    // The village choices come from the whole queue; a page past the end shows the last one.
    expect(await page('')).toContain('<option value="平安村">平安村</option>');
    expect(await page('page=9')).toContain(pinganCase);
    expect(await page('program=dibao&page=9')).toContain(pinganCase);
  });

  it('shows the bureau its own queue, searched by case number only', async () => {
    const before = await stateOf(fateCase);
    await svc.database.db.update(cases).set({ state: 'escalated_to_bureau' }).where(eq(cases.id, fateCase));
    try {
      const supervisor = await signedInAs(STAFF.supervisor);
      const page = async (query: string) => (await supervisor.get(`/workbench/todo?${query}`)).text();
      expect(await page('')).toContain(fateCase);
      expect(await page('q=wb-ft')).toContain(fateCase);
      expect(await page(`q=${encodeURIComponent(PEOPLE.fate.name)}`)).not.toContain(fateCase);
      expect(await page('program=dibao')).not.toContain(fateCase);
      expect(await page('step=escalated_to_bureau')).toContain(fateCase);
    } finally {
      await svc.database.db.update(cases).set({ state: before }).where(eq(cases.id, fateCase));
    }
  });

  it('signs out only with the session’s token', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    expect((await cw.post('/workbench/logout', {})).status).toBe(403);
    const csrf = WebClient.csrfOf(await (await cw.get('/workbench/todo')).text());
    expect((await cw.post('/workbench/logout', { _csrf: csrf })).status).toBe(200);
    expect(cw.cookies.has('wb_session')).toBe(false);
  });

  it('asks a step’s questions on a page, refuses an answer that says nothing, confirms, then takes it', async () => {
    const cw = await signedInAs(STAFF.caseworker);
    const html = await (await cw.get(`/workbench/cases/${pinganCase}`)).text();
    const csrf = WebClient.csrfOf(html);
    // 信息核对 first: one question, no notice, taken when answered.
    const checks = `/workbench/cases/${pinganCase}/steps/record_verification`;
    expect(html).toContain(checks);
    const checked = await cw.post(checks, {
      _csrf: csrf,
      version: String(await versionOf(pinganCase)),
      'a.summary': '经济状况核对无异常',
    });
    expect(checked.headers.get('location')).toBe(`/workbench/cases/${pinganCase}?done=record_verification`);
    expect(await (await cw.get(`/workbench/cases/${pinganCase}`)).text()).toContain(
      `/workbench/cases/${pinganCase}/steps/record_home_visit`,
    );
    const form = await cw.get(`/workbench/cases/${pinganCase}/steps/record_home_visit`);
    expect(form.status).toBe(200);
    const first = await form.text();
    expect(first).toContain('name="a.visitedOn"');
    expect(first).not.toContain('name="a.findings"');
    const url = `/workbench/cases/${pinganCase}/steps/record_home_visit`;
    const base = { _csrf: csrf, version: String((await versionOf(pinganCase))!) };
    const nothing = await (
      await cw.post(url, { ...base, 'a.visitedOn': '今天', 'a.signers': '1', 'a.findings': '无' })
    ).text();
    expect(nothing).toContain('“无”');
    expect(await stateOf(pinganCase)).toBe('verified');
    const answers = { ...base, 'a.visitedOn': '今天', 'a.signers': '1', 'a.findings': '与申报相符' };
    const confirm = await (await cw.post(url, answers)).text();
    expect(confirm).toContain('确认办理');
    expect(confirm).toContain('王二');
    expect(await stateOf(pinganCase)).toBe('verified');
    // Without the token nothing happens; another township's caseworker gets 404.
    expect((await cw.post(url, { ...answers, _csrf: '', confirm: '1' })).status).toBe(403);
    const taken = await cw.post(url, { ...answers, confirm: '1' });
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe(`/workbench/cases/${pinganCase}?done=record_home_visit`);
    expect(await versionOf(pinganCase)).toBe(Number(base.version) + 1);
    // The same confirmation again: the case moved on, nothing is recorded twice.
    const again = await cw.post(url, { ...answers, confirm: '1' });
    expect(again.headers.get('location')).toMatch(/stale=1|refused=/);
  });
});
