import { checkCalendar } from '../core/cases/calendar-check';
import { tagCaseVillages } from '../core/cases/case-villages';
import { fillTimerTownships } from '../core/cases/due-timer-store';
import type { Township } from '../core/config/load-townships';
import type { PiiCipher } from '../core/crypto/pii-cipher';
import type { Database } from '../core/db/database';
import { sealStoredPayloads } from '../core/inbox/inbound-payload';
import type { Logger } from '../core/log/logger';
import { releaseOrphanedLeases } from '../core/outbox/outbox-lease';
import { syncTownships } from '../core/staff/township-directory';
import type { WorkingDayCalendar } from '../domain/calendar';

/**
 * What start-up puts right before anything can act: the configured townships in the database,
 * outbox leases of a dead PGlite process given back, stored payloads sealed (or sealed again under
 * the current key), timers and villages of older cases completed for the workbench's queries,
 * and deadlines recomputed for the running calendar.
 */
export async function startUpChecks(input: {
  database: Database;
  cipher: PiiCipher;
  calendar: WorkingDayCalendar;
  townships: readonly Township[];
  log: Logger;
  now: Date;
}): Promise<void> {
  const { database, log } = input;
  await syncTownships(database.db, input.townships);
  if (database.kind === 'pglite') {
    // One process owns a PGlite folder: any lease found now belongs to a process that died.
    const released = await releaseOrphanedLeases(database.db);
    if (released > 0) log.warn({ released }, 'released outbox leases left by a previous run');
  }
  const resealed = await sealStoredPayloads(database.db, input.cipher);
  if (resealed.sealed > 0 || resealed.unreadable > 0) log.info(resealed, 'inbound payloads sealed');
  const timers = await fillTimerTownships(database.db);
  if (timers > 0) log.info({ timers }, 'timers given their case township');
  const villages = await tagCaseVillages(database.db, input.cipher);
  if (villages.tagged > 0 || villages.unreadable > 0) log.info(villages, 'case villages tagged');
  await checkCalendar(database, input.calendar, input.now, log);
}
