/**
 * The servers a benchmark measures, each in a process of its own as deployed (`src/app/main.ts`
 * with WeCom credentials, so production mode), while the load generator runs in the bench's
 * process: the two never share an event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/project-root';
import { childEnv } from '../child-env';

export interface BenchCredentials {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
}

export interface BenchProcess {
  url: string;
  pid: number;
  /** Resident set size of the process now, from /proc (bytes). */
  rss(): number;
  /** SIGTERM (graceful: in-flight requests and turns finish), SIGKILL after 60 s. */
  stop(): Promise<void>;
}

async function spawnUntil(
  args: string[],
  env: Record<string, string>,
  logFile: string,
  urlOf: (output: string) => string | undefined,
): Promise<BenchProcess> {
  const out = fs.openSync(logFile, 'a');
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to look inside a measured server.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: projectRoot(),
    env: childEnv(env),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const output = fs.readFileSync(logFile, 'utf8');
    const url = urlOf(output);
    if (url) {
      const pid = child.pid ?? 0;
      return {
        url,
        pid,
        rss: () =>
          Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
        async stop() {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
          await exited;
          clearTimeout(timer);
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.at(-1)} did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The product on a free loopback port; its log goes to `<dataDir>/server.log`. `src/app/main.ts`
 * through tsx as `npm start` runs it, or with `compiled` the build's `dist/src/app/main.js` (run
 * `npm run build` first), as a production install would.
 */
export function spawnService(
  credentials: BenchCredentials,
  options: {
    dataDir: string;
    apiBase: string;
    databaseUrl?: string;
    piiKey: string;
    logLevel?: string;
    compiled?: boolean;
  },
): Promise<BenchProcess> {
  const env: Record<string, string> = {
    PORT: '0',
    DATA_DIR: options.dataDir,
    WECOM_CORP_ID: credentials.corpId,
    WECOM_AGENT_ID: credentials.agentId,
    WECOM_SECRET: credentials.secret,
    WECOM_TOKEN: credentials.token,
    WECOM_ENCODING_AES_KEY: credentials.encodingAesKey,
    WECOM_API_BASE: options.apiBase,
    PII_ENCRYPTION_KEY: options.piiKey,
    LOG_LEVEL: options.logLevel ?? 'info',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const entry = options.compiled ? ['dist/src/app/main.js'] : ['--import', 'tsx', 'src/app/main.ts'];
  return spawnUntil(entry, env, path.join(options.dataDir, 'server.log'), (output) => {
    const started = output.split('\n').find((line) => line.includes('"service started"'));
    const port = started && /"url":"http:\/\/[^"]*:(\d+)"/.exec(started)?.[1];
    return port ? `http://127.0.0.1:${port}` : undefined;
  });
}

/** The floor: verify + decrypt + parse only (scripts/bench/floor-server.ts). */
export function spawnFloor(credentials: BenchCredentials, logFile: string): Promise<BenchProcess> {
  return spawnUntil(
    ['--import', 'tsx', 'scripts/bench/floor-server.ts'],
    {
      WECOM_CORP_ID: credentials.corpId,
      WECOM_TOKEN: credentials.token,
      WECOM_ENCODING_AES_KEY: credentials.encodingAesKey,
    },
    logFile,
    (output) => /listening (http:\/\/\S+)/.exec(output)?.[1],
  );
}

/** Waits until the service has no stored message waiting for a turn; answers how long it took. */
export async function untilInboundDrained(url: string, timeoutMs = 30 * 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    // A fresh connection each time: a kept-alive one may be closed by the server as it is reused.
    const res = await fetch(`${url}/healthz/queues`, { headers: { connection: 'close' } });
    const { inboundPending } = (await res.json()) as { inboundPending: number };
    if (inboundPending === 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${inboundPending} messages still pending`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
