import type { WorkingDayCalendar } from '../../domain/calendar';
import type { Citation } from '../../domain/deadlines';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { TemplateStore } from '../templates/template-store';

/** What the alert jobs need; the service passes its own (same database, calendar and templates). */
export interface AlertJobDeps {
  db: Db;
  calendar: WorkingDayCalendar;
  templates: TemplateStore;
  log: Logger;
  /** Township names for the messages (config/townships.json); a township not listed shows its id. */
  townships?: readonly Township[];
  /** Working days left at which an open legal deadline alerts its caseworkers; default 5, 3, 1. */
  thresholds?: readonly number[];
  /** Called after a run queued messages, e.g. to wake the outbox dispatcher at once. */
  onQueued?: () => void;
}

/** The default warning points (working days left), as in the deadline rules. */
export const DEFAULT_THRESHOLDS: readonly number[] = [5, 3, 1];

const ALERT_PHRASES = 'staff.alerts';

/** Labels and names the alert texts share, all from templates/ (no Chinese in code). */
export function alertLabels(deps: AlertJobDeps) {
  const { templates } = deps;
  const names = new Map((deps.townships ?? []).map((t) => [t.id, t.name]));
  const programs = templates.phrases('chat.programs');
  const phrases = templates.phrases(ALERT_PHRASES);
  return {
    township: (id: string) => names.get(id) ?? id,
    program: (code: string) => programs[code] ?? code,
    kind: (kind: string) => phrases[`kind.${kind}`] ?? kind,
    /** The coordination-group position overdue deadlines escalate to first (民政分管领导). */
    leadPosition: templates.phrase(ALERT_PHRASES, 'coordination-lead-position'),
    /** "document clause" per citation of the timer; the template lists them. */
    sources: (citations: readonly Citation[]) => citations.map((c) => `${c.document} ${c.clause}`),
  };
}
