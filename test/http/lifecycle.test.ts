import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { DataDirInUse, lockDataDir } from '../../src/core/db/data-dir-lock';
import { openPglite } from '../../src/core/db/open-pglite';
import { inboundMessages } from '../../src/core/db/schema';
import { sealCallback, textMessageXml } from '../../src/sandbox/callback-driver';
import { TEST_CREDENTIALS as C, startTestService } from '../support/test-service';

describe('service lifecycle', () => {
  it('on shutdown finishes a request already in flight, then refuses new connections', async () => {
    const svc = await startTestService();
    const callback = sealCallback(
      C,
      textMessageXml(C, { fromUser: 'in-flight', content: '你好', msgId: 'lifecycle-1' }),
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const body = new ReadableStream({
      async start(controller) {
        const bytes = new TextEncoder().encode(callback.body);
        controller.enqueue(bytes.slice(0, 10));
        await gate;
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const inFlight = fetch(`${svc.url}${callback.path}`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 100));
    const closing = svc.close();
    await new Promise((r) => setTimeout(r, 50));
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    await expect(fetch(`${svc.url}/healthz`)).rejects.toThrow();
    // Stored (committed) before the 200 was answered.
    expect(svc.logs.lines().some((l) => l.path === '/wecom/callback' && l.outcome === 'stored')).toBe(true);
    await svc.fake.close();
    await svc.database.dispose();
  });

  it('is ready only when every migration is applied', async () => {
    const database = await openPglite({ memory: true });
    try {
      expect(await database.isReady()).toBe(false);
      await database.migrate();
      expect(await database.isReady()).toBe(true);
      const rows = await database.db.select().from(inboundMessages).where(eq(inboundMessages.id, 1));
      expect(rows).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('refuses to open an embedded database folder another live process holds', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-lock-')), 'pglite');
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    fs.writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
