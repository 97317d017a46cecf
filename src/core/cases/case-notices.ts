import { and, desc, eq } from 'drizzle-orm';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { caseEvents, caseNotices, outbox, staffMembers } from '../db/schema';
import { caseworkersOf } from '../staff/staff-directory';
import type { RenderedText, TemplateStore } from '../templates/template-store';
import { closeTimer } from './case-effects';
import type { CaseRow } from './case-records';
import type { EffectRunner } from './case-steps';
import { letterhead } from './notice-letterhead';
import { isNoticeEffect, NOTICE_SPECS, type NoticeSpec } from './notice-specs';

/**
 * Notices a step sets off (the `notice.*` effects, built by NOTICE_SPECS), rendered from versioned
 * templates, archived with the case exactly as sent (text, template id and version, structured
 * content) and queued in the step's transaction: to the applicant's chat when they applied in
 * chat (otherwise the archived text is what the township prints), to the village committee for
 * the 公示 (四(三)), to the residence township for a 人户分离 investigation request.
 */
export function noticeEffects(
  templates: TemplateStore,
  townships: readonly Township[],
  publicityDays = 7,
): EffectRunner {
  const townshipOf = (id: string, caseId: string): Township => {
    const found = townships.find((t) => t.id === id);
    if (!found) throw new Error(`case ${caseId}: township ${id} is not in config/townships.json`);
    return found;
  };
  return async (tx, row, effects, event, now) => {
    const office = townshipOf(row.townshipId, row.id);
    const programName = templates.phrase('chat.programs', row.program);
    for (const effect of effects) {
      if (!isNoticeEffect(effect)) continue;
      const proposal = effect === 'notice.publicity' ? await proposalOf(tx, row.id) : undefined;
      const spec = NOTICE_SPECS[effect]({ row, event, office, programName, publicityDays, proposal });
      if (!spec) continue;
      if (spec.audience === 'residence-township') {
        const text = await archiveNotice(tx, templates, office, row, now, spec, null);
        const residence = row.residenceTownshipId!;
        for (const member of await caseworkersOf(tx, residence)) {
          await enqueue(tx, { channel: 'app', userId: member.userId, openKfId: null }, text, now);
        }
        continue;
      }
      const sent = await issueNotice(tx, templates, office, row, now, spec);
      if (spec.audience === 'village') {
        // The village committee posts it in the village (四(三)).
        for (const member of await staffOfTownship(tx, row.townshipId, 'village_committee')) {
          await enqueue(tx, { channel: 'app', userId: member.userId, openKfId: null }, sent, now);
        }
      }
      // The written notice reached the applicant in chat: the duty to inform in writing (六(三))
      // is done, so its timer must not run on into a false 逾期 (D5). Without a chat it stays
      // open until the township hands the printed notice over.
      if (spec.closesTimer && reachesApplicant(row)) await closeTimer(tx, spec.closesTimer, row.id, now);
    }
  };
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
  const text = await archiveNotice(tx, templates, office, row, now, notice);
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

/** Renders a notice under the township's letterhead and archives it with the case, as sent. */
async function archiveNotice(
  tx: Db,
  templates: TemplateStore,
  office: Township,
  row: CaseRow,
  now: Date,
  notice: NoticeSpec,
  recipient = row.applicantUserId,
): Promise<RenderedText> {
  const text = templates.render(notice.templateId, { ...letterhead(templates, office, now), ...notice.vars });
  await tx.insert(caseNotices).values({
    caseId: row.id,
    kind: notice.kind,
    templateId: text.templateId,
    templateVersion: text.templateVersion,
    text: text.text,
    recipient,
    payload: notice.payload,
    // The step's audit entry: seq 1 is the submission, so a step on version v is seq v + 2.
    caseSeq: row.version + 2,
    createdAt: now,
  });
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

/**
 * What the 公示 shows besides name and household size (六(三)): the amount the latest eligible
 * review proposed and the village it named — whoever starts the 公示 (chat, workbench, CLI).
 */
export async function proposalOf(
  tx: Db,
  caseId: string,
): Promise<{ amountFen: number; village: string | undefined } | undefined> {
  const [review] = await tx
    .select({ payload: caseEvents.payload })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.eventType, 'review_eligible')))
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  const proposed = review?.payload as { proposedAmountFen?: unknown; village?: unknown } | undefined;
  if (typeof proposed?.proposedAmountFen !== 'number') return undefined;
  return {
    amountFen: proposed.proposedAmountFen,
    village: typeof proposed.village === 'string' ? proposed.village : undefined,
  };
}

/** Runs several effect runners in order, in the same transaction. */
export function composeEffects(...runners: EffectRunner[]): EffectRunner {
  return async (tx, row, effects, event, now) => {
    for (const run of runners) await run(tx, row, effects, event, now);
  };
}
