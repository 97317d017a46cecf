import { and, eq } from 'drizzle-orm';
import { toLocalDate } from '../../domain/calendar';
import { publicityPeriod } from '../../domain/deadlines';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { MATERIALS_CATALOGUE_VERSION } from '../../domain/materials/checklist';
import { formatYuan } from '../../domain/money';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { caseEvents, caseNotices, outbox, staffMembers } from '../db/schema';
import type { RenderedText, TemplateStore } from '../templates/template-store';
import { closeTimer } from './case-effects';
import type { CaseRow } from './case-records';
import type { EffectRunner } from './case-steps';
import { letterhead } from './notice-letterhead';

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
  const townshipOf = (row: CaseRow): Township => {
    const found = townships.find((t) => t.id === row.townshipId);
    if (!found) throw new Error(`case ${row.id}: township ${row.townshipId} is not in config/townships.json`);
    return found;
  };
  return async (tx, row, effects, event, now) => {
    const office = townshipOf(row);
    const township = office.name;
    const issue = (notice: NoticeSpec) => issueNotice(tx, templates, office, row, now, notice);
    for (const effect of effects) {
      if (effect === 'notice.materials' && event.type === 'request_materials') {
        await issue({
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
          endsOn: publicityPeriod(toLocalDate(event.startsOn), publicityDays).lastDay,
          days: publicityDays,
          township,
          supervisionPhone: office.supervisionPhone ?? '',
        };
        const posted = await issue({
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
        await issue({
          kind: 'approval',
          templateId: 'notice.approval',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            program: templates.phrase('chat.programs', row.program),
            amount: formatYuan(event.amountFen),
            monthly: row.program !== 'linshi',
            startMonth: event.startMonth,
          },
          payload: { amountFen: event.amountFen, startMonth: event.startMonth },
        });
      } else if (
        effect === 'notice.rejection' &&
        (event.type === 'decide_reject' || event.type === 'review_ineligible')
      ) {
        await issue({
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
        // The written notice reached the applicant in chat: the 3-working-day duty to inform in
        // writing (六(三)) is done, so its timer must not run on into a false 逾期 (D5). Without a
        // chat it stays open until the township hands the printed notice over.
        if (reachesApplicant(row)) await closeTimer(tx, 'rejection-notice', row.id, now);
      } else if (
        effect === 'notice.change' &&
        (event.type === 'decide_adjust' || event.type === 'decide_stop')
      ) {
        await issue({
          kind: 'change',
          templateId: 'notice.change',
          vars: {
            caseId: row.id,
            name: row.applicantName,
            township,
            program: templates.phrase('chat.programs', row.program),
            stop: event.type === 'decide_stop',
            amount: event.type === 'decide_adjust' ? formatYuan(event.amountFen) : '',
            fromMonth: event.type === 'decide_adjust' ? event.startMonth : event.lastMonth,
            reasons: event.reasons,
          },
          payload: { type: event.type, reasons: event.reasons },
        });
      } else if (effect === 'notice.not-accepted' && event.type === 'refuse_acceptance') {
        // 六(一): an application that cannot be accepted is refused in writing, with reasons.
        const reasons = event.reasons;
        const program = templates.phrase('chat.programs', row.program);
        await issue({
          kind: 'not_accepted',
          templateId: 'notice.not-accepted',
          vars: { caseId: row.id, name: row.applicantName, township, program, reasons },
          payload: { reasons },
        });
      } else if (effect === 'notice.acceptance') {
        await issue({
          kind: 'acceptance',
          templateId: 'notice.acceptance',
          vars: { caseId: row.id, name: row.applicantName, township, acceptedOn: row.acceptedOn ?? '' },
          payload: {},
        });
      }
    }
  };
}

export interface NoticeSpec {
  kind: string;
  templateId: string;
  vars: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Renders a notice under the township's letterhead, archives it with the case and sends it to the applicant. */
export async function issueNotice(
  tx: Db,
  templates: TemplateStore,
  office: Township,
  row: CaseRow,
  now: Date,
  notice: NoticeSpec,
): Promise<RenderedText> {
  const text = templates.render(notice.templateId, { ...letterhead(templates, office, now), ...notice.vars });
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
  if (reachesApplicant(row) && row.applicantUserId && row.applicantChannel) {
    await enqueue(
      tx,
      { channel: row.applicantChannel, userId: row.applicantUserId, openKfId: row.applicantOpenKfId },
      text,
      now,
    );
  }
  // 代为申请 (六(一)): the village committee member who handed it in gets every notice addressed to
  // the applicant, to hand on when the applicant has no chat of ours. The 公示 reaches the village
  // committee anyway, to be posted.
  if (row.submittedBy === 'village_committee' && notice.kind !== 'publicity') {
    const submitter = await submitterOf(tx, row.id);
    if (submitter) {
      const forwarded = templates.render('notice.forward-on-behalf', {
        name: row.applicantName,
        caseId: row.id,
        applicantReached: reachesApplicant(row),
        notice: text.text,
      });
      await enqueue(tx, { channel: 'app', userId: submitter, openKfId: null }, forwarded, now);
    }
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

/** Whether the applicant has a chat the notice is sent to (otherwise the township prints it). */
function reachesApplicant(row: CaseRow): boolean {
  return Boolean(row.applicantUserId && row.applicantChannel);
}

/** The staff member who handed the application in (the submission is the case's first event). */
async function submitterOf(tx: Db, caseId: string): Promise<string | undefined> {
  const [first] = await tx
    .select({ actorId: caseEvents.actorId })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'submit')))
    .limit(1);
  return first?.actorId;
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

/** Runs several effect runners in order, in the same transaction. */
export function composeEffects(...runners: EffectRunner[]): EffectRunner {
  return async (tx, row, effects, event, now) => {
    for (const run of runners) await run(tx, row, effects, event, now);
  };
}
