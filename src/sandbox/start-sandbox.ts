import { systemClock } from '../core/clock/clock';
import type { EnvConfig } from '../core/config/load-config';
import type { Logger } from '../core/log/logger';
import { FakeWecomServer } from './fake-wecom-server';
import { SandboxClock } from './sandbox-clock';
import { loadOrCreateSandboxCredentials, type SandboxCredentials } from './sandbox-credentials';
import { writeSandboxRuntime } from './sandbox-runtime';

export interface RunningSandbox {
  credentials: SandboxCredentials;
  /** The operator's clock: real time plus the offset moved with `/clock` in `npm run chat`. */
  clock: SandboxClock;
  fakeWecomUrl: string;
  announce(serviceUrl: string): void;
  close(): Promise<void>;
}

/** Sandbox mode: generated credentials (kept in DATA_DIR) and the fake WeCom API on loopback. */
export async function startSandbox(config: EnvConfig, log: Logger): Promise<RunningSandbox> {
  const credentials = loadOrCreateSandboxCredentials(config.dataDir);
  const clock = new SandboxClock(config.dataDir, systemClock);
  const fake = new FakeWecomServer({
    corpId: credentials.corpId,
    secret: credentials.secret,
    agentId: credentials.agentId,
    now: clock.now,
    clockControl: clock,
  });
  const fakeWecomUrl = await fake.listen(0);
  log.info({ fakeWecomUrl }, 'sandbox: fake WeCom API listening');
  return {
    credentials,
    clock,
    fakeWecomUrl,
    /** Records where things listen, for `npm run chat`. */
    announce: (serviceUrl: string) => writeSandboxRuntime(config.dataDir, { serviceUrl, fakeWecomUrl }),
    close: () => fake.close(),
  };
}
