import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { alertsSent, outbox } from '../db/schema';
import type { ReplyModel } from '../outbox/reply-model';
import type { RenderedText } from '../templates/template-store';

/** One alert to one or more staff members, once per (key, recipient). */
export interface Alert {
  /** Deterministic key, e.g. `warn:decision.C-1:2026-11-12:3`: the same alert always has the same key. */
  key: string;
  caseId?: string | null;
  /** What kind of alert (stored with the row, for reports). */
  kind: string;
  /** WeCom user ids of the self-built app. */
  recipients: readonly string[];
  /** The message; called inside the transaction, and only when someone has not had it yet. */
  render(tx: Db): RenderedText | Promise<RenderedText>;
}

/**
 * Queues an alert in one short transaction: an `alerts_sent` row per recipient (ON CONFLICT DO
 * NOTHING on the unique key and recipient), then an outbox row only for the recipients whose row
 * was new. A re-run, a second instance or a concurrent run therefore never sends it twice; the
 * outbox dispatcher does the sending. Returns how many messages were queued.
 */
export async function queueAlert(db: Db, alert: Alert, now: Date): Promise<number> {
  if (alert.recipients.length === 0) return 0;
  return db.transaction(async (tx) => queueAlertIn(tx, alert, now));
}

/** {@link queueAlert} inside the caller's transaction (which must be short). */
export async function queueAlertIn(tx: Db, alert: Alert, now: Date): Promise<number> {
  const recipients = [...new Set(alert.recipients)].sort();
  if (recipients.length === 0) return 0;
  const fresh = await tx
    .insert(alertsSent)
    .values(
      recipients.map((recipient) => ({
        key: alert.key,
        caseId: alert.caseId ?? null,
        kind: alert.kind,
        recipient,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: [alertsSent.key, alertsSent.recipient] })
    .returning({ recipient: alertsSent.recipient });
  if (fresh.length === 0) return 0;
  const body: ReplyModel = { text: await alert.render(tx) };
  await tx.insert(outbox).values(
    fresh.map(({ recipient }) => ({
      channel: 'app' as const,
      recipient,
      body,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
  return fresh.length;
}

/** Keys looked up at once when filtering out alerts already sent. */
const LOOKUP_BATCH = 1_000;

/**
 * Queues many alerts: first drops, in batched indexed lookups, the recipients who already had
 * each one (the daily steady state: most alerts a sweep finds went out on an earlier day), then
 * queues the rest one alert per transaction with {@link queueAlert}, whose unique key still
 * decides under concurrency. Returns how many messages were queued.
 */
export async function queueAlerts(db: Db, alerts: readonly Alert[], now: Date): Promise<number> {
  let queued = 0;
  for (let i = 0; i < alerts.length; i += LOOKUP_BATCH) {
    const batch = alerts.slice(i, i + LOOKUP_BATCH);
    const keys = [...new Set(batch.map((a) => a.key))];
    const sent = await db
      .select({ key: alertsSent.key, recipient: alertsSent.recipient })
      .from(alertsSent)
      .where(inArray(alertsSent.key, keys));
    const had = new Set(sent.map((r) => `${r.key}\u0000${r.recipient}`));
    for (const alert of batch) {
      const missing = alert.recipients.filter((r) => !had.has(`${alert.key}\u0000${r}`));
      if (missing.length > 0) queued += await queueAlert(db, { ...alert, recipients: missing }, now);
    }
  }
  return queued;
}
