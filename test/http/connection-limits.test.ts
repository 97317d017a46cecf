import net from 'node:net';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { testClock } from '../support/chat-driver';
import { TEST_CREDENTIALS as C, startTestService, type TestService } from '../support/test-service';

/**
 * The attack test left 3,000 sockets open that never sent a byte. Every connection now has to
 * send its request head within HTTP_HEADERS_TIMEOUT_MS, an idle kept-alive one is closed after
 * HTTP_KEEP_ALIVE_TIMEOUT_MS, and no more than HTTP_MAX_CONNECTIONS are open at once.
 */
const LIMITS = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_200,
  keepAliveTimeoutMs: 400,
  maxConnections: 20,
};
/** Timers and Node's connection check (every 150 ms here) on a busy two-core machine. */
const SLACK_MS = 1_000;
/** Node closes an idle kept-alive socket a second after keepAliveTimeout (measured on node 20). */
const NODE_KEEP_ALIVE_BUFFER_MS = 1_000;

let svc: TestService;
let port: number;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now, http: LIMITS });
  port = Number(new URL(svc.url).port);
});
afterAll(async () => {
  await svc.stop();
});

interface Opened {
  socket: net.Socket;
  closedAfter: Promise<number>;
  received: () => string;
}

async function open(): Promise<Opened> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => {
    received += String(d);
  });
  socket.on('error', () => {});
  const opened = performance.now();
  const closedAfter = new Promise<number>((resolve) =>
    socket.on('close', () => resolve(performance.now() - opened)),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, closedAfter, received: () => received };
}

/** Resolves with the time until close, or with Infinity if the socket is still open after `ms`. */
const closedWithin = (opened: Opened, ms: number) =>
  Promise.race([
    opened.closedAfter,
    new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), ms)),
  ]);

describe('connection limits', () => {
  it('closes a connection that sends nothing within the headers timeout', async () => {
    const idle = await open();
    const after = await closedWithin(idle, LIMITS.headersTimeoutMs + SLACK_MS);
    expect(after).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(after).toBeLessThan(LIMITS.headersTimeoutMs + SLACK_MS);
    // Our idle timer and Node's headers-timeout check race: closed silently, or with a 408.
    expect(idle.received()).toMatch(/^(HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*)?$/);
  });

  it('closes a connection whose request head does not finish in time (with a 408 or without)', async () => {
    const slow = await open();
    slow.socket.write('POST /wecom/callback HTTP/1.1\r\nHost: x\r\n');
    const after = await closedWithin(slow, LIMITS.headersTimeoutMs + SLACK_MS);
    expect(after).toBeLessThan(LIMITS.headersTimeoutMs + SLACK_MS);
    expect(slow.received()).toMatch(/^(HTTP\/1\.1 408|)/);
  });

  it('closes a kept-alive connection idle for the keep-alive timeout, after answering', async () => {
    const kept = await open();
    kept.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    const after = await closedWithin(kept, LIMITS.keepAliveTimeoutMs + NODE_KEEP_ALIVE_BUFFER_MS + SLACK_MS);
    expect(kept.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(after).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs);
    expect(after).toBeLessThan(LIMITS.keepAliveTimeoutMs + NODE_KEEP_ALIVE_BUFFER_MS + SLACK_MS);
  });

  it('closes connections over the cap at once, and serves callbacks again when idle ones expire', async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => open()));
    const extra = await open();
    expect(await closedWithin(extra, 500)).toBeLessThan(500);
    await Promise.all(held.map((h) => closedWithin(h, LIMITS.headersTimeoutMs + SLACK_MS)));
    expect(held.every((h) => h.socket.destroyed)).toBe(true);
    const callback = sealCallback(
      C,
      textMessageXml(C, { fromUser: 'after-flood', content: '你好', msgId: 'cap-1' }),
      {
        timestamp: Math.floor(clock.now().getTime() / 1000),
      },
    );
    expect((await svc.post(callback)).status).toBe(200);
  });
});
