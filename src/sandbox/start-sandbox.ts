import type { EnvConfig } from '../core/config/load-config';
import type { Logger } from '../core/log/logger';
import { FakeWecomServer } from './fake-wecom-server';
import { loadOrCreateSandboxCredentials, type SandboxCredentials } from './sandbox-credentials';
import { writeSandboxRuntime } from './sandbox-runtime';

export interface RunningSandbox {
  credentials: SandboxCredentials;
  fakeWecomUrl: string;
  announce(serviceUrl: string): void;
  close(): Promise<void>;
}

/** Sandbox mode: generated credentials (kept in DATA_DIR) and the fake WeCom API on loopback. */
export async function startSandbox(config: EnvConfig, log: Logger): Promise<RunningSandbox> {
  const credentials = loadOrCreateSandboxCredentials(config.dataDir);
  const fake = new FakeWecomServer({
    corpId: credentials.corpId,
    secret: credentials.secret,
    agentId: credentials.agentId,
  });
  const fakeWecomUrl = await fake.listen(0);
  log.info({ fakeWecomUrl }, 'sandbox: fake WeCom API listening');
  return {
    credentials,
    fakeWecomUrl,
    /** Records where things listen, for `npm run chat`. */
    announce: (serviceUrl: string) => writeSandboxRuntime(config.dataDir, { serviceUrl, fakeWecomUrl }),
    close: () => fake.close(),
  };
}
