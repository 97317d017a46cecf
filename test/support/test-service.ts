import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningService, startService } from '../../src/app/service';
import type { InboundWorkerOptions } from '../../src/core/bot/inbound-worker';
import { type Clock, systemClock } from '../../src/core/clock/clock';
import type { WecomCredentials } from '../../src/core/config/load-config';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import type { HttpLimits } from '../../src/core/http/server-limits';
import { openInboundPayload } from '../../src/core/inbox/inbound-payload';
import type { OutboxDispatcherOptions } from '../../src/core/outbox/outbox-dispatcher';
import type { ParameterTable } from '../../src/domain/parameters/parameter-file';
import type { SealedCallback } from '../../src/sandbox/callback-driver';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { captureLogs } from './log-capture';
import { openTestDatabase } from './test-database';

export const TEST_CREDENTIALS: WecomCredentials = {
  corpId: 'wwtest00000000001',
  agentId: '1000002',
  secret: 'test-secret-0123456789',
  token: 'TestToken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** A fixed key, so a test can open what the service sealed. */
export const TEST_PII_KEY = Buffer.alloc(32, 7);
export const TEST_CIPHER = new PiiCipher(TEST_PII_KEY);

/** The message of a stored `inbound_messages` row (payloads are sealed at rest). */
export function storedPayload(row: { payload: unknown; payloadSealed: string | null }): unknown {
  return openInboundPayload(TEST_CIPHER, row);
}

export type TestService = Awaited<ReturnType<typeof startTestService>>;

/** The real service (real HTTP, real Koa, real database) on a loopback port, for one test file. */
export async function startTestService(
  options: {
    wecom?: WecomCredentials;
    /** The service's clock, shared with the fake WeCom; real time unless the test brings its own. */
    now?: Clock;
    worker?: Partial<InboundWorkerOptions>;
    outbox?: Partial<OutboxDispatcherOptions>;
    parameters?: ParameterTable;
    http?: Partial<HttpLimits>;
  } = {},
) {
  const clock = options.now ?? systemClock;
  const database = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-test-'));
  const wecom = options.wecom ?? TEST_CREDENTIALS;
  const fake = new FakeWecomServer({
    corpId: wecom.corpId,
    secret: wecom.secret,
    agentId: wecom.agentId,
    now: clock,
  });
  const fakeUrl = await fake.listen(0);
  const logs = captureLogs('debug');
  const service: RunningService = await startService({
    port: 0,
    host: '127.0.0.1',
    database,
    wecom,
    apiBase: fakeUrl,
    api: { timeoutMs: 2_000, sleep: async () => {} },
    callbackTimestampWindowSeconds: 300,
    piiKey: TEST_PII_KEY,
    dataDir,
    // Jobs are run by the tests that test them, on their own clock.
    scheduler: false,
    media: { pollIntervalMs: 100, retryDelayMs: () => 20 },
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.http ? { http: options.http } : {}),
    log: logs.log,
    now: clock,
    worker: { sweepIntervalMs: 100, retryDelayMs: () => 50, ...options.worker },
    outbox: {
      pollIntervalMs: 100,
      retryDelayMs: () => 20,
      pauses: { configurationMs: 50, frequencyMs: 50, concurrencyMs: 50, unavailableMs: 50 },
      ...options.outbox,
    },
  });
  return {
    ...service,
    clock,
    database,
    fake,
    fakeUrl,
    logs,
    dataDir,
    post(callback: SealedCallback, init: RequestInit = {}) {
      return fetch(`${service.url}${callback.path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: callback.body,
        ...init,
      });
    },
    async stop() {
      await service.close();
      await fake.close();
      await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
