/**
 * Outbox delivery against the fake WeCom under configured send limits: delivered per minute ÷
 * allowed per minute, lost, duplicates — once with the app limit binding (10,000 messages to 400
 * members) and once with the per-member limit binding (100 messages to one member). Time runs
 * faster for the dispatcher and the fake alike (limits are per minute of that clock), so the
 * run takes about two minutes of wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/core/db/open-database';
import { outbox } from '../../src/core/db/schema';
import { createLogger } from '../../src/core/log/logger';
import { OutboxDispatcher } from '../../src/core/outbox/outbox-dispatcher';
import { TemplateStore } from '../../src/core/templates/template-store';
import { WecomApiClient } from '../../src/core/wecom/api/wecom-api-client';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';

const PER_APP_PER_MINUTE = 1_200;
const PER_MEMBER_PER_MINUTE = 25;
const C = { corpId: 'wwbench0000000002', agentId: '1000002', secret: 'bench-secret-000000' };

interface Scenario {
  label: string;
  messages: number;
  recipients: number;
  speed: number;
  allowedPerMinute: number;
}

export async function benchOutboxRate(): Promise<string[]> {
  const scenarios: Scenario[] = [
    {
      label: 'app limit binding',
      messages: Number(process.env.BENCH_OUTBOX_MESSAGES ?? 10_000),
      recipients: 400,
      speed: Number(process.env.BENCH_OUTBOX_SPEED ?? 6),
      allowedPerMinute: PER_APP_PER_MINUTE,
    },
    {
      label: 'member limit binding',
      messages: 100,
      recipients: 1,
      speed: 60,
      allowedPerMinute: PER_MEMBER_PER_MINUTE,
    },
  ];
  const lines = [
    `outbox delivery — limits ${PER_APP_PER_MINUTE}/min per app, ${PER_MEMBER_PER_MINUTE}/min per member (WeCom drops above 30), database ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`,
  ];
  for (const s of scenarios) {
    const r = await run(s);
    // Under a sliding one-minute window of L, N messages need at least ⌈N/L⌉−1 minutes from the first
    // send to the last; delivered/min ÷ allowed/min is that minimum over the time actually taken.
    const fastest = Math.ceil(s.messages / s.allowedPerMinute) - 1;
    lines.push(
      `${s.label}: ${s.messages} messages to ${s.recipients} member(s), clock ×${s.speed}: last sent after ${r.minutes.toFixed(2)} clock minutes, fastest allowed ${fastest}; delivered/min ÷ allowed/min ${(fastest / r.minutes).toFixed(2)} (goal ≥ 0.9); busiest minute ${r.maxInAnyMinute} (limit ${s.allowedPerMinute})`,
      `  lost ${s.messages - r.delivered} (goal 0), duplicates ${r.duplicates} (goal 0), silently dropped by WeCom's per-member limit ${r.dropped}`,
    );
  }
  return lines;
}

async function run(s: Scenario) {
  const started = Date.now();
  const origin = new Date('2026-12-01T00:00:00Z').getTime();
  const now = () => new Date(origin + (Date.now() - started) * s.speed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-bench-outbox-'));
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  if (process.env.DATABASE_URL) await database.db.execute('truncate outbox, outbox_sends' as never);
  const fake = new FakeWecomServer({ ...C, now });
  const log = createLogger('silent');
  const api = new WecomApiClient({ baseUrl: await fake.listen(0), ...C, db: database.db, log, now });
  const dispatcher = new OutboxDispatcher(
    { db: database.db, api, templates: new TemplateStore(), log, now },
    {
      pollIntervalMs: 50,
      batchSize: 50,
      limits: {
        perAppPerMinute: PER_APP_PER_MINUTE,
        perRecipientPerMinute: PER_MEMBER_PER_MINUTE,
        perRecipientPerHour: 950,
      },
    },
  );
  for (let start = 0; start < s.messages; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(s.messages, start + 500); i++) {
      const text = { templateId: 'bench', templateVersion: 1, text: `bench#${i}#` };
      rows.push({
        channel: 'app' as const,
        recipient: `u${i % s.recipients}`,
        body: { text },
        createdAt: now(),
        nextAttemptAt: now(),
      });
    }
    await database.db.insert(outbox).values(rows);
  }
  const firstAt = now();
  dispatcher.start();
  const deadline = Date.now() + 10 * 60_000;
  while (fake.sent.length < s.messages && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await dispatcher.stop();
  const texts = fake.sent
    .filter((m) => !m.dropped)
    .map((m) => /bench#(\d+)#/.exec(JSON.stringify(m.body))?.[1]);
  const distinct = new Set(texts);
  const times = fake.sent.map((m) => m.at.getTime()).sort((a, b) => a - b);
  let maxInAnyMinute = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= 60_000) i++;
    maxInAnyMinute = Math.max(maxInAnyMinute, j - i + 1);
  }
  const result = {
    maxInAnyMinute,
    delivered: distinct.size,
    duplicates: texts.length - distinct.size,
    dropped: fake.sent.filter((m) => m.dropped).length,
    // Up to the last message WeCom accepted (this loop notices it up to 100 ms of wall time later).
    minutes: ((times.at(-1) ?? firstAt.getTime()) - firstAt.getTime()) / 60_000,
  };
  await fake.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}
