import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { caseNotices, outbox } from '../db/schema';
import { MATERIALS } from '../domain/materials/catalogue-items';
import { MATERIALS_CATALOGUE_VERSION } from '../domain/materials/checklist';
import type { TemplateStore } from '../templates/template-store';
import type { CaseRow } from './case-records';
import type { EffectRunner } from './case-steps';

/**
 * Notices a step sets off, rendered from versioned templates, archived with the case exactly as
 * sent (text, template id and version, structured content) and queued to the applicant in the
 * step's transaction — to their chat when they applied in chat; otherwise the archived text is
 * what the township prints. Covers 受理通知 and the 一次性告知书 (六(一)); the other notices
 * follow the same path.
 */
export function noticeEffects(templates: TemplateStore, townships: readonly Township[]): EffectRunner {
  return async (tx, row, effects, event, now) => {
    const township = townships.find((t) => t.id === row.townshipId)?.name ?? row.townshipId;
    for (const effect of effects) {
      if (effect === 'notice.materials' && event.type === 'request_materials') {
        await issue(tx, templates, row, now, {
          kind: 'materials',
          templateId: 'notice.materials-one-time',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            items: event.items.map((id, i) => ({
              n: i + 1,
              name: MATERIALS[id].name,
              purpose: MATERIALS[id].purpose,
            })),
          },
          payload: { items: event.items, catalogueVersion: MATERIALS_CATALOGUE_VERSION },
        });
      } else if (effect === 'notice.acceptance') {
        await issue(tx, templates, row, now, {
          kind: 'acceptance',
          templateId: 'notice.acceptance',
          vars: { caseId: row.id, name: row.applicantName, township, acceptedOn: row.acceptedOn ?? '' },
          payload: {},
        });
      }
    }
  };
}

async function issue(
  tx: Db,
  templates: TemplateStore,
  row: CaseRow,
  now: Date,
  notice: {
    kind: string;
    templateId: string;
    vars: Record<string, unknown>;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  const text = templates.render(notice.templateId, notice.vars);
  await tx.insert(caseNotices).values({
    caseId: row.id,
    kind: notice.kind,
    templateId: text.templateId,
    templateVersion: text.templateVersion,
    text: text.text,
    recipient: row.applicantUserId,
    payload: notice.payload,
    caseSeq: row.version + 1,
    createdAt: now,
  });
  if (!row.applicantUserId || !row.applicantChannel) return;
  await tx.insert(outbox).values({
    channel: row.applicantChannel,
    recipient: row.applicantUserId,
    openKfId: row.applicantOpenKfId,
    body: { text },
    createdAt: now,
    nextAttemptAt: now,
  });
}

/** Runs several effect runners in order, in the same transaction. */
export function composeEffects(...runners: EffectRunner[]): EffectRunner {
  return async (tx, row, effects, event, now) => {
    for (const run of runners) await run(tx, row, effects, event, now);
  };
}
