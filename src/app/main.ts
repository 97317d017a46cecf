import fs from 'node:fs';
import { systemClock } from '../core/clock/clock';
import { ConfigError, loadConfig } from '../core/config/load-config';
import { openDatabase } from '../core/db/open-database';
import { preparePrivateDataDir, UnsafeDataDir } from '../core/db/private-data-dir';
import { createLogger } from '../core/log/logger';
import { LlmPassageSelector } from '../features/knowledge/llm-selector';
import { printSandboxBanner } from '../sandbox/sandbox-banner';
import { SANDBOX_STAFF, seedSandboxStaff } from '../sandbox/sandbox-staff';
import { startSandbox } from '../sandbox/start-sandbox';
import { startAdminSocket } from './cli/admin-socket';
import { createBureauCliDeps } from './cli/bureau-cli-deps';
import { compose, shippedKnowledge } from './compose';
import { startService } from './service';

/** `npm start`: production with WeCom credentials, sandbox mode without them. */
async function main(): Promise<void> {
  // A local .env is a convenience; variables already set in the environment win.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.lines) process.stderr.write(`${line}\n`);
      process.exit(78);
    }
    throw error;
  }
  try {
    // Before anything writes there (sandbox secrets, the database): private, or no start.
    preparePrivateDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof UnsafeDataDir) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const sandbox = config.mode === 'sandbox' ? await startSandbox(config, log) : undefined;
  const wecom = sandbox?.credentials ?? config.wecom!;
  // Policy configuration is read and checked before anything starts: a bad file stops start-up.
  // Sandbox mode runs on the operator's clock (`/clock` in npm run chat); production on the system's.
  const composition = compose({ clock: sandbox?.clock.now ?? systemClock });
  const clock = composition.clock;
  const database = await openDatabase(config);
  if (sandbox) await seedSandboxStaff(database.db, clock());
  const service = await startService({
    port: config.port,
    database,
    wecom,
    callbackTimestampWindowSeconds: config.callbackTimestampWindowSeconds,
    http: config.http,
    apiBase: sandbox?.fakeWecomUrl ?? config.wecomApiBase,
    outbox: config.outbox,
    composition,
    // Required in production by the configuration check; the sandbox keeps its own in DATA_DIR.
    piiKey: sandbox?.credentials.piiKey ?? config.piiKey!,
    previousPiiKeys: config.previousPiiKeys,
    dataDir: config.dataDir,
    workbench: { ...config.workbench, ...(sandbox ? { sandboxStaff: SANDBOX_STAFF } : {}) },
    ...(config.llm ? { passageSelector: new LlmPassageSelector(config.llm) } : {}),
    log,
    now: clock,
  });
  // PGlite is this process's alone: `npm run admin` reaches it through DATA_DIR/admin.sock.
  const adminSocket =
    database.kind === 'pglite'
      ? await startAdminSocket({
          dataDir: config.dataDir,
          db: database.db,
          townships: composition.townships,
          now: clock,
          bureau: createBureauCliDeps(config),
        })
      : undefined;
  log.info(
    { mode: config.mode, url: service.url, database: database.kind, adminSocket: adminSocket !== undefined },
    'service started',
  );
  // The first resident's question should not wait for the knowledge indexes to be built.
  setImmediate(() => shippedKnowledge().prepare());
  if (sandbox) {
    // Jobs that came due when the operator moved the clock run at once.
    sandbox.clock.onAdvance(() => void service.runDueJobs());
    sandbox.announce(service.url);
    printSandboxBanner({
      serviceUrl: service.url,
      fakeWecomUrl: sandbox.fakeWecomUrl,
      config,
      database: database.kind,
    });
  }

  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    log.info({ signal }, 'shutting down');
    Promise.resolve(adminSocket?.close())
      .then(() => Promise.all([service.close(), sandbox?.close()]))
      .then(() => process.exit(0))
      .catch((error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
