import { eq } from 'drizzle-orm';
import { inboundMessages } from '../../src/core/db/schema';
import { OFFICIAL, officialVectorClock } from '../support/official-vectors';
import { startTestService, storedPayload, type TestService } from '../support/test-service';

const credentials = { ...OFFICIAL, secret: 'unused-secret' };
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ wecom: credentials, now: officialVectorClock });
});
afterAll(async () => {
  await svc.stop();
});

const verifyUrl = (overrides: Record<string, string> = {}) =>
  `${svc.url}/wecom/callback?${new URLSearchParams({ ...OFFICIAL.verify, ...overrides })}`.replace(
    /&plaintext=[^&]*/,
    '',
  );

describe('official WeCom vectors through the real endpoint', () => {
  it('GET answers the decrypted echostr exactly: text/plain, no newline', async () => {
    const res = await fetch(verifyUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(OFFICIAL.verify.plaintext);
  });

  it('GET refuses a tampered signature with 403 and missing echostr with 400', async () => {
    expect((await fetch(verifyUrl({ msg_signature: '0'.repeat(40) }))).status).toBe(403);
    const noEcho = `${svc.url}/wecom/callback?${new URLSearchParams({ msg_signature: OFFICIAL.verify.msg_signature, timestamp: OFFICIAL.verify.timestamp, nonce: OFFICIAL.verify.nonce })}`;
    expect((await fetch(noEcho)).status).toBe(400);
  });

  it('POST of the official encrypted message is stored with its string MsgId and processed', async () => {
    const m = OFFICIAL.message;
    const query = new URLSearchParams({
      msg_signature: m.msg_signature,
      timestamp: m.timestamp,
      nonce: m.nonce,
    });
    const body = `<xml><ToUserName><![CDATA[${OFFICIAL.corpId}]]></ToUserName><Encrypt><![CDATA[${m.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const res = await fetch(`${svc.url}/wecom/callback?${query}`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await svc.worker.whenIdle();
    const [row] = await svc.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.dedupeKey, 'app:msg:4561255354251345929'));
    expect(row).toMatchObject({ fromUser: 'mycreate', msgType: 'text', status: 'processed', agentId: '218' });
    expect(storedPayload(row!)).toMatchObject({ Content: 'hello', MsgId: '4561255354251345929' });
  });
});

describe('with the database gone', () => {
  it('GET verification still answers (it never touches the database), readiness and POST report 503', async () => {
    await svc.database.close();
    const res = await fetch(verifyUrl());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(OFFICIAL.verify.plaintext);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);

    const m = OFFICIAL.message;
    const query = new URLSearchParams({
      msg_signature: m.msg_signature,
      timestamp: m.timestamp,
      nonce: m.nonce,
    });
    const post = await fetch(`${svc.url}/wecom/callback?${query}`, {
      method: 'POST',
      body: `<xml><Encrypt><![CDATA[${m.encrypt}]]></Encrypt></xml>`,
    });
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).toBe('5');
  });
});
