import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv } from '../../scripts/child-env';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { sandboxTime } from '../../src/sandbox/chat-client';
import { loadOrCreateSandboxCredentials } from '../../src/sandbox/sandbox-credentials';
import { readSandboxRuntime } from '../../src/sandbox/sandbox-runtime';

const root = path.resolve(__dirname, '../..');

/** Runs `npm start`'s command with a clean environment (no WeCom account, no DATABASE_URL). */
function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  // Exactly what `npm start` runs, without npm in between (so the signal reaches our process).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** `npm run admin -- …` as a second process on the same DATA_DIR. */
async function admin(
  dataDir: string,
  argv: string[],
  cli = 'src/app/cli/admin-cli.ts',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...argv], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'warn', DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, output };
}

async function waitFor(pattern: RegExp, output: () => string, ms: number): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const match = output().match(pattern);
    if (match) return match;
    if (Date.now() > end) throw new Error(`not seen within ${ms} ms: ${pattern}\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start with an empty environment', () => {
  it('starts the sandbox, answers /healthz, takes a signed message, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-sandbox-'));
    const started = Date.now();
    const run = start({ DATA_DIR: dataDir, PORT: '0' });
    try {
      const [, url] = await waitFor(
        /Callback endpoint\s+(http:\/\/127\.0\.0\.1:\d+)\/wecom\/callback/,
        run.output,
        // A fresh PGlite data directory runs initdb (about 6 s on these 2-core machines, more
        // under load): this is a bound against hanging, not a speed requirement.
        60_000,
      );
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      process.stdout.write(`sandbox answered /healthz ${Date.now() - started} ms after npm start\n`);
      expect(run.output()).toContain('SANDBOX MODE');
      expect(run.output()).toContain('npm run chat');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      const credentials = loadOrCreateSandboxCredentials(dataDir);
      const callback = sealCallback(
        credentials,
        textMessageXml(credentials, { fromUser: 'newcomer', content: '你好', msgId: 'sandbox-1' }),
      );
      const res = await fetch(`${url}${callback.path}`, { method: 'POST', body: callback.body });
      expect(res.status).toBe(200);

      // The operator's clock (`/clock +2d` in npm run chat): the service now lives two days ahead,
      // so a callback stamped with real time is stale and one stamped with the sandbox's is taken.
      const runtime = readSandboxRuntime(dataDir)!;
      const before = await sandboxTime(runtime.fakeWecomUrl);
      const after = await sandboxTime(runtime.fakeWecomUrl, 2 * 86_400_000);
      expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(2 * 86_400_000);
      const stale = sealCallback(
        credentials,
        textMessageXml(credentials, { fromUser: 'newcomer', content: '你好', msgId: 'sandbox-2' }),
      );
      expect((await fetch(`${url}${stale.path}`, { method: 'POST', body: stale.body })).status).toBe(403);
      const onTime = Math.floor(after.getTime() / 1000);
      const fresh = sealCallback(
        credentials,
        textMessageXml(credentials, {
          fromUser: 'newcomer',
          content: '你好',
          msgId: 'sandbox-3',
          createTime: onTime,
        }),
        { timestamp: onTime },
      );
      expect((await fetch(`${url}${fresh.path}`, { method: 'POST', body: fresh.body })).status).toBe(200);
      // Kept in DATA_DIR: a restart stays on the operator's time.
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox-clock.json'), 'utf8')).offsetMs).toBe(
        2 * 86_400_000,
      );

      // `npm run admin` beside it: the folder is the service's, so the command runs inside it.
      const added = await admin(dataDir, [
        'staff',
        'add',
        '--user',
        'cw-beside',
        '--name',
        '李经办',
        '--role',
        'township_caseworker',
        '--township',
        'pingan',
      ]);
      expect(added.code).toBe(0);
      const listed = await admin(dataDir, ['staff', 'list']);
      expect(listed).toMatchObject({ code: 0 });
      expect(listed.output).toContain('cw-beside');
      // A usage problem comes back with its exit code and message, as when run alone.
      const bad = await admin(dataDir, ['spot-check', 'close', '--id', 'x']);
      expect(bad.code).toBe(2);
      expect(bad.output).toContain('--id must be');
      // The operator's outbox view too (the reply to 你好 above is in it).
      const outbox = await admin(dataDir, ['list'], 'src/app/cli/outbox-cli.ts');
      expect(outbox.code).toBe(0);
      expect(outbox.output).toMatch(/\tsent\t|\tpending\t/);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'admin.sock'))).toBe(false);
    } finally {
      run.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to start on an invalid variable with one line naming it', async () => {
    const run = start({ PORT: 'eighty', DATA_DIR: os.tmpdir() });
    expect(await run.exited).toBe(78);
    expect(run.output().trim().split('\n')).toEqual([
      'Invalid configuration: PORT must be a TCP port number (0-65535) (Invalid input: expected number, received NaN).',
    ]);
  });
});
