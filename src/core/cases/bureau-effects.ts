import { formatYuan } from '../../domain/money';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { enqueueOutbox } from '../outbox/outbox-enqueue';
import { bureauSupervisors, caseworkersOf } from '../staff/staff-directory';
import type { RenderedText, TemplateStore } from '../templates/template-store';
import type { CaseRow } from './case-records';
import type { EffectRunner } from './case-steps';

/**
 * What the steps between a township and the bureau set off, in the step's transaction:
 *
 * - `alert.bureau` (转报 and 一事一议): every active bureau supervisor is told a case now waits for
 *   them — its number, township and program, and whether it is confidential, never the reason
 *   (an HIV referral's reason is the diagnosis; the supervisor reads it in `案件 <编号>`);
 *   after a 补办 that found 先行救助 unfounded, the case, the amount paid and the reasons, for the
 *   bureau to decide whether anything is to be returned (社会救助暂行办法 第六十八条);
 * The bureau's own written decisions are notices like the township's (notice-specs.ts).
 */
export function bureauEffects(templates: TemplateStore, townships: readonly Township[]): EffectRunner {
  const townshipOf = (row: CaseRow): Township => {
    const found = townships.find((t) => t.id === row.townshipId);
    if (!found) throw new Error(`case ${row.id}: township ${row.townshipId} is not in config/townships.json`);
    return found;
  };
  return async (tx, row, effects, event, now) => {
    for (const effect of effects) {
      if (effect === 'alert.bureau' && (event.type === 'refer_to_bureau' || event.type === 'escalate')) {
        await alertSupervisors(tx, templates, row, townshipOf(row).name, event.type === 'escalate', now);
      }
      // 六(六) 限期更正: the township learns what to put right; the bureau, that it was done.
      if (effect === 'alert.township' && event.type === 'bureau_requests_correction') {
        const text = templates.render('staff.bureau-correction-requested', {
          caseId: row.id,
          name: row.applicantName,
          items: event.items,
        });
        await tell(tx, await caseworkersOf(tx, row.townshipId), row, text, now);
      }
      if (effect === 'alert.bureau' && event.type === 'correction_done') {
        const text = templates.render('staff.bureau-correction-done', {
          caseId: row.id,
          township: townshipOf(row).name,
          summary: event.summary,
        });
        await tell(tx, await bureauSupervisors(tx), row, text, now);
      }
      if (effect === 'alert.bureau' && event.type === 'advance_records_unfounded') {
        const text = templates.render('staff.bureau-advance-unfounded', {
          caseId: row.id,
          township: townshipOf(row).name,
          name: row.applicantName,
          amount: formatYuan(row.amountFenPerMonth ?? 0),
          reasons: event.reasons,
        });
        await tell(tx, await bureauSupervisors(tx), row, text, now);
      }
    }
  };
}

async function alertSupervisors(
  tx: Db,
  templates: TemplateStore,
  row: CaseRow,
  township: string,
  escalated: boolean,
  now: Date,
): Promise<void> {
  const text = templates.render('staff.bureau-referral', {
    caseId: row.id,
    township,
    program: templates.phrase('chat.programs', row.program),
    escalated,
    confidential: row.hivTagged,
  });
  await tell(tx, await bureauSupervisors(tx), row, text, now);
}

/** Each staff member gets the text, with the case as a button. */
async function tell(
  tx: Db,
  staff: readonly { userId: string }[],
  row: CaseRow,
  text: RenderedText,
  now: Date,
): Promise<void> {
  if (staff.length === 0) return;
  await enqueueOutbox(
    tx,
    staff.map((s) => ({
      channel: 'app' as const,
      recipient: s.userId,
      body: { text, choices: [{ key: `case:${row.id}`, label: row.id }] },
    })),
    now,
  );
}
