import { chineseMonth, yuanDigits } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import type { Decision } from '../document-models';
import type { DocumentTemplate } from '../document-templates';
import { type BuildContext, centre, date, header, label, signatureLine, value } from '../form-parts';

/** 六(三): the review meeting has at least 5 participants. */
export const MIN_MEETING_ATTENDEES = 5;

/**
 * 评审合议会会议记录 (六(三): “结果以会议记录形式纳入审批档案”; family members, income and assets
 * are confirmed at the meeting; ≥5 participants including group members and caseworkers, 纪委
 * staff and village representatives may be invited). One record per meeting, every case decided
 * in it; each attendee signs.
 */
export const meetingMinutesBuilder: DocumentBuilder = {
  kind: 'meeting_minutes',
  refuse: (kase) => {
    if (kase.hivTagged)
      return refusal('meeting_minutes', 'confidential_case', 'HIV-tagged: no township meeting');
    if (!kase.meeting) return refusal('meeting_minutes', 'step_not_reached', 'no meeting recorded');
    if (kase.meeting.attendees.length < MIN_MEETING_ATTENDEES) {
      return refusal(
        'meeting_minutes',
        'quorum_not_met',
        `${kase.meeting.attendees.length} attendees, at least ${MIN_MEETING_ATTENDEES} needed`,
      );
    }
    return undefined;
  },
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const meeting = kase.meeting!;
    header(ctx, t.t('title'), 17);
    canvas.table(
      [16, 34, 16, 34],
      [
        {
          cells: [
            label(t.t('heldOn')),
            value(date(ctx, meeting.heldOn)),
            label(t.t('place')),
            value(meeting.place),
          ],
        },
        { cells: [label(t.t('host')), value(meeting.host), label(t.t('recorder')), value(meeting.recorder)] },
      ],
    );
    canvas.space(6);
    canvas.paragraph(t.t('basis'), { size: 9.5, leading: 1.5 });
    canvas.space(4);
    canvas.paragraph(t.t('attendees', { count: meeting.attendees.length }), { size: 12, face: 'bold' });
    canvas.table(
      [8, 20, 30, 22, 20],
      [
        {
          cells: [
            label(t.t('n')),
            label(t.t('name')),
            label(t.t('position')),
            label(t.t('role')),
            label(t.t('signature')),
          ],
        },
        ...meeting.attendees.map((a, i) => ({
          cells: [
            centre(String(i + 1)),
            centre(a.name),
            centre(a.position),
            centre(t.t(`role.${a.role}`)),
            centre(''),
          ],
          minHeight: 24,
        })),
      ],
      { header: 1, size: 10 },
    );
    canvas.space(10);
    canvas.paragraph(t.t('section.cases'), { size: 12, face: 'bold' });
    canvas.table(
      [17, 12, 11, 9, 12, 19, 20],
      [
        {
          cells: [
            label(t.t('caseId')),
            label(t.t('applicant')),
            label(t.t('program')),
            label(t.t('householdSize')),
            label(t.t('decision')),
            label(t.t('amount')),
            label(t.t('reasons')),
          ],
        },
        ...meeting.items.map((item) => ({
          cells: [
            centre(item.caseId),
            centre(item.applicantName),
            centre(common.t(`programShort.${item.program}`)),
            centre(String(decidedSize(item.decision) ?? item.householdSize)),
            centre(t.t(`decision.${item.decision?.type ?? 'undecided'}`)),
            centre(amountText(ctx, t, item.program, item.decision)),
            value(reasonsOf(item.decision).join('；')),
          ],
        })),
      ],
      { header: 1, size: 9.5 },
    );
    canvas.space(12);
    signatureLine(ctx, t.t('hostSigns'));
    signatureLine(ctx, t.t('recorderSigns'));
  },
};

function decidedSize(decision: Decision | undefined): number | undefined {
  return decision && (decision.type === 'approve' || decision.type === 'adjust')
    ? decision.householdSize
    : undefined;
}

function reasonsOf(decision: Decision | undefined): string[] {
  return decision && decision.type !== 'approve' ? decision.reasons : [];
}

function amountText(
  ctx: BuildContext,
  t: DocumentTemplate,
  program: string,
  decision: Decision | undefined,
): string {
  if (!decision) return '';
  if (decision.type === 'stop')
    return t.t('stopAfter', { month: chineseMonth(ctx.common, decision.lastMonth) });
  if (decision.type === 'reject') return '';
  const amount = yuanDigits(decision.amountFen);
  return program === 'linshi'
    ? t.t('oneTime', { amount })
    : t.t('monthly', { amount, month: chineseMonth(ctx.common, decision.startMonth) });
}
