import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { WecomCredentials } from '../core/config/load-config';

const storedSchema = z.object({
  corpId: z.string(),
  agentId: z.string(),
  secret: z.string(),
  token: z.string(),
  encodingAesKey: z.string().length(43),
  piiKey: z.string(),
});

export type SandboxCredentials = WecomCredentials & { piiKey: Buffer };

/** File (inside DATA_DIR) where sandbox mode keeps its generated secrets; `npm run chat` reads it. */
export function sandboxCredentialsPath(dataDir: string): string {
  return path.join(dataDir, 'sandbox-credentials.json');
}

/**
 * Sandbox mode needs a callback token, an AES key and a PII key like production does. They
 * are generated once and kept in DATA_DIR, so data encrypted in one run is readable in the next.
 */
export function loadOrCreateSandboxCredentials(dataDir: string): SandboxCredentials {
  const file = sandboxCredentialsPath(dataDir);
  if (fs.existsSync(file)) {
    const stored = storedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return { ...stored, piiKey: Buffer.from(stored.piiKey, 'base64') };
  }
  const fresh = {
    corpId: 'wwsandbox0000000001',
    agentId: '1000002',
    secret: randomBytes(24).toString('base64url'),
    token: randomBytes(12).toString('hex'),
    encodingAesKey: randomBytes(32).toString('base64').slice(0, 43).replace(/[+/]/g, 'A'),
    piiKey: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  return { ...fresh, piiKey: Buffer.from(fresh.piiKey, 'base64') };
}
