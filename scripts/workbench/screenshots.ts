/**
 * `npm run docs:workbench`: starts the real service (embedded database in memory, the fake WeCom
 * on loopback, sandbox sign-in) on the fictitious data set of ./sample-data.ts, signs in as each
 * role through the fake OAuth in Debian's chromium, and writes a PNG of every page to
 * docs/workbench/, so anyone can see the pages without running them.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { compose } from '../../src/app/compose';
import { startService } from '../../src/app/service';
import { PiiCipher } from '../../src/core/crypto/pii-cipher';
import { openPglite } from '../../src/core/db/open-pglite';
import { createLogger } from '../../src/core/log/logger';
import { projectRoot } from '../../src/core/project-root';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { morningOf, SAMPLE_STAFF, seedSample } from './sample-data';
import { addSamplePhotos } from './sample-photo';

const OUT = path.join(projectRoot(), 'docs', 'workbench');
const TODAY = '2026-12-01';
const CREDENTIALS = {
  corpId: 'wwsample0000000001',
  agentId: '1000002',
  secret: 'sample-secret-0123456789',
  token: 'SampleToken1',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  let at = morningOf(TODAY);
  const now = () => new Date(at);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-shots-'));
  const piiKey = Buffer.alloc(32, 3);
  const cipher = new PiiCipher(piiKey);
  const database = await openPglite({ memory: true });
  await database.migrate();
  const parts = compose({ clock: now });
  await seedSample(
    database.db,
    cipher,
    parts,
    (d) => {
      at = d;
    },
    TODAY,
  );
  await addSamplePhotos(
    database.db,
    dataDir,
    'SQ2026-PA-0117',
    'resident-SQ2026-PA-0117',
    morningOf('2026-10-08'),
    3,
  );
  const fake = new FakeWecomServer({ ...CREDENTIALS, now });
  const fakeUrl = await fake.listen(0);
  const service = await startService({
    port: 0,
    host: '127.0.0.1',
    database,
    wecom: CREDENTIALS,
    apiBase: fakeUrl,
    callbackTimestampWindowSeconds: 300,
    piiKey,
    dataDir,
    composition: parts,
    scheduler: false,
    log: createLogger('error'),
    now,
    workbench: { sandboxStaff: SAMPLE_STAFF.map((s) => ({ userId: s.userId, name: s.name, role: s.role })) },
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-chromium-'));
  fs.mkdirSync(OUT, { recursive: true });
  try {
    for (const device of [
      { suffix: 'phone', viewport: { width: 390, height: 844 } },
      { suffix: 'desktop', viewport: { width: 1280, height: 860 } },
    ]) {
      const context = await chromium.launchPersistentContext(`${profile}-${device.suffix}`, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: device.viewport,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      const shot = async (name: string) => {
        const file = path.join(OUT, `${name}-${device.suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        process.stdout.write(`${path.relative(projectRoot(), file)}\n`);
      };
      const as = async (userId: string) => {
        await context.clearCookies();
        await page.goto(`${service.url}/workbench`);
        await Promise.all([
          page.waitForURL(/\/workbench\/(todo|dashboard|meetings)/),
          page.click(`#as-${userId}`),
        ]);
      };
      await context.clearCookies();
      await page.goto(`${service.url}/workbench`);
      if (device.suffix === 'phone') await shot('sign-in');
      await as('caseworker-demo');
      await shot('todo');
      await page.goto(`${service.url}/workbench/cases/SQ2026-PA-0117`);
      await shot('case-file');
      // A step of the case that asks questions (a typical one first), as its form opens.
      const typical = page.locator(
        '#step-record_home_visit, #step-record_verification, #step-review_eligible',
      );
      const stepLink = (await typical.count()) > 0 ? typical.first() : page.locator('.step-link a').first();
      if ((await stepLink.count()) > 0) {
        await Promise.all([page.waitForURL(/\/steps\//), stepLink.click()]);
        await shot('step-form');
      }
      await page.goto(`${service.url}/workbench/meetings`);
      await shot('meetings');
      await as('supervisor-demo');
      await shot('dashboard');
      await visit(page, `${service.url}/workbench/cases/SQ2026-NONE-0000`);
      if (device.suffix === 'phone') await shot('not-found');
      await context.close();
    }
  } finally {
    await service.close();
    await fake.close();
    for (const suffix of ['phone', 'desktop'])
      fs.rmSync(`${profile}-${suffix}`, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
