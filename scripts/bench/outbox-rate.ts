/**
 * Outbox delivery against the fake WeCom under a configured send limit: 10,000 queued messages,
 * delivered per minute ÷ allowed per minute, lost, duplicates. Time runs `SPEED`× faster for the
 * dispatcher and the fake alike (the limit is per minute of that clock), so it takes about a
 * minute of wall time instead of eight.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/open-database';
import { outbox } from '../../src/db/schema';
import { createLogger } from '../../src/log/logger';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { TemplateStore } from '../../src/templates/template-store';
import { WecomApiClient } from '../../src/wecom/api/wecom-api-client';

const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 10_000);
const RECIPIENTS = 400;
const PER_APP_PER_MINUTE = 1_200;
const SPEED = Number(process.env.BENCH_OUTBOX_SPEED ?? 10);
const C = { corpId: 'wwbench0000000002', agentId: '1000002', secret: 'bench-secret-000000' };

export async function benchOutboxRate(): Promise<string[]> {
  const started = Date.now();
  const origin = new Date('2026-12-01T00:00:00Z').getTime();
  const now = () => new Date(origin + (Date.now() - started) * SPEED);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-outbox-'));
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  const fake = new FakeWecomServer({ ...C, now });
  const log = createLogger('silent');
  const api = new WecomApiClient({ baseUrl: await fake.listen(0), ...C, db: database.db, log, now });
  const dispatcher = new OutboxDispatcher(
    { db: database.db, api, templates: new TemplateStore(), log, now },
    {
      pollIntervalMs: 50,
      batchSize: 50,
      limits: { perAppPerMinute: PER_APP_PER_MINUTE, perRecipientPerMinute: 25, perRecipientPerHour: 950 },
    },
  );

  for (let start = 0; start < MESSAGES; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(MESSAGES, start + 500); i++) {
      const text = { templateId: 'bench', templateVersion: 1, text: `bench#${i}#` };
      rows.push({
        channel: 'app' as const,
        recipient: `u${i % RECIPIENTS}`,
        body: { text },
        nextAttemptAt: now(),
      });
    }
    await database.db.insert(outbox).values(rows);
  }
  const firstAt = now();
  dispatcher.start();
  const deadline = Date.now() + 10 * 60_000;
  while (countDelivered(fake) < MESSAGES && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  const lastAt = now();
  await dispatcher.stop();

  const texts = fake.sent
    .filter((s) => !s.dropped)
    .map((s) => /bench#(\d+)#/.exec(JSON.stringify(s.body))?.[1]);
  const distinct = new Set(texts);
  const dropped = fake.sent.filter((s) => s.dropped).length;
  const minutes = (lastAt.getTime() - firstAt.getTime()) / 60_000;
  const perMinute = distinct.size / minutes;
  await fake.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [
    `outbox delivery — ${MESSAGES} queued messages to ${RECIPIENTS} members, limit ${PER_APP_PER_MINUTE}/min per app, 25/min per member, clock ×${SPEED}, database ${database.kind}`,
    `delivered ${distinct.size} in ${minutes.toFixed(2)} (clock) minutes = ${perMinute.toFixed(0)}/min; ratio to allowed ${(perMinute / PER_APP_PER_MINUTE).toFixed(2)} (goal ≥ 0.9)`,
    `lost ${MESSAGES - distinct.size} (goal 0), duplicates ${texts.length - distinct.size} (goal 0), silently dropped by WeCom's per-member limit ${dropped}`,
  ];
}

function countDelivered(fake: FakeWecomServer): number {
  return fake.sent.length;
}
