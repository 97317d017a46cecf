import type { InboundWorkerOptions } from '../../src/bot/inbound-worker';
import type { WecomCredentials } from '../../src/config/load-config';
import type { SealedCallback } from '../../src/sandbox/callback-driver';
import { type RunningService, startService } from '../../src/service';
import { captureLogs } from './log-capture';
import { openTestDatabase } from './test-database';

export const TEST_CREDENTIALS: WecomCredentials = {
  corpId: 'wwtest00000000001',
  agentId: '1000002',
  secret: 'test-secret-0123456789',
  token: 'TestToken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

export type TestService = Awaited<ReturnType<typeof startTestService>>;

/** The real service (real HTTP, real Koa, real database) on a loopback port, for one test file. */
export async function startTestService(
  options: { wecom?: WecomCredentials; now?: () => Date; worker?: Partial<InboundWorkerOptions> } = {},
) {
  const database = await openTestDatabase();
  const logs = captureLogs('debug');
  const service: RunningService = await startService({
    port: 0,
    host: '127.0.0.1',
    database,
    wecom: options.wecom ?? TEST_CREDENTIALS,
    callbackTimestampWindowSeconds: 300,
    log: logs.log,
    now: options.now,
    worker: { sweepIntervalMs: 100, retryDelayMs: () => 50, ...options.worker },
  });
  return {
    ...service,
    database,
    logs,
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
      await database.dispose();
    },
  };
}
