import { and, eq } from 'drizzle-orm';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { caseNotices, outbox, staffMembers } from '../db/schema';
import { MATERIALS } from '../domain/materials/catalogue-items';
import { MATERIALS_CATALOGUE_VERSION } from '../domain/materials/checklist';
import type { RenderedText, TemplateStore } from '../templates/template-store';
import type { CaseRow } from './case-records';
import type { EffectRunner } from './case-steps';

/**
 * Notices a step sets off, rendered from versioned templates, archived with the case exactly as
 * sent (text, template id and version, structured content) and queued to the applicant in the
 * step's transaction — to their chat when they applied in chat; otherwise the archived text is
 * what the township prints. Covers 受理通知 and the 一次性告知书 (六(一)); the other notices
 * follow the same path.
 */
export function noticeEffects(
  templates: TemplateStore,
  townships: readonly Township[],
  publicityDays = 7,
): EffectRunner {
  const townshipOf = (row: CaseRow) => townships.find((t) => t.id === row.townshipId);
  return async (tx, row, effects, event, now) => {
    const township = townshipOf(row)?.name ?? row.townshipId;
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
      } else if (effect === 'notice.publicity' && event.type === 'start_publicity') {
        // 六(三) and DOMAIN.md: publicity shows only name, household size, program, dates and the
        // supervision phone — never identifiers, income, assets, illness or the address.
        const vars = {
          name: row.applicantName,
          householdSize: row.householdSize,
          program: templates.phrase('chat.programs', row.program),
          startsOn: event.startsOn,
          endsOn: publicityEnd(event.startsOn, publicityDays),
          township,
          supervisionPhone: townshipOf(row)?.supervisionPhone ?? '',
        };
        const posted = await issue(tx, templates, row, now, {
          kind: 'publicity',
          templateId: 'notice.publicity',
          vars,
          payload: { startsOn: event.startsOn },
        });
        // The village committee posts it in the village (四(三)).
        for (const member of await staffOfTownship(tx, row.townshipId, 'village_committee')) {
          await enqueue(tx, { channel: 'app', userId: member.userId, openKfId: null }, posted, now);
        }
      } else if (
        effect === 'notice.approval' &&
        (event.type === 'decide_approve' || event.type === 'decide_adjust')
      ) {
        await issue(tx, templates, row, now, {
          kind: 'approval',
          templateId: 'notice.approval',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            program: templates.phrase('chat.programs', row.program),
            amount: String(event.amountFen / 100),
            monthly: row.program !== 'linshi',
            startMonth: event.startMonth,
          },
          payload: { amountFen: event.amountFen, startMonth: event.startMonth },
        });
      } else if (
        effect === 'notice.rejection' &&
        (event.type === 'decide_reject' || event.type === 'review_ineligible')
      ) {
        await issue(tx, templates, row, now, {
          kind: 'rejection',
          templateId: 'notice.rejection',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            program: templates.phrase('chat.programs', row.program),
            reasons: event.reasons,
          },
          payload: { reasons: event.reasons },
        });
      } else if (
        effect === 'notice.change' &&
        (event.type === 'decide_adjust' || event.type === 'decide_stop')
      ) {
        await issue(tx, templates, row, now, {
          kind: 'change',
          templateId: 'notice.change',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            program: templates.phrase('chat.programs', row.program),
            stop: event.type === 'decide_stop',
            amount: event.type === 'decide_adjust' ? String(event.amountFen / 100) : '',
            fromMonth: event.type === 'decide_adjust' ? event.startMonth : event.lastMonth,
            reasons: event.reasons,
          },
          payload: { type: event.type, reasons: event.reasons },
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

/** Renders a notice, archives it with the case and queues it to the applicant's chat, if any. */
export async function issue(
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
): Promise<RenderedText> {
  const text = templates.render(notice.templateId, notice.vars);
  await tx.insert(caseNotices).values({
    caseId: row.id,
    kind: notice.kind,
    templateId: text.templateId,
    templateVersion: text.templateVersion,
    text: text.text,
    recipient: row.applicantUserId,
    payload: notice.payload,
    // The step's audit entry: seq 1 is the submission, so a step on version v is seq v + 2.
    caseSeq: row.version + 2,
    createdAt: now,
  });
  if (row.applicantUserId && row.applicantChannel) {
    await enqueue(
      tx,
      { channel: row.applicantChannel, userId: row.applicantUserId, openKfId: row.applicantOpenKfId },
      text,
      now,
    );
  }
  return text;
}

async function enqueue(
  tx: Db,
  to: { channel: 'app' | 'kf'; userId: string; openKfId: string | null },
  text: RenderedText,
  now: Date,
): Promise<void> {
  await tx.insert(outbox).values({
    channel: to.channel,
    recipient: to.userId,
    openKfId: to.openKfId,
    body: { text },
    createdAt: now,
    nextAttemptAt: now,
  });
}

async function staffOfTownship(tx: Db, townshipId: string, role: 'village_committee') {
  return tx
    .select({ userId: staffMembers.userId })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.townshipId, townshipId),
        eq(staffMembers.role, role),
        eq(staffMembers.active, true),
      ),
    );
}

/** The last day of publicity: `days` calendar days counting the first (六(三): 7 days). */
function publicityEnd(startsOn: string, days: number): string {
  const d = new Date(`${startsOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}

/** Runs several effect runners in order, in the same transaction. */
export function composeEffects(...runners: EffectRunner[]): EffectRunner {
  return async (tx, row, effects, event, now) => {
    for (const run of runners) await run(tx, row, effects, event, now);
  };
}
