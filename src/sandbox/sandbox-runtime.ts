import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const runtimeSchema = z.object({ serviceUrl: z.url(), fakeWecomUrl: z.url() });
export type SandboxRuntime = z.infer<typeof runtimeSchema>;

const fileOf = (dataDir: string) => path.join(dataDir, 'sandbox-runtime.json');

/** Where the running sandbox listens; `npm run chat` reads it to find both servers. */
export function writeSandboxRuntime(dataDir: string, runtime: SandboxRuntime): void {
  fs.writeFileSync(fileOf(dataDir), `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
}

export function readSandboxRuntime(dataDir: string): SandboxRuntime | undefined {
  const file = fileOf(dataDir);
  if (!fs.existsSync(file)) return undefined;
  const parsed = runtimeSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}
