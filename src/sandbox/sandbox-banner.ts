import type { EnvConfig } from '../core/config/load-config';
import { sandboxCredentialsPath } from './sandbox-credentials';

/** One screen telling a newcomer what is running and how to talk to it. */
export function printSandboxBanner(info: {
  serviceUrl: string;
  fakeWecomUrl: string;
  config: EnvConfig;
  database: 'pglite' | 'postgres';
}): void {
  const db =
    info.database === 'pglite'
      ? `embedded PostgreSQL (PGlite) in ${info.config.dataDir}/pglite`
      : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    '  Shulan social-assistance assistant — SANDBOX MODE (no WeCom account needed)',
    '',
    `  Callback endpoint   ${info.serviceUrl}/wecom/callback`,
    `  Health              ${info.serviceUrl}/healthz   ${info.serviceUrl}/readyz`,
    `  Workbench (pages)   ${info.serviceUrl}/workbench   (sign in as any demo staff member)`,
    `  Fake WeCom API      ${info.fakeWecomUrl}`,
    `  Database            ${db}`,
    `  Sandbox secrets     ${sandboxCredentialsPath(info.config.dataDir)} (token, AES key, PII key)`,
    '',
    '  Talk to the bot:    npm run chat -- --as resident      (in another terminal; --help for roles,',
    '                      /photo, and /clock +2d to move the sandbox clock forward)',
    '  Stop:               Ctrl+C',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
